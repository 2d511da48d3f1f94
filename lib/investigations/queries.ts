import { db } from "../db";
import { SqlParams, containsPattern } from "../db/sql-params";
import { decodeCursor, keysetPage, TimeIdCursor } from "../http/cursor";
import { syncStateKey, tenantScope, tenantSql } from "../cache/tenant";
import {
  approvalExpiry,
  OPEN_STATES,
  waitingFor,
  type InvestigationFilter,
  type InvestigationPage,
  type InvestigationView,
} from "./schemas";

// The investigations' read side: Defender's automated investigations from the cache, with the device and the
// triggering alert by name when the cache knows them. Newest first by start time.

const ROWS = `
  SELECT i."id", i."state", i."startTime", i."endTime", i."machineId", i."computerDnsName", i."triggeringAlertId",
    i."statusDetails", i."startedBy", i."tenantId", d."id" AS "deviceId", COALESCE(d."name", i."computerDnsName") AS "deviceName",
    a."title" AS "alertTitle", a."incidentId"::text AS "incidentId", COALESCE(i."startTime", i."syncedAt") AS "sortAt"
  FROM "Investigation" i
  LEFT JOIN "Device" d ON d."tenantId" = i."tenantId" AND d."mdeMachineId" = i."machineId"
  LEFT JOIN "Alert" a ON a."tenantId" = i."tenantId" AND a."id" = i."triggeringAlertId"`;

interface RawInvestigation {
  id: string;
  state: string;
  startTime: Date | null;
  endTime: Date | null;
  machineId: string;
  triggeringAlertId: string | null;
  statusDetails: string | null;
  startedBy: string | null;
  deviceId: string | null;
  deviceName: string | null;
  alertTitle: string | null;
  sortAt: Date;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function toInvestigationView(r: RawInvestigation, now: Date): InvestigationView {
  const start = iso(r.startTime);
  const open = OPEN_STATES.includes(r.state);
  const end = r.endTime ? new Date(r.endTime).getTime() : open ? now.getTime() : null;
  return {
    id: r.id,
    state: r.state,
    startTime: start,
    endTime: iso(r.endTime),
    durationMs: start && end !== null ? Math.max(0, end - Date.parse(start)) : null,
    machineId: r.machineId,
    deviceId: r.deviceId,
    deviceName: r.deviceName,
    triggeringAlertId: r.triggeringAlertId,
    alertTitle: r.alertTitle,
    statusDetails: r.statusDetails,
    waitingFor: waitingFor(r.state, r.statusDetails),
    expiry: r.state === "PendingApproval" ? approvalExpiry(start, now) : null,
    startedBy: r.startedBy,
  };
}

function filterSql(p: SqlParams, f: InvestigationFilter): string {
  const where = [tenantSql(p, "i")];
  if (f.view === "pending") where.push(`i."state" = 'PendingApproval'`);
  if (f.state.length) where.push(`i."state" = ANY(${p.add(f.state)}::text[])`);
  if (f.machine) where.push(`i."machineId" = ${p.add(f.machine)}`);
  if (f.q) {
    const like = p.add(containsPattern(f.q));
    where.push(
      `(i."deviceName" ILIKE ${like} OR i."triggeringAlertId" = ${p.add(f.q)} OR i."alertTitle" ILIKE ${like})`,
    );
  }
  return where.join(" AND ");
}

export async function listInvestigations(
  filter: InvestigationFilter,
  page: { cursor?: string; limit: number; now?: Date },
): Promise<InvestigationPage> {
  const now = page.now ?? new Date();
  const p = new SqlParams();
  const where = [filterSql(p, filter)];
  if (page.cursor) {
    const after = decodeCursor(page.cursor, TimeIdCursor);
    where.push(`(i."sortAt", i."id") < (${p.add(after.at)}::timestamp, ${p.add(after.id)})`);
  }
  // Pending approvals soonest to expire first; everything else newest first.
  const rows = await db().$queryRawUnsafe<RawInvestigation[]>(
    `SELECT * FROM (${ROWS}) i WHERE ${where.join(" AND ")} ORDER BY i."sortAt" DESC, i."id" DESC LIMIT ${p.add(page.limit + 1)}`,
    ...p.values,
  );
  const { shown, nextCursor } = keysetPage(rows, page.limit, (last) => ({
    at: new Date(last.sortAt).toISOString(),
    id: last.id,
  }));
  return { data: shown.map((r) => toInvestigationView(r, now)), nextCursor };
}

/** The investigations of one device (console id or Defender machine id), one alert, or one incident's alerts; newest first. */
export async function listInvestigationsOf(
  of: { deviceId: string } | { machineId: string } | { alertId: string } | { incidentId: string },
  now = new Date(),
): Promise<InvestigationView[]> {
  const p = new SqlParams();
  const where = [tenantSql(p, "i")];
  if ("deviceId" in of) where.push(`i."deviceId" = ${p.add(of.deviceId)}`);
  else if ("machineId" in of) where.push(`i."machineId" = ${p.add(of.machineId)}`);
  else if ("alertId" in of) where.push(`i."triggeringAlertId" = ${p.add(of.alertId)}`);
  else where.push(`i."incidentId" = ${p.add(of.incidentId)}`);
  const rows = await db().$queryRawUnsafe<RawInvestigation[]>(
    `SELECT * FROM (${ROWS}) i WHERE ${where.join(" AND ")} ORDER BY i."sortAt" DESC, i."id" DESC LIMIT 50`,
    ...p.values,
  );
  return rows.map((r) => toInvestigationView(r, now));
}

/** How many investigations wait for approval in the Defender action center. */
export function countPendingApproval(): Promise<number> {
  return db().investigation.count({ where: { ...tenantScope(), state: "PendingApproval" } });
}

/** Whether the cache holds any investigations yet, and when their last sync finished (the list's "nothing synced" state). */
export async function investigationCacheState(): Promise<{ empty: boolean; lastSyncAt: string | null }> {
  const [one, state] = await Promise.all([
    db().investigation.findFirst({ where: tenantScope(), select: { id: true } }),
    db().syncState.findUnique({ where: syncStateKey("investigations"), select: { lastSuccessAt: true } }),
  ]);
  return { empty: !one, lastSyncAt: state?.lastSuccessAt?.toISOString() ?? null };
}
