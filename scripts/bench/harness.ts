import { performance } from "node:perf_hooks";
import { openDatabase, type OpenDatabase } from "../../lib/db/open";
import { deployMigrations } from "../../lib/db/migrate";
// Aliased: the name starts with "use", which the React hooks lint rule would otherwise mistake for a hook.
import { getDatabase } from "../../lib/db";
import { freshDatabase, type BenchDatabase } from "./fresh-database";

// What the route-handler benchmarks (bench:alerts, bench:devices, bench:tvm) share: a seeded PRNG so two runs time
// the same requests, the percentile summary they print, a migrated throwaway database, and the list-paging loop.

export type BenchKind = "pglite" | "postgresql";

/** Deterministic PRNG so two runs time the same requests. */
export function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Milliseconds to one decimal, as the benches print them. */
export const round1 = (n: number) => Math.round(n * 10) / 10;

/** The p50/p95/p99 fields of a bench's JSON line; sorts `timings` in place. */
export function latencySummary(timings: number[]): { p50_ms: number; p95_ms: number; p99_ms: number } {
  timings.sort((a, b) => a - b);
  return {
    p50_ms: round1(percentile(timings, 50)),
    p95_ms: round1(percentile(timings, 95)),
    p99_ms: round1(percentile(timings, 99)),
  };
}

async function open(bench: BenchDatabase): Promise<OpenDatabase> {
  const location =
    bench.kind === "pglite"
      ? { kind: "pglite" as const, dataDir: bench.env.PGLITE_DIR }
      : { kind: "postgresql" as const, url: bench.env.DATABASE_URL };
  const database = openDatabase(location);
  await deployMigrations({ location, adapterFactory: database.adapterFactory });
  return database;
}

/**
 * Runs `body` on a fresh migrated database that the domain layer points at, then closes and drops it (unless
 * `keep` says to leave it for a manual EXPLAIN; its URL goes to stderr).
 */
export async function withBenchDatabase(
  kind: BenchKind,
  body: (database: OpenDatabase) => Promise<void>,
  opts: { keep?: boolean } = {},
): Promise<void> {
  const bench = await freshDatabase(kind);
  const database = await open(bench);
  try {
    getDatabase.replaceForTests(database);
    await body(database);
  } finally {
    await database.close();
    if (opts.keep && kind === "postgresql") console.error(`kept: ${bench.env.DATABASE_URL}`);
    else await bench.drop();
  }
}

/**
 * Times `requests` calls of a list route: 5 uncounted warm-up calls (they compile the route and fill caches), then
 * fresh views mixed with "load more" on the previous view (about a third, as infinite scroll does).
 */
export async function timeListRequests(opts: {
  requests: number;
  rand: () => number;
  viewFor: (rand: () => number) => string;
  fetchPage: (query: string) => Promise<Response>;
}): Promise<{ timings: number[]; slow: { ms: number; query: string }[] }> {
  const { requests, rand, viewFor, fetchPage } = opts;
  const timings: number[] = [];
  const slow: { ms: number; query: string }[] = [];
  let last: { view: string; cursor: string | null } | null = null;
  for (let i = 0; i < 5; i++) await fetchPage(viewFor(rand));
  for (let i = 0; i < requests; i++) {
    const previous: { view: string; cursor: string | null } | null = last;
    const nextPage = previous?.cursor && rand() < 0.35 ? previous : null;
    const view: string = nextPage ? nextPage.view : viewFor(rand);
    const query = nextPage ? `${view}&cursor=${encodeURIComponent(nextPage.cursor!)}` : view;
    const start = performance.now();
    const res = await fetchPage(query);
    const body = (await res.json()) as { nextCursor?: string | null; error?: unknown };
    const ms = performance.now() - start;
    if (res.status !== 200) throw new Error(`${query} → ${res.status} ${JSON.stringify(body)}`);
    timings.push(ms);
    slow.push({ ms, query });
    last = { view, cursor: body.nextCursor ?? null };
  }
  return { timings, slow };
}

/** With --verbose: the slowest requests, slowest first. */
export function printSlowest(slow: { ms: number; query: string }[], count = 12): void {
  for (const s of [...slow].sort((a, b) => b.ms - a.ms).slice(0, count))
    console.error(`  ${s.ms.toFixed(1)} ms  ${s.query}`);
}
