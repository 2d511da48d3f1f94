import type { Prisma, PrismaClient } from "../db";
import { refreshTvmAggregates } from "../tvm/refresh";
import type { SyncEntity } from "./types";

// Figures derived from the cache after a sync, in SQL, so pages read them with an index instead of aggregating
// on every request.

const OPEN_ALERT_COUNTS = `
UPDATE "Device" d SET "openAlerts" = COALESCE(c.n, 0)
FROM (SELECT d2.id, COUNT(a.id) AS n FROM "Device" d2
      LEFT JOIN "Alert" a ON a."machineId" = d2."mdeMachineId" AND a.status <> 'Resolved'
      GROUP BY d2.id) c
WHERE c.id = d.id AND d."openAlerts" IS DISTINCT FROM COALESCE(c.n, 0)`;

const INCIDENT_COUNTS = `
UPDATE "Incident" i SET "alertCount" = c.alerts, "deviceCount" = c.devices, "userCount" = c.users
FROM (SELECT "incidentId", COUNT(*) AS alerts, COUNT(DISTINCT "machineId") AS devices, COUNT(DISTINCT "relatedUserName") AS users
      FROM "Alert" WHERE "incidentId" IS NOT NULL GROUP BY "incidentId") c
WHERE c."incidentId" = i.id AND (i."alertCount", i."deviceCount", i."userCount") IS DISTINCT FROM (c.alerts::int, c.devices::int, c.users::int)`;

const VULNERABILITY_COUNTS = `
UPDATE "Device" d SET "vulnCritical" = COALESCE(c.critical, 0), "vulnHigh" = COALESCE(c.high, 0),
                      "vulnMedium" = COALESCE(c.medium, 0), "vulnLow" = COALESCE(c.low, 0)
FROM (SELECT d2.id,
        COUNT(*) FILTER (WHERE v.severity = 'Critical') AS critical, COUNT(*) FILTER (WHERE v.severity = 'High') AS high,
        COUNT(*) FILTER (WHERE v.severity = 'Medium') AS medium, COUNT(*) FILTER (WHERE v.severity = 'Low') AS low
      FROM "Device" d2 LEFT JOIN "DeviceVulnerability" v ON v."machineId" = d2."mdeMachineId" AND v."resolvedAt" IS NULL
      GROUP BY d2.id) c
WHERE c.id = d.id`;

/** Isolation and app restriction change only when Defender reports the action Succeeded (issue #7). */
const RESPONSE_STATES = `
UPDATE "Device" d SET
  "isolationState" = COALESCE((SELECT CASE a.type WHEN 'Isolate' THEN 'Isolated' ELSE 'NotIsolated' END FROM "MachineAction" a
     WHERE a."machineId" = d."mdeMachineId" AND a.status = 'Succeeded' AND a.type IN ('Isolate', 'Unisolate')
     ORDER BY COALESCE(a."lastUpdateDateTimeUtc", a."creationDateTimeUtc") DESC LIMIT 1), d."isolationState"),
  "restrictionState" = COALESCE((SELECT CASE a.type WHEN 'RestrictCodeExecution' THEN 'Restricted' ELSE 'NotRestricted' END FROM "MachineAction" a
     WHERE a."machineId" = d."mdeMachineId" AND a.status = 'Succeeded' AND a.type IN ('RestrictCodeExecution', 'UnrestrictCodeExecution')
     ORDER BY COALESCE(a."lastUpdateDateTimeUtc", a."creationDateTimeUtc") DESC LIMIT 1), d."restrictionState")
WHERE d."mdeMachineId" IS NOT NULL`;

/**
 * Isolation and restriction of one machine (or all) from its Succeeded actions. The console's own follow-up of
 * an action it sent calls this too, so polling and sync always agree on a device's state.
 */
export async function deriveResponseStates(database: PrismaClient | Prisma.TransactionClient, mdeMachineId?: string): Promise<void> {
  if (mdeMachineId === undefined) await database.$executeRawUnsafe(RESPONSE_STATES);
  else await database.$executeRawUnsafe(`${RESPONSE_STATES} AND d."mdeMachineId" = $1`, mdeMachineId);
}

export async function deriveAfter(db: PrismaClient, changed: ReadonlySet<SyncEntity>): Promise<void> {
  if (changed.has("alerts") || changed.has("machines") || changed.has("intuneDevices")) await db.$executeRawUnsafe(OPEN_ALERT_COUNTS);
  if (changed.has("alerts") || changed.has("incidents")) await db.$executeRawUnsafe(INCIDENT_COUNTS);
  if (changed.has("deviceVulnerabilities") || changed.has("machines") || changed.has("intuneDevices")) await db.$executeRawUnsafe(VULNERABILITY_COUNTS);
  if (changed.has("machineActions") || changed.has("machines")) await deriveResponseStates(db);
  // After the per-device counts above (the snapshot counts exposed devices from them). Only when TVM data moved:
  // the TVM entities refresh every few hours, and machine group moves show up at the next refresh.
  if (TVM_ENTITIES.some((e) => changed.has(e))) await refreshTvmAggregates(db);
}

const TVM_ENTITIES: SyncEntity[] = ["deviceVulnerabilities", "vulnerabilities", "software", "recommendations"];
