import { z } from "zod";
import type { Actor } from "../auth/actor";
import { attributeComments, readTargetHistory } from "../audit";
import { db, Prisma } from "../db";
import { decodeCursor, keysetPage } from "../http/cursor";
import { ASSIGNED_TO_ME, storedComments } from "../alerts/schemas";
import { toResponseDevice } from "../actions/schemas";
import type { IncidentDetail, IncidentFilter, IncidentRow } from "./schemas";

// Incidents from the cache, newest change first, keyset-paged on (time, id).

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
  };
}

const Cursor = z.object({ s: z.enum(["updated", "created"]), v: z.iso.datetime(), id: z.string().regex(/^\d{1,18}$/) }); // within int8

/** The list's filter as a Prisma condition; the count behind a link to the list uses the same one. */
function incidentWhere(actor: Actor, filter: IncidentFilter): Prisma.IncidentWhereInput {
  const people = filter.assignedTo.map((a) => (a === ASSIGNED_TO_ME ? actor.name : a));
  return {
    ...(filter.status.length ? { status: { in: filter.status } } : {}),
    ...(filter.severity.length ? { severity: { in: filter.severity } } : {}),
    ...(people.length ? { assignedTo: { in: people } } : {}),
    ...(filter.q ? { name: { contains: filter.q, mode: "insensitive" } } : {}),
  };
}

/** How many incidents a filter matches (the overview's tiles), by the list's own condition. */
export function countIncidents(actor: Actor, filter: IncidentFilter): Promise<number> {
  return db().incident.count({ where: incidentWhere(actor, filter) });
}

export async function listIncidents(
  actor: Actor,
  filter: IncidentFilter,
  page: { cursor?: string; limit: number },
): Promise<{ data: IncidentRow[]; nextCursor: string | null }> {
  const field = filter.sort === "created" ? "createdTime" : "lastUpdateTime";
  const after = page.cursor ? decodeCursor(page.cursor, Cursor) : null;
  if (after && after.s !== filter.sort) decodeCursor("not-for-this-sort", Cursor);
  const where: Prisma.IncidentWhereInput = {
    ...incidentWhere(actor, filter),
    ...(after
      ? { OR: [{ [field]: { lt: new Date(after.v) } }, { [field]: new Date(after.v), id: { lt: BigInt(after.id) } }] }
      : {}),
  };
  const rows = await db().incident.findMany({
    where,
    orderBy: [{ [field]: "desc" }, { id: "desc" }],
    take: page.limit + 1,
  });
  const { shown, nextCursor } = keysetPage(rows, page.limit, (last) => ({
    s: filter.sort,
    v: last[field].toISOString(),
    id: last.id.toString(),
  }));
  return { data: shown.map(toIncidentRow), nextCursor };
}

export async function getIncidentDetail(
  id: string,
  opts: { auditDetails?: boolean } = {},
): Promise<IncidentDetail | null> {
  const incident = await db().incident.findUnique({ where: { id: BigInt(id) } });
  if (!incident) return null;
  const history = await readTargetHistory(
    { type: "incident", id },
    { subject: "this incident", auditDetails: Boolean(opts.auditDetails) },
  );
  const alerts = await db().alert.findMany({
    where: { incidentId: incident.id },
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
  const devices = machineIds.length ? await db().device.findMany({ where: { mdeMachineId: { in: machineIds } } }) : [];
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
