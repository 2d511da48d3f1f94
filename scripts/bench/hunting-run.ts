// Child of bench-hunting.ts: migrates the given database, signs an Analyst in, then times real hunting queries through
// the console's route (POST /api/hunting/run, called directly with the session cookie, so the figure includes
// authentication, the shared quota in the database, the Graph call to the emulator and the history row). Then the
// floor: the same queries sent straight to the emulator's Graph API, and a trivial query through the route. Runs with
// NODE_EXTRA_CA_CERTS set from its start, like the console. One JSON line each on stdout.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { POST as runRoute } from "../../app/api/hunting/run/route";
import { callRoute, sessionCookieFor, TEST_ORIGIN } from "../../lib/auth/testing";
import { getConfig } from "../../lib/config/env";
import { getDatabase } from "../../lib/db";
import { deployMigrations } from "../../lib/db/migrate";
import { createGraphClient, runHuntingQuery } from "../../lib/graph";
import { HUNTING_TIMEOUT_MS } from "../../lib/graph";
import { starterQueries } from "../../lib/hunting";
import { round1 } from "./harness";

const { values } = parseArgs({
  options: {
    devices: { type: "string" },
    queries: { type: "string", default: "10" },
    rounds: { type: "string", default: "3" },
    verbose: { type: "boolean", default: false },
  },
});

const TIMESPAN = "P7D";
const FIXTURES = "emulator/test/fixtures/hunting-queries.json";

/** `count` real public hunting queries from the emulator's contract fixture, spread evenly over it. */
function fixtureQueries(count: number): string[] {
  const all = (JSON.parse(readFileSync(FIXTURES, "utf8")) as { queries: { query: string }[] }).queries;
  const step = all.length / Math.max(1, count);
  return Array.from({ length: Math.min(count, all.length) }, (_, i) => all[Math.floor(i * step)]!.query);
}

function summary(timings: number[]) {
  const sorted = [...timings].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  return { p50_ms: round1(at(50)), p95_ms: round1(at(95)), max_ms: round1(sorted.at(-1) ?? 0) };
}

/**
 * A fresh quota before each round, in the console (its counted calls and any refusal) and in the emulator (a fault
 * change resets its hunting quota; the CPU budget is raised so a 10,000-device tenant's scans do not spend it): the
 * bench measures queries, not the 45-a-minute limit.
 */
async function freshQuota(): Promise<void> {
  const prisma = getDatabase().prisma;
  await prisma.providerCall.deleteMany({ where: { family: "graph.runHuntingQuery" } });
  await prisma.huntingThrottle.deleteMany({});
  const res = await fetch(`${process.env.EMULATOR_URL}/_emulator/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ huntingCpuBudget: 2_000_000_000 }),
  });
  if (!res.ok) throw new Error(`emulator faults: HTTP ${res.status}`);
}

async function main() {
  const kind = getConfig().database.kind;
  const database = getDatabase();
  await deployMigrations({ location: getConfig().database, adapterFactory: database.adapterFactory });
  const cookie = await sessionCookieFor("Analyst", "hunter");
  const queries = [...fixtureQueries(Number(values.queries)), ...starterQueries().map((s) => s.query)];
  const rounds = Number(values.rounds);
  if (queries.length > 40) throw new Error("at most 40 queries a round: the tenant allows 45 calls a minute");

  const route = (query: string) =>
    callRoute(runRoute, {
      method: "POST",
      path: "/api/hunting/run",
      headers: { cookie, origin: TEST_ORIGIN },
      body: { query, timespan: TIMESPAN },
    });
  // Uncounted warm-up: compiles the route, signs the app in, and lets the emulator build its tables.
  await freshQuota();
  await route(queries[0]!);

  const timings: number[] = [];
  let rowsMax = 0;
  let failures = 0;
  for (let round = 0; round < rounds; round++) {
    await freshQuota();
    for (const query of queries) {
      const started = performance.now();
      const res = await route(query);
      const body = (await res.json()) as { rowCount?: number; error?: { message: string } };
      timings.push(performance.now() - started);
      if (res.status !== 200) {
        failures++;
        console.error(`bench:hunting: ${res.status} ${body.error?.message ?? ""} for ${query.slice(0, 80)}`);
      } else rowsMax = Math.max(rowsMax, body.rowCount ?? 0);
      if (values.verbose)
        console.error(
          `  ${Math.round(performance.now() - started)} ms ${body.rowCount ?? "-"} rows ${query.split("\n")[0]!.slice(0, 70)}`,
        );
    }
  }
  console.log(
    JSON.stringify({
      bench: "hunting",
      db: kind,
      devices: Number(values.devices),
      days: 7,
      queries: queries.length,
      runs: timings.length,
      failures,
      ...summary(timings),
      rows_max: rowsMax,
    }),
  );

  // The floor: the emulator alone (same queries, straight to its Graph API), and the route with a trivial query.
  await freshQuota();
  const graph = createGraphClient({ maxRetries: 0, timeoutMs: HUNTING_TIMEOUT_MS });
  const raw: number[] = [];
  for (const query of queries) {
    const started = performance.now();
    await runHuntingQuery(graph, { query, timespan: TIMESPAN }).catch(() => undefined);
    raw.push(performance.now() - started);
  }
  const trivial: number[] = [];
  for (let i = 0; i < 10; i++) {
    const started = performance.now();
    await route("DeviceInfo | take 1");
    trivial.push(performance.now() - started);
  }
  const emulator = summary(raw);
  const console_ = summary(trivial);
  console.log(
    JSON.stringify({
      bench: "hunting-floor",
      db: kind,
      devices: Number(values.devices),
      queries: queries.length,
      emulator_p50_ms: emulator.p50_ms,
      emulator_p95_ms: emulator.p95_ms,
      emulator_max_ms: emulator.max_ms,
      trivial_route_p50_ms: console_.p50_ms,
      trivial_route_p95_ms: console_.p95_ms,
    }),
  );
  await database.close();
  process.exit(failures ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(`bench:hunting: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
