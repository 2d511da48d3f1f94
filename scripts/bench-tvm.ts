// npm run bench:tvm [-- --devices 10000 --vulns-per-device 100 --requests 300 --db pglite,postgresql --verbose]
// Fills a fresh database with a tenant of 10,000 devices and 1,000,000 device–vulnerability rows (INSERT … SELECT
// generate_series: a fixture, not a sync), runs the same aggregate refresh the TVM sync runs, then times requests
// to the dashboard's API route handlers — called directly with a session cookie, so the figure includes
// authentication, parsing, the queries and JSON. One JSON line per database on stdout; seeding and refresh
// timings go to stderr.
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { callRoute, sessionCookieFor } from "../lib/auth/testing";
import type { PrismaClient } from "../lib/db";
import { deriveAfter } from "../lib/sync/derive";
import { refreshTvmAggregates } from "../lib/cache/tvm-aggregates";
import { cacheTenantId } from "../lib/cache/tenant";
import { GET as dashboardRoute } from "../app/api/tvm/dashboard/route";
import { GET as vulnerabilitiesRoute } from "../app/api/tvm/vulnerabilities/route";
import { GET as cveRoute } from "../app/api/tvm/vulnerabilities/[id]/route";
import { GET as recommendationsRoute } from "../app/api/tvm/recommendations/route";
import { GET as remediationRoute } from "../app/api/tvm/remediation-requests/route";
import type { RouteHandler } from "../lib/auth/route";
import { latencySummary, mulberry32, percentile, round1, withBenchDatabase, type BenchKind } from "./bench/harness";

const { values } = parseArgs({
  options: {
    devices: { type: "string", default: "10000" },
    "vulns-per-device": { type: "string", default: "100" },
    requests: { type: "string", default: "300" },
    db: { type: "string", default: "pglite,postgresql" },
    verbose: { type: "boolean", default: false },
  },
});

const GROUPS = [
  "Finance",
  "Engineering",
  "Sales",
  "Human Resources",
  "Executives",
  "Servers - Production",
  "Servers - Development",
  "Mobile Devices",
];
// The fixture's rows belong to the tenant the console serves (a literal: the statements' parameters are sizes).
const TENANT = `'${cacheTenantId().replaceAll("'", "''")}'`;
const CVES = 5000;
const PRODUCTS = 200;
const GROUP_ARRAY = `ARRAY[${GROUPS.map((g) => `'${g}'`).join(",")}]`;
const SEVERITY_OF = (cve: string) =>
  `(ARRAY['Critical','High','High','Medium','Medium','Medium','Low','Low','Low','Low'])[1 + (${cve} % 10)]`;

