import { z } from "zod";
import type { Actor } from "../auth/actor";
import { attributeComments, readTargetHistory } from "../audit";
import { db, Prisma } from "../db";
import { decodeCursor, keysetPage } from "../http/cursor";
import { tenantKey, tenantScope, tenantSql } from "../cache/tenant";
import { SqlParams } from "../db/sql-params";
import { cachedTriageSettings } from "../alerts";
import { storedComments, type Priority, type SlaCounts } from "../alerts/schemas";
import { toResponseDevice } from "../actions/schemas";
import {
  defaultIncidentDirection,
  INCIDENT_SORTS,
  type IncidentDetail,
  type IncidentPage,
  type IncidentRow,
  type IncidentView,
} from "./schemas";
import {
  incidentBreachedSql,
  incidentFilterSql,
  incidentKeysetSql,
  incidentNearBreachSql,
  incidentOrderSql,
  incidentSortKeysSql,
  SORT_KEYS,
} from "./sql";

// Incidents from the cache: the list (most urgent first by default, keyset-paged), its SLA counts, the detail page.

type IncidentRecord = Prisma.IncidentGetPayload<object>;

export function toIncidentRow(i: IncidentRecord): IncidentRow {
  return {
    id: i.id.toString(),
    name: i.name,
    status: i.status,
    severity: i.severity,
    assignedTo: i.assignedTo,
    classification: i.classification,
    determination: i.determination,
    tags: i.tags,
    alertCount: i.alertCount,
    deviceCount: i.deviceCount,
    userCount: i.userCount,
    createdTime: i.createdTime.toISOString(),
    lastUpdateTime: i.lastUpdateTime.toISOString(),
    priority: i.priority as Priority,
    slaDueAt: i.slaDueAt?.toISOString() ?? null,
  };
}

const Cursor = z.object({
  s: z.enum(INCIDENT_SORTS),
  d: z.enum(["asc", "desc"]),
  v: z.array(z.string()).max(3),
  id: z.string().regex(/^\d{1,18}$/), // within int8
});

type RawIncident = IncidentRecord & Record<`k${number}`, string> & { runbookTotal: number; runbookDone: number };

/** One page of the list for a view, keyset-paged on the view's sort tuple and the id. */
export async function listIncidents(
  actor: Actor,
  view: IncidentView,
  page: { cursor?: string; limit: number; now?: Date },
): Promise<IncidentPage> {
  const now = page.now ?? new Date();
  const { sla } = await cachedTriageSettings();
  const dir = view.dir ?? defaultIncidentDirection(view.sort);
  const p = new SqlParams();
  const where = incidentFilterSql(p, view, { me: actor.name, now, sla });
  if (page.cursor) {
    const after = decodeCursor(page.cursor, Cursor);
    if (after.s !== view.sort || after.d !== dir) decodeCursor("not-for-this-sort", Cursor); // the same 400
    where.push(incidentKeysetSql(p, view.sort, dir, after));
  }
  // Runbook progress (lib/runbooks): how many of the attached runbook's tasks are done.
  const sql = `SELECT i.*, ${incidentSortKeysSql(view.sort)},
      (SELECT COUNT(*) FROM "RunbookTask" k WHERE k."tenantId" = i."tenantId" AND k."incidentId" = i."id")::int AS "runbookTotal",
      (SELECT COUNT(*) FROM "RunbookTask" k WHERE k."tenantId" = i."tenantId" AND k."incidentId" = i."id" AND k."done")::int AS "runbookDone"
    FROM "Incident" i
    ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
    ORDER BY ${incidentOrderSql(view.sort, dir)} LIMIT ${p.add(page.limit + 1)}`;
  const rows = await db().$queryRawUnsafe<RawIncident[]>(sql, ...p.values);
  const keys = SORT_KEYS[view.sort].keys;
  const { shown, nextCursor } = keysetPage(rows, page.limit, (last) => ({
    s: view.sort,
    d: dir,
    v: keys.map((_, n) => last[`k${n}`]),
    id: last.id.toString(),
  }));
  return {
    data: shown.map((i) => ({
      ...toIncidentRow(i),
      runbook: i.runbookTotal ? { done: i.runbookDone, total: i.runbookTotal } : null,
    })),
    nextCursor,
  };
}

