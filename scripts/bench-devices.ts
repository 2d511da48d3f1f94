// npm run bench:devices [-- --rows 50000 --requests 300 --db pglite,postgresql]
// Fills a fresh database with generated devices (one INSERT … SELECT generate_series: a fixture, not a sync), then
// times requests to the inventory's route handler — called directly with a session cookie, so the figure includes
// authentication, parsing, the query, the first page's count and JSON — mixing tabs, filters, search, sorts and
// next pages. One JSON line per database on stdout.
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { callRoute, sessionCookieFor } from "../lib/auth/testing";
import { GET as listDevices } from "../app/api/devices/route";
import { DEVICE_SORT_COLUMNS } from "../lib/devices/schemas";
import { cacheTenantId } from "../lib/cache/tenant";
import {
  latencySummary,
  mulberry32,
  printSlowest,
  timeListRequests,
  withBenchDatabase,
  type BenchKind,
} from "./bench/harness";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "50000" },
    requests: { type: "string", default: "300" },
    db: { type: "string", default: "pglite,postgresql" },
    verbose: { type: "boolean", default: false },
    /** Keep the PostgreSQL database afterwards (its URL goes to stderr), to EXPLAIN a slow query by hand. */
    keep: { type: "boolean", default: false },
  },
});

// An estate shaped like the emulator's: mostly Windows, some servers (MDE only), Macs, Linux, mobiles (Intune
// only); most sensors active; risk skewed low; ~1 % isolated.
const SEED_SQL = `
INSERT INTO "Device" ("tenantId","id","mdeMachineId","intuneDeviceId","aadDeviceId","inMde","inIntune","name","platform","osPlatform","osVersion","osBuild",
  "rbacGroupId","rbacGroupName","riskScore","exposureLevel","healthStatus","onboardingStatus","machineTags","lastIpAddress","firstSeen","lastSeen",
  "isolationState","complianceState","isEncrypted","managementAgent","primaryUserUpn","primaryUserName","lastIntuneSync",
  "openAlerts","vulnCritical","vulnHigh","vulnMedium","vulnLow")
SELECT
  $2,
  md5('dev' || i::text)::uuid::text,
  CASE WHEN plat <> 'mobile' THEN md5('m' || i::text) || substr(md5('n' || i::text), 1, 8) END,
  CASE WHEN plat <> 'server' AND plat <> 'linux' THEN md5('intune' || i::text)::uuid::text END,
  md5('aad' || i::text)::uuid::text,
  plat <> 'mobile',
  plat NOT IN ('server', 'linux'),
  grp_code || '-' || CASE plat WHEN 'windows' THEN 'lt' WHEN 'server' THEN 'srv' WHEN 'mac' THEN 'mac' WHEN 'linux' THEN 'lx' ELSE 'mob' END
    || '-' || lpad(i::text, 6, '0') || CASE WHEN plat = 'mobile' THEN '' ELSE '.contoso.example' END,
  CASE plat WHEN 'windows' THEN 'Windows' WHEN 'server' THEN 'Windows' WHEN 'mac' THEN 'macOS' WHEN 'linux' THEN 'Linux' ELSE (CASE WHEN i % 2 = 0 THEN 'iOS' ELSE 'Android' END) END,
  CASE plat WHEN 'windows' THEN (CASE WHEN i % 3 = 0 THEN 'Windows10' ELSE 'Windows11' END) WHEN 'server' THEN 'WindowsServer2022' WHEN 'mac' THEN 'macOS'
    WHEN 'linux' THEN 'Ubuntu' ELSE (CASE WHEN i % 2 = 0 THEN 'iOS' ELSE 'Android' END) END,
  '10.0', CASE WHEN plat IN ('windows', 'server') THEN 22000 + (i % 700) END,
  101 + (i % 8), grp,
  CASE WHEN plat = 'mobile' THEN NULL ELSE (ARRAY['None','None','Low','Low','Low','Medium','Medium','High','Informational','None'])[1 + (i * 7 % 10)] END,
  CASE WHEN plat = 'mobile' THEN NULL ELSE (ARRAY['Low','Low','Medium','Medium','High','None'])[1 + (i * 11 % 6)] END,
  CASE WHEN plat = 'mobile' THEN NULL ELSE (ARRAY['Active','Active','Active','Active','Active','Active','Active','Active','Active','Active','Active','Active','Inactive','ImpairedCommunication','NoSensorData'])[1 + (i * 13 % 15)] END,
  CASE WHEN plat = 'mobile' THEN NULL WHEN i % 67 = 0 THEN 'CanBeOnboarded' ELSE 'Onboarded' END,
  CASE i % 9 WHEN 0 THEN ARRAY['VIP'] WHEN 1 THEN ARRAY['PCI'] WHEN 2 THEN ARRAY['Pilot ring','VIP'] ELSE ARRAY[]::text[] END,
  CASE WHEN plat = 'mobile' THEN NULL ELSE '10.' || (i % 250)::text || '.' || (i / 250 % 250)::text || '.' || (i % 200 + 1)::text END,
  now() - interval '400 days' + (i % 300) * interval '1 day',
  CASE WHEN plat = 'mobile' THEN NULL ELSE now() - (i % 40) * interval '6 hours' END,
  CASE WHEN i % 97 = 0 THEN 'Isolated' ELSE 'NotIsolated' END,
  CASE WHEN plat IN ('server', 'linux') THEN NULL ELSE (ARRAY['compliant','compliant','compliant','compliant','compliant','noncompliant','inGracePeriod','unknown'])[1 + (i * 3 % 8)] END,
  CASE WHEN plat IN ('server', 'linux') THEN NULL ELSE i % 10 <> 0 END,
  CASE WHEN plat IN ('server', 'linux') THEN NULL WHEN plat = 'mobile' THEN 'mdm' ELSE 'msSense' END,
  CASE WHEN plat IN ('server', 'linux') THEN NULL ELSE 'user' || (i % 30000)::text || '@contoso.example' END,
  CASE WHEN plat IN ('server', 'linux') THEN NULL ELSE 'User ' || (i % 30000)::text END,
  CASE WHEN plat IN ('server', 'linux') THEN NULL ELSE now() - (i % 72) * interval '1 hour' END,
  (i * 31 % 100) / 90, (i * 17 % 10) / 8, i * 7 % 12, i * 5 % 20, i * 3 % 25
FROM (
  SELECT i,
    (ARRAY['windows','windows','windows','windows','windows','windows','windows','server','mac','linux','mobile','mobile'])[1 + (i * 5 % 12)] AS plat,
    (ARRAY['Finance','Engineering','Sales','Human Resources','Executives','Servers - Production','Servers - Development','Mobile Devices'])[1 + (i % 8)] AS grp,
    (ARRAY['fin','eng','sal','hr','exe','srv','dev','mob'])[1 + (i % 8)] AS grp_code
  FROM generate_series(1, $1::int) AS i
) s`;