const SEED: string[] = [
  `INSERT INTO "Device" ("tenantId","id","mdeMachineId","inMde","name","platform","rbacGroupName","exposureLevel","syncedAt")
   SELECT ${TENANT}, md5('dev' || i)::uuid::text, md5('m' || i), true, 'host-' || i || '.contoso.example', 'Windows',
     (${GROUP_ARRAY})[1 + i % ${GROUPS.length}], (ARRAY['Low','Medium','High'])[1 + (i * 7) % 3], now()
   FROM generate_series(0, $1::int - 1) AS i`,
  `INSERT INTO "Vulnerability" ("tenantId","id","name","description","severity","cvssV3","publishedOn","publicExploit","exploitVerified","exploitInKit","exploitTypes","isZeroDay","exposedMachines")
   SELECT ${TENANT}, 'CVE-2026-' || lpad(c::text, 5, '0'), 'CVE-2026-' || lpad(c::text, 5, '0'), 'Generated for the TVM benchmark.',
     ${SEVERITY_OF("c")}, 2 + (c % 80) / 10.0, now() - (c % 700) * interval '1 day', c % 7 = 0, c % 21 = 0, c % 49 = 0,
     ARRAY[]::text[], c % 500 = 0, 0
   FROM generate_series(0, ${CVES - 1}) AS c`,
  `INSERT INTO "Software" ("tenantId","id","name","vendor","weaknesses","exposedMachines")
   SELECT ${TENANT}, 'vendor' || (p % 40) || '-_-product' || p, 'product' || p, 'vendor' || (p % 40), 25, 0 FROM generate_series(0, ${PRODUCTS - 1}) AS p`,
  `INSERT INTO "Recommendation" ("tenantId","id","productName","recommendationName","vendor","remediationType","severityScore","exposureImpact","configScoreImpact","exposedMachinesCount","totalMachineCount","weaknesses","publicExploit")
   SELECT ${TENANT}, 'va-_-vendor' || (p % 40) || '-_-product' || p, 'product' || p, 'Update product' || p, 'vendor' || (p % 40), 'Update',
     1 + (p % 90) / 10.0, (p * 37 % 100) / 10.0, 0, 0, $1::int, 25, p % 5 = 0
   FROM generate_series(0, ${PRODUCTS - 1}) AS p
   UNION ALL
   SELECT ${TENANT}, 'scid-' || k, NULL, 'Configuration item ' || k, NULL, 'ConfigurationChange', 5, (k % 10) / 10.0, 2, $1::int / (k + 2), $1::int, 0, false
   FROM generate_series(1, 15) AS k`,
  // A year of daily scores for the tenant and each group, and of severity counts, as a year of daily syncs leaves.
  `INSERT INTO "ScoreSnapshot" ("tenantId","kind","scope","day","score","time")
   SELECT ${TENANT}, 'exposure', s, (now() - n * interval '1 day')::date, 30 + 20 * sin(n / 23.0 + length(s)), now()
   FROM generate_series(0, 364) AS n, unnest(ARRAY[''] || ${GROUP_ARRAY}) AS s
   UNION ALL SELECT ${TENANT}, 'secure', '', (now() - n * interval '1 day')::date, 500 + 100 * cos(n / 17.0), now() FROM generate_series(0, 364) AS n`,
  `INSERT INTO "VulnerabilityCountSnapshot" ("tenantId","day","scope","critical","high","medium","low","exposedDevices","zeroDay","exploitable","time")
   SELECT ${TENANT}, (now() - n * interval '1 day')::date, s, 500 + n, 1000 + n, 1500, 2000 - n, 1000, 10, 700, now()
   FROM generate_series(1, 364) AS n, unnest(ARRAY[''] || ${GROUP_ARRAY}) AS s`,
  `INSERT INTO "RemediationRequest" ("tenantId","id","recommendationId","recommendationName","softwareId","scope","owner","dueOn","note","baselineExposed","createdById","createdByName","createdAt")
   SELECT ${TENANT}, md5('rr' || k)::uuid::text, 'va-_-vendor' || (k % 40) || '-_-product' || k, 'Update product' || k, 'vendor' || (k % 40) || '-_-product' || k,
     CASE WHEN k % 2 = 0 THEN '' ELSE (${GROUP_ARRAY})[1 + k % ${GROUPS.length}] END, 'Team ' || k, (now() + (k - 20) * interval '1 day')::date, '', 400,
     'bench', 'Bench Manager', now() - 30 * interval '1 day'
   FROM generate_series(0, 49) AS k`,
  `INSERT INTO "RemediationProgress" ("tenantId","requestId","day","exposedDevices","time")
   SELECT ${TENANT}, md5('rr' || k)::uuid::text, (now() - n * interval '1 day')::date, 400 - (30 - n) * 10, now() FROM generate_series(0, 49) AS k, generate_series(1, 30) AS n`,
];

