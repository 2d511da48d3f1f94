import { SqlParams, containsPattern } from "../db/sql-params";
import { db } from "../db";
import { decodeCursor, keysetPage, TimeIdCursor } from "../http/cursor";
import { toCsv } from "../http/csv";
import { cacheTenantId, tenantScope, tenantSql } from "../cache/tenant";
import { isFinalStatus, type ActionFilter, type ActionPage, type ActionView } from "./schemas";

// The action center's read side: the console's requests (with Defender's status once sent) and the actions
// Defender holds that the console did not send (portal, automation), in one list, newest first. Joins stay within
// a tenant; the outer filter names it (PostgreSQL pushes it into both branches).

const ROWS = `
  SELECT r."id", 'console' AS "source", r."id" AS "requestId", r."machineActionId", r."deviceId", COALESCE(d."name", m."computerDnsName") AS "deviceName",
    r."type", r."scope", r."comment", CASE WHEN r."state" = 'Sent' THEN COALESCE(m."status", 'Pending') ELSE r."state" END AS "status", r."state",
    r."requestedByName" AS "requestedBy", r."requestedById", r."createdAt", COALESCE(m."lastUpdateDateTimeUtc", r."updatedAt") AS "updatedAt",
    r."approvedByName" AS "approvedBy", r."decidedByName" AS "decidedBy", r."decidedAt", r."decisionReason", r."error", m."cancellationRequestor" AS "cancelledBy", r."idempotencyKey", r."tenantId",
    r."commands", r."output", r."runbookTaskId"
  FROM "ActionRequest" r
  LEFT JOIN "MachineAction" m ON m."tenantId" = r."tenantId" AND m."id" = r."machineActionId"
  LEFT JOIN "Device" d ON d."tenantId" = r."tenantId" AND d."id" = r."deviceId"
  UNION ALL
  SELECT m."id", 'defender', NULL, m."id", d."id", COALESCE(d."name", m."computerDnsName"), m."type", m."scope", m."requestorComment", m."status", NULL,
    m."requestor", NULL, m."creationDateTimeUtc", COALESCE(m."lastUpdateDateTimeUtc", m."creationDateTimeUtc"), NULL, NULL, NULL, NULL, NULL, m."cancellationRequestor", NULL, m."tenantId",
    NULL::jsonb, NULL::jsonb, NULL
  FROM "MachineAction" m LEFT JOIN "Device" d ON d."tenantId" = m."tenantId" AND d."mdeMachineId" = m."machineId"
  WHERE NOT EXISTS (SELECT 1 FROM "ActionRequest" r WHERE r."tenantId" = m."tenantId" AND r."machineActionId" = m."id")`;