/** How many incidents a view matches (the overview's tiles), by the list's own filter SQL. */
export async function countIncidents(actor: Actor, view: IncidentView, now = new Date()): Promise<number> {
  const { sla } = await cachedTriageSettings();
  const p = new SqlParams();
  const where = incidentFilterSql(p, view, { me: actor.name, now, sla });
  const [row] = await db().$queryRawUnsafe<{ n: bigint }[]>(
    `SELECT COUNT(*) AS n FROM "Incident" i ${where.length ? `WHERE ${where.join(" AND ")}` : ""}`,
    ...p.values,
  );
  return Number(row?.n ?? 0);
}

/** The assignees seen on cached incidents, for the list's "Assigned to" filter. */
export async function listIncidentAssignees(): Promise<string[]> {
  const rows = await db().incident.findMany({
    where: { ...tenantScope(), assignedTo: { not: null } },
    distinct: ["assignedTo"],
    select: { assignedTo: true },
    orderBy: { assignedTo: "asc" },
    take: 200,
  });
  return rows.map((r) => r.assignedTo!);
}

/** Open incidents past their SLA deadline and close to it (the numbers that head the list). */
export async function incidentSlaCounts(now = new Date()): Promise<SlaCounts> {
  const { sla } = await cachedTriageSettings();
  const p = new SqlParams();
  const breached = incidentBreachedSql(p, now);
  const near = incidentNearBreachSql(p, now, sla);
  const [row] = await db().$queryRawUnsafe<{ breached: number; near: number }[]>(
    `SELECT COUNT(*) FILTER (WHERE ${breached})::int AS breached, COUNT(*) FILTER (WHERE ${near})::int AS near
     FROM "Incident" i WHERE ${tenantSql(p, "i")} AND i."slaDueAt" IS NOT NULL`,
    ...p.values,
  );
  return { breached: row?.breached ?? 0, nearBreach: row?.near ?? 0, at: now.toISOString() };
}

export async function getIncidentDetail(
  id: string,
  opts: { auditDetails?: boolean } = {},
): Promise<IncidentDetail | null> {
  const incident = await db().incident.findUnique({ where: tenantKey(BigInt(id)) });
  if (!incident) return null;
  const history = await readTargetHistory(
    { type: "incident", id },
    { subject: "this incident", auditDetails: Boolean(opts.auditDetails) },
  );
  const alerts = await db().alert.findMany({
    where: { ...tenantScope(), incidentId: incident.id },
    orderBy: { alertCreationTime: "desc" },
    take: 500,
    select: {
      id: true,
      title: true,
      severity: true,
      status: true,
      priority: true,
      machineId: true,
      computerDnsName: true,
      relatedUserName: true,
      assignedTo: true,
      alertCreationTime: true,
    },
  });
  const machineIds = [...new Set(alerts.map((a) => a.machineId).filter((m): m is string => !!m))];
  const devices = machineIds.length
    ? await db().device.findMany({ where: { ...tenantScope(), mdeMachineId: { in: machineIds } } })
    : [];
  const byMachine = new Map(devices.map((d) => [d.mdeMachineId, d]));
  return {
    ...toIncidentRow(incident),
    comments: attributeComments(storedComments(incident.comments), history.authored),
    history: history.history,
    alerts: alerts.map((a) => ({
      id: a.id,
      title: a.title,
      severity: a.severity,
      status: a.status,
      priority: a.priority,
      computerDnsName: a.computerDnsName,
      userName: a.relatedUserName,
      assignedTo: a.assignedTo,
      alertCreationTime: a.alertCreationTime.toISOString(),
    })),
    devices: machineIds.map((m) => {
      const d = byMachine.get(m);
      const name = d?.name ?? alerts.find((a) => a.machineId === m)?.computerDnsName ?? m;
      return {
        id: d?.id ?? null,
        name,
        machineId: m,
        riskScore: d?.riskScore ?? null,
        isolationState: d?.isolationState ?? null,
        response: d ? toResponseDevice(d) : null,
      };
    }),
    users: [...new Set(alerts.map((a) => a.relatedUserName).filter((u): u is string => !!u))],
  };
}
