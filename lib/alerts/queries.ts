import { z } from "zod";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { attributeComments, readTargetHistory } from "../audit";
import { alertListColumns, toAlertListItem, type AlertListRecord } from "../cache/alerts";
import { cacheTenantId, syncStateKey, tenantKey, tenantScope, tenantSql } from "../cache/tenant";
import { decodeCursor, keysetPage } from "../http/cursor";
import { cachedTriageSettings } from "./settings";
import { SqlParams } from "../db/sql-params";
import { toResponseDevice } from "../actions/schemas";
import { distinctValues, keptForAMinute } from "../db/filter-options";
import { breachedSql, filterSql, keysetSql, nearBreachSql, orderSql, sortKeyColumns, SORT_KEYS } from "./sql";
import {
  defaultDirection,
  storedComments,
  type AlertDetail,
  type AlertFilter,
  type AlertGroup,
  type AlertPage,
  type AlertView,
  type SlaCounts,
} from "./schemas";

// Read side of the alert queue, served from the cache the sync fills. Pages by keyset on (sort key, id): no
// offsets, so page 2,000 costs what page 1 costs and a row never appears twice while alerts arrive.

type RawRow = AlertListRecord & Record<`sortKey${number}`, string | undefined>;

const iso = (d: Date | null): string | null => (d === null ? null : new Date(d).toISOString());

/** The cursor remembers the order it was made for: reusing it under another sort is a 400, not a wrong page. */
const Cursor = z.object({
  s: z.string(),
  d: z.enum(["asc", "desc"]),
  v: z.array(z.string().max(400)).max(8),
  id: z.string().max(100),
});

export interface ListOptions {
  cursor?: string;
  limit: number;
  /** Injected by tests; the SLA filters and the time range are relative to it. */
  now?: Date;
}

export async function listAlerts(actor: Actor, view: AlertView, page: ListOptions): Promise<AlertPage> {
  const now = page.now ?? new Date();
  const { sla } = await cachedTriageSettings();
  const dir = view.dir ?? defaultDirection(view.sort);
  const p = new SqlParams();
  const where = [filterSql(p, view, { me: actor.name, now, sla })];
  if (page.cursor) {
    const after = decodeCursor(page.cursor, Cursor);
    if (after.s !== view.sort || after.d !== dir) {
      decodeCursor("not-for-this-sort", Cursor); // same 400 as any other cursor that does not fit
    }
    where.push(keysetSql(p, view.sort, dir, after));
  }
  const sql = `SELECT ${alertListColumns("a")}, ${sortKeyColumns(view.sort)} FROM "Alert" a
    WHERE ${where.join(" AND ")} ORDER BY ${orderSql(view.sort, dir)} LIMIT ${p.add(page.limit + 1)}`;
  const [rows, groups] = await Promise.all([
    db().$queryRawUnsafe<RawRow[]>(sql, ...p.values),
    view.group !== "none" && !page.cursor ? groupCounts(actor, view, now) : Promise.resolve(undefined),
  ]);
  const { shown, nextCursor } = keysetPage(rows, page.limit, (last) => ({
    s: view.sort,
    d: dir,
    v: SORT_KEYS[view.sort].parts.map((_, i) => last[`sortKey${i}`] ?? ""),
    id: last.id,
  }));
  return {
    data: shown.map(toAlertListItem),
    nextCursor,
    ...(groups ? { groups } : {}),
  };
}

/**
 * How many alerts a filter matches: the queue's own WHERE (filterSql), so a figure that links to the queue (the
 * overview's tiles) and the queue it opens count the same alerts.
 */
export async function countAlerts(actor: Actor, filter: AlertFilter, now = new Date()): Promise<number> {
  const { sla } = await cachedTriageSettings();
  const p = new SqlParams();
  const where = filterSql(p, filter, { me: actor.name, now, sla });
  const [row] = await db().$queryRawUnsafe<{ n: number }[]>(
    `SELECT COUNT(*)::int AS n FROM "Alert" a WHERE ${where}`,
    ...p.values,
  );
  return row?.n ?? 0;
}

const GROUP_LIMIT = 50;

