import type { Prisma, PrismaClient } from "../db";
import { cacheTenantId } from "./tenant";

// Figures derived from the cache, in SQL, so pages read them with an index instead of aggregating on every
// request. Each statement writes only the rows whose value changes. The sync runs them after the tables they read
// have changed (lib/sync/derive.ts); the console's write-through runs the one its write affects. Each reads and
// writes one tenant's rows only (the tenant is the statement's first parameter).

type Executor = PrismaClient | Prisma.TransactionClient;

const OPEN_ALERT_COUNTS = `
UPDATE "Device" d SET "openAlerts" = COALESCE(c.n, 0)
FROM (SELECT d2.id, COUNT(a.id) AS n FROM "Device" d2
      LEFT JOIN "Alert" a ON a."tenantId" = d2."tenantId" AND a."machineId" = d2."mdeMachineId" AND a.status <> 'Resolved'
      WHERE d2."tenantId" = $1
      GROUP BY d2.id) c
WHERE d."tenantId" = $1 AND c.id = d.id AND d."openAlerts" IS DISTINCT FROM COALESCE(c.n, 0)`;

/**
 * Per incident, from its cached alerts: the counts, the priority and the SLA deadline.
 * - Priority: the highest derived priority among its alerts, never below the incident's own severity (an XDR
 *   incident may hold alerts from other products that the console does not cache).
 * - SLA deadline: the earliest deadline among its open alerts (the first clock the incident will break); none once
 *   the incident is Resolved or Redirected, so closed incidents never sort as urgent.
 * `$2` optionally narrows to some incidents (NULL = all): the console's triage write-through passes the ones it changed.
 */
const INCIDENT_FIGURES = `
UPDATE "Incident" i SET "alertCount" = c.alerts, "deviceCount" = c.devices, "userCount" = c.users,
                        "priority" = c.priority, "slaDueAt" = c.due
FROM (SELECT i2.id, COUNT(a.id)::int AS alerts, COUNT(DISTINCT a."machineId")::int AS devices,
        COUNT(DISTINCT a."relatedUserName")::int AS users,
        (ARRAY['Informational', 'Low', 'Medium', 'High', 'Critical'])[1 + GREATEST(
          CASE i2.severity WHEN 'High' THEN 3 WHEN 'Medium' THEN 2 WHEN 'Informational' THEN 0 ELSE 1 END,
          COALESCE(MAX(CASE a.priority WHEN 'Critical' THEN 4 WHEN 'High' THEN 3 WHEN 'Medium' THEN 2
                                       WHEN 'Low' THEN 1 ELSE 0 END), 0))] AS priority,
        CASE WHEN i2.status IN ('Resolved', 'Redirected') THEN NULL
             ELSE MIN(a."slaDueAt") FILTER (WHERE a.status <> 'Resolved') END AS due
      FROM "Incident" i2 LEFT JOIN "Alert" a ON a."tenantId" = i2."tenantId" AND a."incidentId" = i2.id
      WHERE i2."tenantId" = $1 AND ($2::bigint[] IS NULL OR i2.id = ANY($2::bigint[]))
      GROUP BY i2."tenantId", i2.id) c
WHERE i."tenantId" = $1 AND c.id = i.id
  AND (i."alertCount", i."deviceCount", i."userCount", i."priority", i."slaDueAt")
      IS DISTINCT FROM (c.alerts, c.devices, c.users, c.priority, c.due)`;

const VULNERABILITY_COUNTS = `
UPDATE "Device" d SET "vulnCritical" = COALESCE(c.critical, 0), "vulnHigh" = COALESCE(c.high, 0),
                      "vulnMedium" = COALESCE(c.medium, 0), "vulnLow" = COALESCE(c.low, 0)
FROM (SELECT d2.id,
        COUNT(*) FILTER (WHERE v.severity = 'Critical') AS critical, COUNT(*) FILTER (WHERE v.severity = 'High') AS high,
        COUNT(*) FILTER (WHERE v.severity = 'Medium') AS medium, COUNT(*) FILTER (WHERE v.severity = 'Low') AS low
      FROM "Device" d2
      LEFT JOIN "DeviceVulnerability" v ON v."tenantId" = d2."tenantId" AND v."machineId" = d2."mdeMachineId" AND v."resolvedAt" IS NULL
      WHERE d2."tenantId" = $1
      GROUP BY d2.id) c
WHERE d."tenantId" = $1 AND c.id = d.id
  AND (d."vulnCritical", d."vulnHigh", d."vulnMedium", d."vulnLow") IS DISTINCT FROM (COALESCE(c.critical, 0)::int, COALESCE(c.high, 0)::int, COALESCE(c.medium, 0)::int, COALESCE(c.low, 0)::int)`;