// Each device gets a distinct CVE per j (101 is coprime with 5,000); the product follows the CVE; 5 % resolved.
// Inserted in chunks of devices ($1..$2) so progress shows; the table's indexes are built once afterwards.
const DEVICE_VULNERABILITIES = `
INSERT INTO "DeviceVulnerability" ("tenantId","id","machineId","cveId","productName","productVendor","productVersion","fixingKbId","severity","firstSeenAt","lastSeenAt","resolvedAt")
SELECT ${TENANT}, md5('m' || d) || '-_-' || cve || '-_-vendor' || (cve % ${PRODUCTS} % 40) || '-_-product' || (cve % ${PRODUCTS}) || '-_-1.0-_-',
  md5('m' || d), 'CVE-2026-' || lpad(cve::text, 5, '0'), 'product' || (cve % ${PRODUCTS}), 'vendor' || (cve % ${PRODUCTS} % 40), '1.0',
  CASE WHEN cve % 3 = 0 THEN NULL ELSE (5000000 + cve)::text END, ${SEVERITY_OF("cve")},
  now() - ((d + j) % 90) * interval '1 day', now(), CASE WHEN (d + j) % 20 = 0 THEN now() - interval '2 days' END
FROM generate_series($1::int, $2::int) AS d, generate_series(0, $3::int - 1) AS j, LATERAL (SELECT (d * 7919 + j * 101) % ${CVES} AS cve) x`;

/**
 * Building an index once over a million rows is far cheaper than maintaining it row by row (PGlite especially), so
 * the fixture drops DeviceVulnerability's indexes, fills the table and recreates them. The definitions are read
 * from the catalog first, so they are always the ones the migrations made.
 */