interface RawAction extends Omit<ActionView, "createdAt" | "updatedAt" | "decidedAt" | "final"> {
  createdAt: Date;
  updatedAt: Date | null;
  decidedAt: Date | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function toView(r: RawAction): ActionView {
  return {
    id: r.id,
    source: r.source,
    requestId: r.requestId,
    machineActionId: r.machineActionId,
    deviceId: r.deviceId,
    deviceName: r.deviceName,
    type: r.type,
    scope: r.scope,
    comment: r.comment,
    status: r.status,
    state: r.state,
    requestedBy: r.requestedBy,
    requestedById: r.requestedById,
    createdAt: iso(r.createdAt)!,
    updatedAt: iso(r.updatedAt),
    approvedBy: r.approvedBy,
    decidedBy: r.decidedBy,
    decidedAt: iso(r.decidedAt),
    decisionReason: r.decisionReason,
    error: r.error,
    cancelledBy: r.cancelledBy,
    final: isFinalStatus(r.status),
    commands: r.commands ?? null,
    output: r.output ?? null,
    runbookTaskId: r.runbookTaskId ?? null,
  };
}

const IN_FLIGHT = `(a."status" IN ('Queued', 'Sending', 'Pending', 'InProgress'))`;

function filterSql(p: SqlParams, f: ActionFilter): string {
  const where: string[] = [tenantSql(p, "a")];
  if (f.tab === "approvals") where.push(`a."status" = 'AwaitingApproval'`);
  if (f.tab === "inflight") where.push(IN_FLIGHT);
  if (f.tab === "history") where.push(`NOT ${IN_FLIGHT} AND a."status" <> 'AwaitingApproval'`);
  if (f.type.length) where.push(`a."type" = ANY(${p.add(f.type)}::text[])`);
  if (f.status.length) where.push(`a."status" = ANY(${p.add(f.status)}::text[])`);
  if (f.device) where.push(`a."deviceId" = ${p.add(f.device)}`);
  if (f.batch) where.push(`a."idempotencyKey" LIKE ${p.add(`${f.batch}:%`)}`);
  if (f.q) {
    const like = p.add(containsPattern(f.q));
    where.push(`(a."requestedBy" ILIKE ${like} OR a."decidedBy" ILIKE ${like} OR a."deviceName" ILIKE ${like})`);
  }
  return where.join(" AND ");
}

/** How many actions a filter matches, by the list's own condition (the overview's tiles open the list). */
export async function countActions(filter: ActionFilter): Promise<number> {
  const p = new SqlParams();
  const [row] = await db().$queryRawUnsafe<{ n: number }[]>(
    `SELECT COUNT(*)::int AS n FROM (${ROWS}) a WHERE ${filterSql(p, filter)}`,
    ...p.values,
  );
  return row?.n ?? 0;
}

export async function listActions(filter: ActionFilter, page: { cursor?: string; limit: number }): Promise<ActionPage> {
  const p = new SqlParams();
  const where = [filterSql(p, filter)];
  if (page.cursor) {
    const after = decodeCursor(page.cursor, TimeIdCursor);
    where.push(`(a."createdAt", a."id") < (${p.add(after.at)}::timestamp, ${p.add(after.id)})`);
  }
  const rows = await db().$queryRawUnsafe<RawAction[]>(
    `SELECT * FROM (${ROWS}) a WHERE ${where.join(" AND ")} ORDER BY a."createdAt" DESC, a."id" DESC LIMIT ${p.add(page.limit + 1)}`,
    ...p.values,
  );
  const { shown, nextCursor } = keysetPage(rows, page.limit, (last) => ({
    at: new Date(last.createdAt).toISOString(),
    id: last.id,
  }));
  return { data: shown.map(toView), nextCursor };
}

/** How many requests wait for a second person (the approvals tab's badge). Only console requests can wait. */
export function countAwaitingApproval(): Promise<number> {
  return db().actionRequest.count({ where: { ...tenantScope(), state: "AwaitingApproval" } });
}

/**
 * How many requests this person may decide: awaiting approval and requested by someone else (four-eyes: nobody
 * approves their own). The navigation's badge polls it, so it is one count on the state index.
 */
export function countAwaitingApprovalBy(approverId: string): Promise<number> {
  return db().actionRequest.count({
    where: { ...tenantScope(), state: "AwaitingApproval", requestedById: { not: approverId } },
  });
}

/** One action by the console request's id or Defender's action id; null when neither is known. */
export async function getAction(id: string): Promise<ActionView | null> {
  const rows = await db().$queryRawUnsafe<RawAction[]>(
    `SELECT * FROM (${ROWS}) a WHERE a."tenantId" = $2 AND (a."id" = $1 OR a."machineActionId" = $1) LIMIT 1`,
    id,
    cacheTenantId(),
  );
  return rows[0] ? toView(rows[0]) : null;
}

export const ACTION_CSV_HEADER = [
  "createdAt",
  "type",
  "scope",
  "device",
  "deviceId",
  "status",
  "requestedBy",
  "comment",
  "approvedBy",
  "decidedAt",
  "decisionReason",
  "cancelledBy",
  "updatedAt",
  "error",
  "source",
  "requestId",
  "machineActionId",
];

/** The filtered action list as CSV chunks (header first). */
export async function* actionsCsv(filter: ActionFilter): AsyncGenerator<string> {
  yield toCsv([ACTION_CSV_HEADER]);
  let cursor: string | undefined;
  for (;;) {
    const page = await listActions(filter, { cursor, limit: 1000 });
    yield toCsv(
      page.data.map((a) => [
        a.createdAt,
        a.type,
        a.scope,
        a.deviceName,
        a.deviceId,
        a.status,
        a.requestedBy,
        a.comment,
        a.approvedBy,
        a.decidedAt,
        a.decisionReason,
        a.cancelledBy,
        a.updatedAt,
        a.error,
        a.source,
        a.requestId,
        a.machineActionId,
      ]),
    );
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}