/**
 * Isolation and app restriction change only when Defender reports the action Succeeded (issue #7): the latest
 * Succeeded action of each pair decides. Only devices that have such actions are visited, and only rows whose
 * state differs are written, so a tenant with few actions pays nearly nothing. `$2` optionally narrows to one
 * machine (NULL = all).
 */
const RESPONSE_STATES = `
WITH latest AS (
  SELECT DISTINCT ON (a."machineId", a.pair) a."machineId", a.pair, a.type
  FROM (SELECT "machineId", type, COALESCE("lastUpdateDateTimeUtc", "creationDateTimeUtc") AS at,
               CASE WHEN type IN ('Isolate', 'Unisolate') THEN 'isolation' ELSE 'restriction' END AS pair
        FROM "MachineAction"
        WHERE "tenantId" = $1 AND status = 'Succeeded'
          AND type IN ('Isolate', 'Unisolate', 'RestrictCodeExecution', 'UnrestrictCodeExecution')
          AND ($2::text IS NULL OR "machineId" = $2::text)) a
  ORDER BY a."machineId", a.pair, a.at DESC
), states AS (
  SELECT "machineId",
    MAX(CASE WHEN pair = 'isolation' THEN CASE type WHEN 'Isolate' THEN 'Isolated' ELSE 'NotIsolated' END END) AS isolation,
    MAX(CASE WHEN pair = 'restriction' THEN CASE type WHEN 'RestrictCodeExecution' THEN 'Restricted' ELSE 'NotRestricted' END END) AS restriction
  FROM latest GROUP BY "machineId"
)
UPDATE "Device" d SET
  "isolationState" = COALESCE(s.isolation, d."isolationState"),
  "restrictionState" = COALESCE(s.restriction, d."restrictionState")
FROM states s
WHERE d."tenantId" = $1 AND d."mdeMachineId" = s."machineId"
  AND (d."isolationState", d."restrictionState") IS DISTINCT FROM (COALESCE(s.isolation, d."isolationState"), COALESCE(s.restriction, d."restrictionState"))`;

/**
 * Isolation and restriction of one machine (or all) from its Succeeded actions. The console's own follow-up of
 * an action it sent calls this too, so polling and sync always agree on a device's state.
 */
export async function deriveResponseStates(database: Executor, mdeMachineId?: string): Promise<void> {
  await database.$executeRawUnsafe(RESPONSE_STATES, cacheTenantId(), mdeMachineId ?? null);
}

/** Open (not Resolved) alerts per device. */
export function deriveOpenAlerts(database: Executor): Promise<number> {
  return database.$executeRawUnsafe(OPEN_ALERT_COUNTS, cacheTenantId());
}

/**
 * The same count, for the devices of these alerts only: the console's triage write-through runs it in its own
 * transaction, so a device's "Open alerts" agrees with its alert table at once instead of at the next sync.
 */
const OPEN_ALERT_COUNTS_OF = `
UPDATE "Device" d SET "openAlerts" = c.n
FROM (SELECT d2.id, (SELECT COUNT(*) FROM "Alert" a WHERE a."tenantId" = $1 AND a."machineId" = d2."mdeMachineId" AND a.status <> 'Resolved')::int AS n
      FROM "Device" d2
      WHERE d2."tenantId" = $1
        AND d2."mdeMachineId" IN (SELECT "machineId" FROM "Alert" WHERE "tenantId" = $1 AND id = ANY($2::text[]) AND "machineId" IS NOT NULL)) c
WHERE d."tenantId" = $1 AND c.id = d.id AND d."openAlerts" IS DISTINCT FROM c.n`;

/** Open alerts of the devices the given alerts are on (after their status changed). */
export function deriveOpenAlertsOf(database: Executor, alertIds: readonly string[]): Promise<number> {
  if (alertIds.length === 0) return Promise.resolve(0);
  return database.$executeRawUnsafe(OPEN_ALERT_COUNTS_OF, cacheTenantId(), [...alertIds]);
}

/**
 * Alerts, devices and users, priority and SLA deadline per incident, from the cached alerts (so they agree with
 * the queue). `incidentIds` narrows to those incidents (a triage write-through); without it, every incident.
 */
export function deriveIncidentFigures(database: Executor, incidentIds?: readonly bigint[]): Promise<number> {
  return database.$executeRawUnsafe(INCIDENT_FIGURES, cacheTenantId(), incidentIds ? incidentIds.map(String) : null);
}

/** Open vulnerabilities per device, by severity. */
export function deriveVulnerabilityCounts(database: Executor): Promise<number> {
  return database.$executeRawUnsafe(VULNERABILITY_COUNTS, cacheTenantId());
}