/** The largest groups of the filtered queue (by incident, device, title or category), for the grouped view. */
export async function groupCounts(
  actor: Actor,
  filter: AlertFilter & { group: AlertView["group"] },
  now = new Date(),
): Promise<AlertGroup[]> {
  const { sla } = await cachedTriageSettings();
  const p = new SqlParams();
  const where = filterSql(p, filter, { me: actor.name, now, sla });
  let sql: string;
  if (filter.group === "incident") {
    sql = `SELECT a."incidentId"::text AS key, COALESCE(MAX(i."name"), 'Incident ' || a."incidentId"::text) AS label, COUNT(*)::int AS count
      FROM "Alert" a LEFT JOIN "Incident" i ON i."tenantId" = a."tenantId" AND i."id" = a."incidentId"
      WHERE ${where} AND a."incidentId" IS NOT NULL GROUP BY a."incidentId" ORDER BY count DESC, key LIMIT ${GROUP_LIMIT}`;
  } else if (filter.group === "device") {
    sql = `SELECT COALESCE(a."computerDnsName", a."machineId") AS key, COALESCE(a."computerDnsName", a."machineId") AS label, COUNT(*)::int AS count
      FROM "Alert" a WHERE ${where} AND COALESCE(a."computerDnsName", a."machineId") IS NOT NULL GROUP BY 1 ORDER BY count DESC, key LIMIT ${GROUP_LIMIT}`;
  } else if (filter.group === "title") {
    sql = `SELECT a."title" AS key, a."title" AS label, COUNT(*)::int AS count FROM "Alert" a WHERE ${where}
      GROUP BY 1 ORDER BY count DESC, key LIMIT ${GROUP_LIMIT}`;
  } else if (filter.group === "category") {
    // Alerts without a category have no group: the category filter that opens a group cannot name "none".
    sql = `SELECT a."category" AS key, a."category" AS label, COUNT(*)::int AS count FROM "Alert" a
      WHERE ${where} AND a."category" <> '' GROUP BY 1 ORDER BY count DESC, key LIMIT ${GROUP_LIMIT}`;
  } else return [];
  return db().$queryRawUnsafe<AlertGroup[]>(sql, ...p.values);
}

/**
 * Open alerts past their deadline and close to it: tenant-wide, or within a view's filters (its own SLA filter
 * aside), so the queue's "N SLA breached" badge counts exactly the rows its link lists.
 */
export async function slaCounts(now = new Date(), scope?: { filter: AlertFilter; me: string }): Promise<SlaCounts> {
  const { sla } = await cachedTriageSettings();
  const p = new SqlParams();
  const where = scope
    ? filterSql(p, { ...scope.filter, sla: undefined }, { me: scope.me, now, sla })
    : tenantSql(p, "a");
  const breached = breachedSql(p, now);
  const near = nearBreachSql(p, now, sla);
  const [row] = await db().$queryRawUnsafe<{ breached: number; near: number }[]>(
    `SELECT COUNT(*) FILTER (WHERE ${breached})::int AS breached, COUNT(*) FILTER (WHERE ${near})::int AS near
     FROM "Alert" a WHERE a."status" <> 'Resolved' AND a."slaDueAt" IS NOT NULL AND ${where}`,
    ...p.values,
  );
  return { breached: row?.breached ?? 0, nearBreach: row?.near ?? 0, at: now.toISOString() };
}

/** Whether the cache holds any alert at all: tells "nothing synced yet" apart from "no results for these filters". */
export async function alertCacheState(): Promise<{ hasAlerts: boolean; lastSyncAt: string | null }> {
  const [any, state] = await Promise.all([
    db().alert.findFirst({ where: tenantScope(), select: { id: true } }),
    db().syncState.findUnique({ where: syncStateKey("alerts"), select: { lastSuccessAt: true } }),
  ]);
  return { hasAlerts: any !== null, lastSyncAt: iso(state?.lastSuccessAt ?? null) };
}

/**
 * Everything the alert page shows, or null when the alert is not in the cache. Its history comes from the audit log:
 * who did what when, for everyone who may read alerts; the parameters and error text only for those who may read
 * the audit log itself (audit:read).
 */
