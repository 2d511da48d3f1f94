import type { PrismaClient } from "../db";
import { UNGROUPED } from "./schemas";

// The dashboard's aggregates, recomputed from the cache at the end of a TVM sync: one set-based statement each,
// inside one transaction (readers see the old figures until the new ones are complete). Only the two statements
// over open DeviceVulnerability rows touch the big table; the rest read their small results.

const GROUP = `COALESCE(NULLIF(d."rbacGroupName", ''), '${UNGROUPED}')`;
const SCOPE = `CASE WHEN GROUPING(${GROUP}) = 1 THEN '' ELSE ${GROUP} END`;

const CVE_EXPOSURE = `
INSERT INTO "CveExposure" ("scope", "cveId", "exposedDevices")
SELECT ${SCOPE}, v."cveId", COUNT(DISTINCT v."machineId")
FROM "DeviceVulnerability" v LEFT JOIN "Device" d ON d."mdeMachineId" = v."machineId"
WHERE v."resolvedAt" IS NULL
GROUP BY GROUPING SETS ((v."cveId"), (${GROUP}, v."cveId"))`;

const SOFTWARE_EXPOSURE = `
INSERT INTO "SoftwareExposure" ("scope", "softwareId", "vendor", "name", "vulnerabilities", "critical", "exposedDevices")
SELECT ${SCOPE}, v."productVendor" || '-_-' || v."productName", v."productVendor", v."productName",
  COUNT(DISTINCT v."cveId"), COUNT(DISTINCT v."cveId") FILTER (WHERE v."severity" = 'Critical'), COUNT(DISTINCT v."machineId")
FROM "DeviceVulnerability" v LEFT JOIN "Device" d ON d."mdeMachineId" = v."machineId"
WHERE v."resolvedAt" IS NULL
GROUP BY GROUPING SETS ((v."productVendor", v."productName"), (${GROUP}, v."productVendor", v."productName"))`;

/** Today's counts per scope: distinct open CVEs by the catalogue's severity, and the devices exposed to any. */
const COUNT_SNAPSHOT = `
INSERT INTO "VulnerabilityCountSnapshot" ("day", "scope", "critical", "high", "medium", "low", "exposedDevices", "zeroDay", "exploitable", "time")
SELECT $1::date, c."scope",
  COUNT(*) FILTER (WHERE x."severity" = 'Critical'), COUNT(*) FILTER (WHERE x."severity" = 'High'),
  COUNT(*) FILTER (WHERE x."severity" = 'Medium'), COUNT(*) FILTER (WHERE x."severity" = 'Low'),
  COALESCE((SELECT COUNT(*) FROM "Device" d WHERE d."vulnCritical" + d."vulnHigh" + d."vulnMedium" + d."vulnLow" > 0
            AND (c."scope" = '' OR ${GROUP} = c."scope")), 0),
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
 * own count for configuration recommendations (which it reports tenant-wide only).
 */
export const REMEDIATION_SAMPLE = `
INSERT INTO "RemediationProgress" ("requestId", "day", "exposedDevices", "time")
SELECT r."id", $1::date,
  CASE WHEN r."softwareId" IS NOT NULL THEN COALESCE(se."exposedDevices", 0) ELSE COALESCE(rec."exposedMachinesCount", 0) END,
  $2::timestamp(3)
FROM "RemediationRequest" r
LEFT JOIN "SoftwareExposure" se ON se."scope" = r."scope" AND se."softwareId" = r."softwareId"
LEFT JOIN "Recommendation" rec ON rec."id" = r."recommendationId"
WHERE ($3::text IS NULL OR r."id" = $3::text)
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
  await db.$transaction(
    async (tx) => {
      await timed("cveExposureMs", async () => {
        await tx.$executeRawUnsafe(`DELETE FROM "CveExposure"`);
        await tx.$executeRawUnsafe(CVE_EXPOSURE);
      });
      await timed("softwareExposureMs", async () => {
        await tx.$executeRawUnsafe(`DELETE FROM "SoftwareExposure"`);
        await tx.$executeRawUnsafe(SOFTWARE_EXPOSURE);
      });
      await timed("snapshotMs", async () => {
        await tx.$executeRawUnsafe(`DELETE FROM "VulnerabilityCountSnapshot" WHERE "day" = $1::date`, day);
        await tx.$executeRawUnsafe(COUNT_SNAPSHOT, day, time);
        await tx.$executeRawUnsafe(ZERO_SNAPSHOT, day, time);
      });
      await timed("remediationMs", () => tx.$executeRawUnsafe(REMEDIATION_SAMPLE, day, time, null));
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
  return timings;
}
