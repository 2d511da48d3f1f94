// npm run bench:alerts [-- --rows 100000 --requests 300 --db pglite,postgresql --no-page --verbose]
// Fills a fresh database with generated alerts (one INSERT … SELECT generate_series: a fixture, not a sync), then
// times requests to the queue's route handler — called directly with a session cookie, so the figure includes
// authentication, parsing, the query and JSON — mixing filters, sorts, grouping and next pages.
// One JSON line per database on stdout.
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { openDatabase, type OpenDatabase } from "../lib/db/open";
import { deployMigrations } from "../lib/db/migrate";
// Aliased: the name starts with "use", which the React hooks lint rule would otherwise mistake for a hook.
import { useDatabaseForTests as pointDomainLayerAt } from "../lib/db";
import { callRoute, sessionCookieFor } from "../lib/auth/testing";
import { GET as listAlerts } from "../app/api/alerts/route";
import { freshDatabase, type BenchDatabase } from "./bench/fresh-database";
import { seedBenchAlerts } from "./bench/alert-fixture";
import { benchAlertsPage } from "./bench/alerts-page";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "100000" },
    requests: { type: "string", default: "300" },
    db: { type: "string", default: "pglite,postgresql" },
    verbose: { type: "boolean", default: false },
    // --no-page skips the browser half (time to first rows, first-load JavaScript).
    page: { type: "boolean", default: true },
  },
});

/** Deterministic PRNG so two runs time the same requests. */
function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The views analysts open: mostly the default and status/severity filters, some search, sorts on every column. */
function viewFor(rand: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const q = new URLSearchParams();
  const filters: (() => void)[] = [
    () => q.set("status", pick(["New", "New,InProgress", "InProgress"])),
    () => q.set("severity", pick(["High", "High,Medium", "Low,Informational"])),
    () => q.set("priority", pick(["Critical", "Critical,High", "Medium"])),
    () => q.set("category", pick(["Ransomware", "CredentialAccess,LateralMovement", "Execution"])),
    () => q.set("source", pick(["WindowsDefenderAv", "CustomDetection"])),
    () => q.set("assignedTo", pick(["unassigned", "analyst3@contoso.example", "@me"])),
    () => q.set("technique", pick(["T1003", "T1486", "T1059"])),
    () => q.set("q", pick(["lsass", "host-42", "user17", "powershell"])),
    () => q.set("sla", pick(["breached", "near"])),
    () => q.set("device", `host-${Math.floor(rand() * 2000)}.contoso.example`),
  ];
  const nFilters = pick([0, 0, 1, 1, 1, 2, 2, 3]);
  for (let i = 0; i < nFilters; i++) pick(filters)();
  q.set("range", pick(["1d", "7d", "30d", "30d", "30d", "90d", "180d"]));
  const sort = pick(["age", "age", "age", "priority", "sla", "severity", "status", "title", "device", "user", "assignedTo", "category", "source", "technique"]);
  if (sort !== "age") q.set("sort", sort);
  if (rand() < 0.3) q.set("dir", rand() < 0.5 ? "asc" : "desc");
  if (rand() < 0.1) q.set("group", pick(["incident", "device", "title"]));
  q.set("limit", "50");
  return q.toString();
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function open(bench: BenchDatabase): Promise<OpenDatabase> {
  const location = bench.kind === "pglite" ? { kind: "pglite" as const, dataDir: bench.env.PGLITE_DIR } : { kind: "postgresql" as const, url: bench.env.DATABASE_URL };
  const database = openDatabase(location);
  await deployMigrations({ location, adapterFactory: database.adapterFactory });
  return database;
}

async function benchOne(kind: "pglite" | "postgresql", rows: number, requests: number): Promise<void> {
  const bench = await freshDatabase(kind);
  const database = await open(bench);
  try {
    pointDomainLayerAt(database);
    const t0 = performance.now();
    await seedBenchAlerts(database.prisma, rows);
    if (values.verbose) console.error(`${kind}: seeded ${rows} alerts in ${Math.round(performance.now() - t0)} ms`);
    const cookie = await sessionCookieFor("Analyst", "analyst3");

    const rand = mulberry32(20261126);
    const timings: number[] = [];
    const slow: { ms: number; query: string }[] = [];
    let last: { view: string; cursor: string | null } | null = null;
    // Warm-up: the first calls compile the route and fill the settings cache; not counted.
    for (let i = 0; i < 5; i++) await callRoute(listAlerts, { path: `/api/alerts?${viewFor(rand)}`, headers: { cookie } });
    for (let i = 0; i < requests; i++) {
      // A third of requests are "load more" on the previous view, as infinite scroll does.
      const previous: { view: string; cursor: string | null } | null = last;
      const nextPage = previous?.cursor && rand() < 0.35 ? previous : null;
      const view: string = nextPage ? nextPage.view : viewFor(rand);
      const query = nextPage ? `${view}&cursor=${encodeURIComponent(nextPage.cursor!)}` : view;
      const start = performance.now();
      const res = await callRoute(listAlerts, { path: `/api/alerts?${query}`, headers: { cookie } });
      const body = (await res.json()) as { nextCursor?: string | null; error?: unknown };
      const ms = performance.now() - start;
      if (res.status !== 200) throw new Error(`${query} → ${res.status} ${JSON.stringify(body)}`);
      timings.push(ms);
      slow.push({ ms, query });
      last = { view, cursor: body.nextCursor ?? null };
    }
    timings.sort((a, b) => a - b);
    const round = (n: number) => Math.round(n * 10) / 10;
    console.log(JSON.stringify({ bench: "alerts", db: kind, rows, requests, p50_ms: round(percentile(timings, 50)), p95_ms: round(percentile(timings, 95)), p99_ms: round(percentile(timings, 99)) }));
    if (values.verbose) for (const s of slow.sort((a, b) => b.ms - a.ms).slice(0, 12)) console.error(`  ${s.ms.toFixed(1)} ms  ${s.query}`);
  } finally {
    await database.close();
    await bench.drop();
  }
}

async function main() {
  const rows = Number(values.rows);
  const requests = Number(values.requests);
  const kinds = values.db.split(",") as ("pglite" | "postgresql")[];
  for (const kind of kinds) await benchOne(kind, rows, requests);
  // The page is measured once, on the production database when it is in the run.
  if (values.page) await benchAlertsPage({ kind: kinds.includes("postgresql") ? "postgresql" : kinds[0], rows, verbose: values.verbose });
  // Nothing else is running in this process; PGlite's worker would otherwise keep it alive.
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(`bench:alerts: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
