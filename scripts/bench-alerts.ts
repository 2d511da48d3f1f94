// npm run bench:alerts [-- --rows 100000 --requests 300 --db pglite,postgresql --skip-page --verbose]
// Fills a fresh database with generated alerts (one INSERT … SELECT generate_series: a fixture, not a sync), then
// times requests to the queue's route handler — called directly with a session cookie, so the figure includes
// authentication, parsing, the query and JSON — mixing filters, sorts, grouping and next pages.
// One JSON line per database on stdout.
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { callRoute, sessionCookieFor } from "../lib/auth/testing";
import { GET as listAlerts } from "../app/api/alerts/route";
import {
  latencySummary,
  mulberry32,
  printSlowest,
  timeListRequests,
  withBenchDatabase,
  type BenchKind,
} from "./bench/harness";
import { seedBenchAlerts } from "./bench/alert-fixture";
import { benchAlertsPage } from "./bench/alerts-page";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "100000" },
    requests: { type: "string", default: "300" },
    db: { type: "string", default: "pglite,postgresql" },
    verbose: { type: "boolean", default: false },
    // Skips the browser half (time to first rows, first-load JavaScript). Node 20 has no --no-x negation.
    "skip-page": { type: "boolean", default: false },
  },
});

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
  const sort = pick([
    "age",
    "age",
    "age",
    "priority",
    "sla",
    "severity",
    "status",
    "title",
    "device",
    "user",
    "assignedTo",
    "category",
    "source",
    "technique",
  ]);
  if (sort !== "age") q.set("sort", sort);
  if (rand() < 0.3) q.set("dir", rand() < 0.5 ? "asc" : "desc");
  if (rand() < 0.1) q.set("group", pick(["incident", "device", "title"]));
  q.set("limit", "50");
  return q.toString();
}

async function benchOne(kind: BenchKind, rows: number, requests: number): Promise<void> {
  await withBenchDatabase(kind, async (database) => {
    const t0 = performance.now();
    await seedBenchAlerts(database.prisma, rows);
    if (values.verbose) console.error(`${kind}: seeded ${rows} alerts in ${Math.round(performance.now() - t0)} ms`);
    const cookie = await sessionCookieFor("Analyst", "analyst3");
    const { timings, slow } = await timeListRequests({
      requests,
      rand: mulberry32(20261126),
      viewFor,
      fetchPage: (query) => callRoute(listAlerts, { path: `/api/alerts?${query}`, headers: { cookie } }),
    });
    console.log(JSON.stringify({ bench: "alerts", db: kind, rows, requests, ...latencySummary(timings) }));
    if (values.verbose) printSlowest(slow);
  });
}

async function main() {
  const rows = Number(values.rows);
  const requests = Number(values.requests);
  const kinds = values.db.split(",") as BenchKind[];
  for (const kind of kinds) await benchOne(kind, rows, requests);
  // The page is measured once, on the production database when it is in the run.
  if (!values["skip-page"])
    await benchAlertsPage({
      kind: kinds.includes("postgresql") ? "postgresql" : kinds[0],
      rows,
      verbose: values.verbose,
    });
  // Nothing else is running in this process; PGlite's worker would otherwise keep it alive.
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(`bench:alerts: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
