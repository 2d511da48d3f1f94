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

const protectionOff = (intuneColumn: string, verdictColumn: string) => `(SELECT COUNT(*) FROM "Device" d
    WHERE d."tenantId" = $1 AND (
      EXISTS (SELECT 1 FROM "IntuneProtectionState" i WHERE i."tenantId" = $1 AND i."managedDeviceId" = d."intuneDeviceId" AND i."${intuneColumn}" = false)
      OR EXISTS (SELECT 1 FROM "DeviceAvHealth" a WHERE a."tenantId" = $1 AND a."machineId" = d."mdeMachineId" AND a."${verdictColumn}" = false)))::int`;

const FIGURES_SQL = `
WITH allowed AS (
  SELECT CASE WHEN lower(p."odataType") LIKE '%ios%' THEN 'iOS' WHEN lower(p."odataType") LIKE '%android%' THEN 'Android' END AS platform,
         MIN(${LEVEL_RANK}) AS rank
  FROM "PosturePolicy" p
  WHERE p."tenantId" = $1 AND p.kind = 'compliance' AND p."requiredThreatLevel" IS NOT NULL
  GROUP BY 1)
SELECT
  (SELECT COUNT(*) FROM "Device" WHERE "tenantId" = $1 AND "inMde" AND "mdeMissingSince" IS NULL)::int AS "mdeDevices",
  (SELECT COUNT(*) FROM "Device" WHERE "tenantId" = $1 AND "inIntune" AND "intuneMissingSince" IS NULL)::int AS "intuneDevices",
  (SELECT COUNT(*) FROM "Device" WHERE "tenantId" = $1 AND "inIntune" AND "intuneMissingSince" IS NULL AND NOT "inMde")::int
    AS "enrolledNotOnboarded",
  (SELECT COUNT(*) FROM "DeviceAvHealth" WHERE "tenantId" = $1 AND "signatureUpToDate" = 'False')::int AS "signaturesOutOfDate",
  (SELECT COUNT(*) FROM "DeviceAvHealth" WHERE "tenantId" = $1 AND "avMode" IN ('1', '5'))::int AS "passiveMode",
  ${protectionOff("realTimeProtection", "realTimeCompliant")} AS "realTimeProtectionOff",
  ${protectionOff("tamperProtection", "tamperCompliant")} AS "tamperProtectionOff",
  (SELECT COUNT(*) FROM "PostureDeviceState" s
     JOIN "Device" d ON d."tenantId" = s."tenantId" AND d."intuneDeviceId" = s.subject
     JOIN allowed a ON a.platform = d.platform
   WHERE s."tenantId" = $1 AND s.kind = 'mobileThreat' AND ${REPORT_RANK} > a.rank)::int AS "mobileAboveAllowed"`;

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