async function withoutDeviceVulnerabilityIndexes(p: PrismaClient, fill: () => Promise<void>): Promise<void> {
  const indexes = await p.$queryRawUnsafe<{ name: string; definition: string; isPrimary: boolean }[]>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition, i.indisprimary AS "isPrimary"
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE i.indrelid = '"DeviceVulnerability"'::regclass`,
  );
  for (const index of indexes) {
    await p.$executeRawUnsafe(
      index.isPrimary
        ? `ALTER TABLE "DeviceVulnerability" DROP CONSTRAINT "${index.name}"`
        : `DROP INDEX "${index.name}"`,
    );
  }
  await fill();
  for (const index of indexes) {
    await p.$executeRawUnsafe(index.definition);
    if (index.isPrimary)
      await p.$executeRawUnsafe(
        `ALTER TABLE "DeviceVulnerability" ADD CONSTRAINT "${index.name}" PRIMARY KEY USING INDEX "${index.name}"`,
      );
  }
}

/** What a manager's session asks for: mostly the dashboard (tenant or a group, any window), then the lists. */
function nextRequest(
  rand: () => number,
  last: { path: string; cursor: string } | null,
): { name: string; handler: RouteHandler; path: string; params?: Record<string, string> } {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const group = rand() < 0.4 ? "" : pick(GROUPS);
  const g = group ? `group=${encodeURIComponent(group)}&` : "";
  const r = rand();
  if (r < 0.5)
    return {
      name: "dashboard",
      handler: dashboardRoute,
      path: `/api/tvm/dashboard?${g}range=${pick(["7", "30", "30", "90", "365"])}`,
    };
  if (r < 0.75) {
    // "Load more" on the previous list view.
    if (last && rand() < 0.3)
      return {
        name: "vulnerabilities",
        handler: vulnerabilitiesRoute,
        path: `${last.path.replace(/&cursor=.*$/, "")}&cursor=${encodeURIComponent(last.cursor)}`,
      };
    const filter = pick(["", "severity=Critical&", "exploit=1&", "zeroDay=1&", "q=CVE-2026-004&"]);
    const sort = pick(["severity", "exposed", "cvss", "published"]);
    return {
      name: "vulnerabilities",
      handler: vulnerabilitiesRoute,
      path: `/api/tvm/vulnerabilities?${g}${filter}sort=${sort}&limit=50`,
    };
  }
  if (r < 0.85) {
    const id = `CVE-2026-${String(Math.floor(rand() * CVES)).padStart(5, "0")}`;
    return { name: "cve", handler: cveRoute, path: `/api/tvm/vulnerabilities/${id}?${g}`, params: { id } };
  }
  if (r < 0.95)
    return {
      name: "recommendations",
      handler: recommendationsRoute,
      path: `/api/tvm/recommendations?${g}sort=${pick(["exposure", "exposed", "severity"])}`,
    };
  return { name: "remediation", handler: remediationRoute, path: "/api/tvm/remediation-requests" };
}

async function benchOne(kind: BenchKind, devices: number, perDevice: number, requests: number): Promise<void> {
  const log = (msg: string) => console.error(`${kind}: ${msg}`);
  await withBenchDatabase(kind, async (database) => {
    const p = database.prisma;
    let t0 = performance.now();
    for (const sql of SEED) await p.$executeRawUnsafe(sql, ...(sql.includes("$1") ? [devices] : []));
    await withoutDeviceVulnerabilityIndexes(p, async () => {
      const chunk = Math.max(1, Math.floor(100_000 / perDevice));
      for (let from = 0; from < devices; from += chunk) {
        await p.$executeRawUnsafe(DEVICE_VULNERABILITIES, from, Math.min(devices, from + chunk) - 1, perDevice);
        if (values.verbose)
          log(
            `  ${Math.min(devices, from + chunk) * perDevice} device-vulnerability rows after ${Math.round(performance.now() - t0)} ms`,
          );
      }
    });
    await p.$executeRawUnsafe(`ANALYZE`);
    const rows = await p.deviceVulnerability.count();
    log(`seeded ${devices} devices and ${rows} device-vulnerability rows in ${Math.round(performance.now() - t0)} ms`);
    // What the end of a TVM sync does: per-device counts, then the aggregates (timed on their own as well).
    t0 = performance.now();
    await deriveAfter(p, new Set(["deviceVulnerabilities"]));
    log(`sync derive step (device counts + aggregates) in ${Math.round(performance.now() - t0)} ms`);
    const timings = await refreshTvmAggregates(p);
    log(`aggregate refresh alone: ${JSON.stringify(timings)}`);
    await p.$executeRawUnsafe(`VACUUM ANALYZE`);

    const cookie = await sessionCookieFor("Manager", "bench-manager");
    const rand = mulberry32(20261126);
    const all: number[] = [];
    const byRoute = new Map<string, number[]>();
    let lastList: { path: string; cursor: string } | null = null;
    const call = async (req: ReturnType<typeof nextRequest>) => {
      const start = performance.now();
      const res = await callRoute(req.handler, { path: req.path, params: req.params, headers: { cookie } });
      const body = (await res.json()) as { nextCursor?: string | null };
      const ms = performance.now() - start;
      if (res.status !== 200) throw new Error(`${req.path} → ${res.status} ${JSON.stringify(body)}`);
      if (req.name === "vulnerabilities")
        lastList = body.nextCursor ? { path: req.path, cursor: body.nextCursor } : null;
      return ms;
    };
    // Warm-up: the first calls compile the routes and warm the caches; not counted.
    for (let i = 0; i < 10; i++) await call(nextRequest(rand, lastList));
    for (let i = 0; i < requests; i++) {
      const req = nextRequest(rand, lastList);
      const ms = await call(req);
      all.push(ms);
      byRoute.set(req.name, [...(byRoute.get(req.name) ?? []), ms]);
    }
    console.log(JSON.stringify({ bench: "tvm", db: kind, device_vulns: rows, requests, ...latencySummary(all) }));
    if (values.verbose) {
      for (const [name, ms] of byRoute) {
        ms.sort((a, b) => a - b);
        log(
          `  ${name.padEnd(16)} n=${String(ms.length).padStart(3)} p50=${round1(percentile(ms, 50))} p95=${round1(percentile(ms, 95))} max=${round1(ms.at(-1)!)}`,
        );
      }
    }
  });
}

async function main() {
  const devices = Number(values.devices);
  const perDevice = Number(values["vulns-per-device"]);
  const requests = Number(values.requests);
  for (const kind of values.db.split(",") as BenchKind[]) await benchOne(kind, devices, perDevice, requests);
  // Nothing else is running in this process; PGlite's worker would otherwise keep it alive.
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(`bench:tvm: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