/** The views responders open: tabs, quick filters, a column filter or two, searches, every sort. */
function viewFor(rand: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const q = new URLSearchParams();
  const filters: (() => void)[] = [
    () =>
      q.set(
        "flag",
        pick(["highRisk", "inactive", "notOnboarded", "nonCompliant", "isolated", "highRisk,nonCompliant"]),
      ),
    () => q.set("risk", pick(["High", "High,Medium", "Low"])),
    () => q.set("exposure", pick(["High", "Medium,High"])),
    () => q.set("health", pick(["Inactive", "ImpairedCommunication,NoSensorData"])),
    () => q.set("compliance", pick(["noncompliant", "inGracePeriod,unknown"])),
    () => q.set("group", pick(["Finance", "Engineering,Sales", "Servers - Production"])),
    () => q.set("tag", pick(["VIP", "PCI"])),
    () => q.set("onboarding", "CanBeOnboarded"),
    () => q.set("isolation", "Isolated"),
    () => q.set("q", pick(["fin-lt-0001", "user123", "10.42.", "srv", "contoso"])),
  ];
  if (rand() < 0.4) q.set("platform", pick(["windows", "windows", "macos", "linux", "mobile"]));
  const nFilters = pick([0, 0, 1, 1, 1, 2, 2, 3]);
  for (let i = 0; i < nFilters; i++) pick(filters)();
  // Name is what analysts sort by most: weighted three times, every other sort column once.
  const sort = pick(["name", "name", ...DEVICE_SORT_COLUMNS]);
  if (sort !== "name") q.set("sort", sort);
  if (rand() < 0.3) q.set("dir", rand() < 0.5 ? "asc" : "desc");
  q.set("limit", "50");
  return q.toString();
}

async function benchOne(kind: BenchKind, rows: number, requests: number): Promise<void> {
  await withBenchDatabase(
    kind,
    async (database) => {
      const t0 = performance.now();
      await database.prisma.$executeRawUnsafe(SEED_SQL, rows, cacheTenantId());
      await database.prisma.$executeRawUnsafe(`ANALYZE "Device"`);
      await database.prisma.$executeRawUnsafe(`VACUUM "Device"`);
      if (values.verbose) console.error(`${kind}: seeded ${rows} devices in ${Math.round(performance.now() - t0)} ms`);
      const cookie = await sessionCookieFor("Responder", "bench");
      const { timings, slow } = await timeListRequests({
        requests,
        rand: mulberry32(20261126),
        viewFor,
        fetchPage: (query) => callRoute(listDevices, { path: `/api/devices?${query}`, headers: { cookie } }),
      });
      console.log(JSON.stringify({ bench: "devices", db: kind, rows, requests, ...latencySummary(timings) }));
      if (values.verbose) printSlowest(slow);
    },
    { keep: values.keep },
  );
}

async function main() {
  const rows = Number(values.rows);
  const requests = Number(values.requests);
  for (const kind of values.db.split(",") as BenchKind[]) await benchOne(kind, rows, requests);
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(`bench:devices: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
