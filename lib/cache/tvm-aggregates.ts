import type { PrismaClient } from "../db";
import { GROUP_SQL as GROUP } from "./group-sql";

// The dashboard's aggregates, recomputed from the cache at the end of a TVM sync: set-based statements (one per
// aggregate, plus a cheap roll-up of the group rows into the tenant rows). Two transactions run side by side (on
// PostgreSQL, two connections): CVE exposure with the day's snapshot drawn from it, and software exposure with the
// remediation samples drawn from that. Readers see each table's old figures until its new ones are complete. Only
// the statements over open DeviceVulnerability rows touch the big table; the rest read their small results.

// Devices belong to one group each, so a CVE's tenant-wide device count is the sum of its per-group counts: the big
// table is read once, de-duplicated by hashing (machine, CVE) pairs, and the tenant rows are summed from the
// group rows. COUNT(DISTINCT …) over a million rows would sort instead, several times slower on PGlite.
const OPEN_ROWS = `"DeviceVulnerability" v LEFT JOIN "Device" d ON d."mdeMachineId" = v."machineId" WHERE v."resolvedAt" IS NULL`;

const CVE_EXPOSURE = `
INSERT INTO "CveExposure" ("scope", "cveId", "exposedDevices")
SELECT p.g, p."cveId", COUNT(*)
FROM (SELECT DISTINCT ${GROUP} AS g, v."machineId", v."cveId" FROM ${OPEN_ROWS}) p
GROUP BY p.g, p."cveId"`;

const TENANT_CVE_EXPOSURE = `
INSERT INTO "CveExposure" ("scope", "cveId", "exposedDevices")
SELECT '', "cveId", SUM("exposedDevices") FROM "CveExposure" WHERE "scope" <> '' GROUP BY "cveId"`;

/**
 * Per product: distinct open CVEs (counted over the small set of distinct (group, product, CVE) triples, so the
 * tenant figure can use COUNT(DISTINCT) cheaply) and distinct exposed devices (summable across groups).
 */
const SOFTWARE_EXPOSURE = `
INSERT INTO "SoftwareExposure" ("scope", "softwareId", "vendor", "name", "vulnerabilities", "critical", "exposedDevices")
SELECT c.scope, c.vendor || '-_-' || c.name, c.vendor, c.name, c.vulnerabilities, c.critical, COALESCE(m.devices, 0)
FROM (
  SELECT CASE WHEN GROUPING(x.g) = 1 THEN '' ELSE x.g END AS scope, x.vendor, x.name,
    COUNT(DISTINCT x."cveId") AS vulnerabilities, COUNT(DISTINCT x."cveId") FILTER (WHERE x.severity = 'Critical') AS critical
  FROM (SELECT DISTINCT ${GROUP} AS g, v."productVendor" AS vendor, v."productName" AS name, v."cveId", v."severity" FROM ${OPEN_ROWS}) x
  GROUP BY GROUPING SETS ((x.vendor, x.name), (x.g, x.vendor, x.name))
) c
LEFT JOIN (
  SELECT y.g AS scope, y.vendor, y.name, COUNT(*) AS devices
  FROM (SELECT DISTINCT ${GROUP} AS g, v."machineId", v."productVendor" AS vendor, v."productName" AS name FROM ${OPEN_ROWS}) y
  GROUP BY y.g, y.vendor, y.name
) m ON m.scope = c.scope AND m.vendor = c.vendor AND m.name = c.name`;

const TENANT_SOFTWARE_DEVICES = `
UPDATE "SoftwareExposure" t SET "exposedDevices" = s.devices
FROM (SELECT "softwareId", SUM("exposedDevices") AS devices FROM "SoftwareExposure" WHERE "scope" <> '' GROUP BY "softwareId") s
WHERE t."scope" = '' AND t."softwareId" = s."softwareId"`;

/**
 * Today's counts per scope: distinct open CVEs by the catalogue's severity, and the devices exposed to any. Exposed
 * devices are counted from the open rows themselves (one pass, summed into the tenant row), not from Device's
 * per-device counts, so the refresh need not wait for those and runs beside them.
 */