export async function getAlertDetail(id: string, opts: { auditDetails?: boolean } = {}): Promise<AlertDetail | null> {
  const a = await db().alert.findUnique({
    where: tenantKey(id),
    include: { evidence: { orderBy: { ordinal: "asc" } } },
  });
  if (!a) return null;
  const [device, incident, siblings, history] = await Promise.all([
    a.machineId
      ? db().device.findUnique({ where: { tenantId_mdeMachineId: { ...tenantScope(), mdeMachineId: a.machineId } } })
      : null,
    a.incidentId !== null ? db().incident.findUnique({ where: tenantKey(a.incidentId) }) : null,
    a.incidentId !== null
      ? db().alert.findMany({
          where: { ...tenantScope(), incidentId: a.incidentId, id: { not: a.id } },
          select: { id: true, title: true, severity: true, status: true, computerDnsName: true },
          orderBy: { alertCreationTime: "desc" },
          take: 50,
        })
      : [],
    readTargetHistory({ type: "alert", id: a.id }, { subject: "this alert", auditDetails: Boolean(opts.auditDetails) }),
  ]);
  const raw = a as unknown as Record<string, unknown>;
  return {
    ...toAlertListItem(a),
    description: a.description,
    // Defender's alert API has no recommended-action field; some payloads carry one and the cache may gain it.
    recommendedAction: typeof raw.recommendedAction === "string" ? raw.recommendedAction : null,
    threatName: a.threatName,
    threatFamilyName: a.threatFamilyName,
    investigationState: a.investigationState,
    firstEventTime: iso(a.firstEventTime),
    lastEventTime: iso(a.lastEventTime),
    resolvedTime: iso(a.resolvedTime),
    comments: attributeComments(storedComments(a.comments), history.authored),
    evidence: a.evidence.map((e) => ({
      entityType: e.entityType,
      fileName: e.fileName,
      filePath: e.filePath,
      sha1: e.sha1,
      sha256: e.sha256,
      processId: e.processId,
      processCommandLine: e.processCommandLine,
      parentProcessFileName: e.parentProcessFileName,
      ipAddress: e.ipAddress,
      url: e.url,
      registryKey: e.registryKey,
      registryValue: e.registryValue,
      accountName: e.accountName,
      domainName: e.domainName,
      userPrincipalName: e.userPrincipalName,
      detectionStatus: e.detectionStatus,
    })),
    device: device
      ? {
          ...toResponseDevice(device),
          riskScore: device.riskScore,
          exposureLevel: device.exposureLevel,
        }
      : null,
    incident: incident
      ? {
          id: incident.id.toString(),
          name: incident.name,
          status: incident.status,
          severity: incident.severity,
          alerts: siblings,
        }
      : a.incidentId !== null
        ? {
            id: a.incidentId.toString(),
            name: `Incident ${a.incidentId}`,
            status: "Unknown",
            severity: "Unknown",
            alerts: siblings,
          }
        : null,
    history: history.history,
  };
}

export interface AlertFilterOptions {
  categories: string[];
  sources: string[];
  techniques: string[];
  assignees: string[];
}

/** The values present in the cache for the queue's multi-select filters (kept a minute per process). */
export const listFilterOptions = keptForAMinute(async (): Promise<AlertFilterOptions> => {
  const tenantId = cacheTenantId();
  const [categories, sources, techniques, assignees] = await Promise.all([
    distinctValues(
      `SELECT DISTINCT "category" AS v FROM "Alert" WHERE "tenantId" = $1 AND "category" <> '' ORDER BY 1 LIMIT 200`,
      tenantId,
    ),
    distinctValues(
      `SELECT DISTINCT "detectionSource" AS v FROM "Alert" WHERE "tenantId" = $1 AND "detectionSource" <> '' ORDER BY 1 LIMIT 200`,
      tenantId,
    ),
    distinctValues(
      `SELECT DISTINCT unnest("mitreTechniques") AS v FROM "Alert" WHERE "tenantId" = $1 ORDER BY 1 LIMIT 500`,
      tenantId,
    ),
    distinctValues(
      `SELECT DISTINCT "assignedTo" AS v FROM "Alert" WHERE "tenantId" = $1 AND "assignedTo" IS NOT NULL ORDER BY 1 LIMIT 200`,
      tenantId,
    ),
  ]);
  return { categories, sources, techniques, assignees };
});
