import type { PrismaClient } from "../db";
import { inRawTransaction } from "../db/raw-transaction";
import type { PostureFigures } from "../posture/schemas";
import { writePostureSnapshot } from "./posture";
import { cacheTenantId } from "./tenant";

// The posture headline figures, computed from the cache in one statement, and the day's snapshot of them (the last
// pass of a day wins), so every headline has a trend. Protection off counts a device once when either Intune's
// protection state or Defender's secure-configuration verdict says so. A mobile device is above the allowed level
// when its MTD report ranks above the strictest threat level its platform's compliance policies allow.

export type { PostureFigures };

const LEVEL_RANK = `CASE p."requiredThreatLevel" WHEN 'secured' THEN 1 WHEN 'low' THEN 2 WHEN 'medium' THEN 3 WHEN 'high' THEN 4 END`;
const REPORT_RANK = `CASE s.state WHEN 'secured' THEN 1 WHEN 'lowSeverity' THEN 2 WHEN 'mediumSeverity' THEN 3
  WHEN 'highSeverity' THEN 4 WHEN 'compromised' THEN 4 ELSE 0 END`;

// One pass over the devices, each joined (hash joins) to its Intune protection state and Defender antivirus health,
// one over the antivirus health and one over the mobile reports: 50,000 devices took ~500 ms on PGlite as one
// sub-select per figure with a per-device EXISTS each.
const FIGURES_SQL = `
WITH allowed AS (
  SELECT CASE WHEN lower(p."odataType") LIKE '%ios%' THEN 'iOS' WHEN lower(p."odataType") LIKE '%android%' THEN 'Android' END AS platform,
         MIN(${LEVEL_RANK}) AS rank
  FROM "PosturePolicy" p
  WHERE p."tenantId" = $1 AND p.kind = 'compliance' AND p."requiredThreatLevel" IS NOT NULL
  GROUP BY 1),
devices AS (
  SELECT
    COUNT(*) FILTER (WHERE d."inMde" AND d."mdeMissingSince" IS NULL)::int AS "mdeDevices",
    COUNT(*) FILTER (WHERE d."inIntune" AND d."intuneMissingSince" IS NULL)::int AS "intuneDevices",
    COUNT(*) FILTER (WHERE d."inIntune" AND d."intuneMissingSince" IS NULL AND NOT d."inMde")::int AS "enrolledNotOnboarded",
    COUNT(*) FILTER (WHERE i."realTimeProtection" = false OR a."realTimeCompliant" = false)::int AS "realTimeProtectionOff",
    COUNT(*) FILTER (WHERE i."tamperProtection" = false OR a."tamperCompliant" = false)::int AS "tamperProtectionOff"
  FROM "Device" d
  LEFT JOIN "IntuneProtectionState" i ON i."tenantId" = d."tenantId" AND i."managedDeviceId" = d."intuneDeviceId"
  LEFT JOIN "DeviceAvHealth" a ON a."tenantId" = d."tenantId" AND a."machineId" = d."mdeMachineId"
  WHERE d."tenantId" = $1),
av AS (
  SELECT COUNT(*) FILTER (WHERE "signatureUpToDate" = 'False')::int AS "signaturesOutOfDate",
         COUNT(*) FILTER (WHERE "avMode" IN ('1', '5'))::int AS "passiveMode"
  FROM "DeviceAvHealth" WHERE "tenantId" = $1)
SELECT devices."mdeDevices", devices."intuneDevices", devices."enrolledNotOnboarded", av."signaturesOutOfDate",
  av."passiveMode", devices."realTimeProtectionOff", devices."tamperProtectionOff",
  (SELECT COUNT(*) FROM "PostureDeviceState" s
     JOIN "Device" d ON d."tenantId" = s."tenantId" AND d."intuneDeviceId" = s.subject
     JOIN allowed a ON a.platform = d.platform
   WHERE s."tenantId" = $1 AND s.kind = 'mobileThreat' AND ${REPORT_RANK} > a.rank)::int AS "mobileAboveAllowed"
FROM devices, av`;

export async function postureFigures(database: PrismaClient): Promise<PostureFigures> {
  const [row] = await database.$queryRawUnsafe<PostureFigures[]>(FIGURES_SQL, cacheTenantId());
  return row!;
}

/** Writes today's snapshot of the figures; resolves to them. */
export async function writeDaySnapshot(database: PrismaClient, at: Date): Promise<PostureFigures> {
  const figures = await postureFigures(database);
  const time = at.toISOString();
  await inRawTransaction(database, (execute) =>
    writePostureSnapshot(execute, { day: time.slice(0, 10), ...figures, time }),
  );
  return figures;
}