const COUNT_SNAPSHOT = `
WITH exposed AS MATERIALIZED (
  SELECT e.g, COUNT(*) AS devices FROM (SELECT DISTINCT ${GROUP} AS g, v."machineId" FROM ${OPEN_ROWS}) e GROUP BY e.g
)
INSERT INTO "VulnerabilityCountSnapshot" ("day", "scope", "critical", "high", "medium", "low", "exposedDevices", "zeroDay", "exploitable", "time")
SELECT $1::date, c."scope",
  COUNT(*) FILTER (WHERE x."severity" = 'Critical'), COUNT(*) FILTER (WHERE x."severity" = 'High'),
  COUNT(*) FILTER (WHERE x."severity" = 'Medium'), COUNT(*) FILTER (WHERE x."severity" = 'Low'),
  COALESCE((SELECT SUM(e.devices) FROM exposed e WHERE c."scope" = '' OR e.g = c."scope"), 0),
  COUNT(*) FILTER (WHERE x."isZeroDay"), COUNT(*) FILTER (WHERE x."publicExploit" OR x."exploitVerified" OR x."exploitInKit"),
  $2::timestamp(3)
FROM "CveExposure" c LEFT JOIN "Vulnerability" x ON x."id" = c."cveId"
GROUP BY c."scope"
ON CONFLICT ("scope", "day") DO UPDATE SET "critical" = EXCLUDED."critical", "high" = EXCLUDED."high", "medium" = EXCLUDED."medium",
  "low" = EXCLUDED."low", "exposedDevices" = EXCLUDED."exposedDevices", "zeroDay" = EXCLUDED."zeroDay",
  "exploitable" = EXCLUDED."exploitable", "time" = EXCLUDED."time"`;

/** A day whose sync found nothing open still gets a zero row, so "everything fixed" shows as a point, not a gap. */
const ZERO_SNAPSHOT = `
INSERT INTO "VulnerabilityCountSnapshot" ("day", "scope", "critical", "high", "medium", "low", "exposedDevices", "zeroDay", "exploitable", "time")
VALUES ($1::date, '', 0, 0, 0, 0, 0, 0, 0, $2::timestamp(3))
ON CONFLICT ("scope", "day") DO NOTHING`;

/**
 * Today's sample of every remediation request: devices still exposed to its software in its scope, or Defender's
 * own count for configuration recommendations (which it reports tenant-wide only). Closed requests keep the
 * burndown they had.
 */
export const REMEDIATION_SAMPLE = `
INSERT INTO "RemediationProgress" ("requestId", "day", "exposedDevices", "time")
SELECT r."id", $1::date,
  CASE WHEN r."softwareId" IS NOT NULL THEN COALESCE(se."exposedDevices", 0) ELSE COALESCE(rec."exposedMachinesCount", 0) END,
  $2::timestamp(3)
FROM "RemediationRequest" r
LEFT JOIN "SoftwareExposure" se ON se."scope" = r."scope" AND se."softwareId" = r."softwareId"
LEFT JOIN "Recommendation" rec ON rec."id" = r."recommendationId"
WHERE r."closedAt" IS NULL AND ($3::text IS NULL OR r."id" = $3::text)
ON CONFLICT ("requestId", "day") DO UPDATE SET "exposedDevices" = EXCLUDED."exposedDevices", "time" = EXCLUDED."time"`;

export interface RefreshTimings {
  cveExposureMs: number;
  softwareExposureMs: number;
  snapshotMs: number;
  remediationMs: number;
}

/** Recomputes every TVM aggregate from the cache as of `now`. */
export async function refreshTvmAggregates(db: PrismaClient, now: Date = new Date()): Promise<RefreshTimings> {
  const day = now.toISOString().slice(0, 10);
  const time = now.toISOString();
  const timings: RefreshTimings = { cveExposureMs: 0, softwareExposureMs: 0, snapshotMs: 0, remediationMs: 0 };
  const timed = async (key: keyof RefreshTimings, run: () => Promise<unknown>) => {
    const t0 = performance.now();
    await run();
    timings[key] = Math.round(performance.now() - t0);
  };
  // Room to hash the million-row de-duplications in memory (PostgreSQL's default 4 MB spills to disk).
  const WORK_MEM = `SET LOCAL work_mem = '128MB'`;
  const options = { timeout: 600_000, maxWait: 600_000 };
  await Promise.all([
    db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(WORK_MEM);
      await timed("cveExposureMs", async () => {
        await tx.$executeRawUnsafe(`DELETE FROM "CveExposure"`);
        await tx.$executeRawUnsafe(CVE_EXPOSURE);
        await tx.$executeRawUnsafe(TENANT_CVE_EXPOSURE);
      });
      await timed("snapshotMs", async () => {
        await tx.$executeRawUnsafe(`DELETE FROM "VulnerabilityCountSnapshot" WHERE "day" = $1::date`, day);
        await tx.$executeRawUnsafe(COUNT_SNAPSHOT, day, time);
        await tx.$executeRawUnsafe(ZERO_SNAPSHOT, day, time);
      });
    }, options),
    db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(WORK_MEM);
      await timed("softwareExposureMs", async () => {
        await tx.$executeRawUnsafe(`DELETE FROM "SoftwareExposure"`);
        await tx.$executeRawUnsafe(SOFTWARE_EXPOSURE);
        await tx.$executeRawUnsafe(TENANT_SOFTWARE_DEVICES);
      });
      await timed("remediationMs", () => tx.$executeRawUnsafe(REMEDIATION_SAMPLE, day, time, null));
    }, options),
  ]);
  return timings;
}
