import { db } from "../db";
import { SqlParams, containsPattern } from "../db/sql-params";
import { decodeCursor, keysetPage, TimeIdCursor } from "../http/cursor";
import { syncStateKey, tenantScope, tenantSql } from "../cache/tenant";
import {
  consoleActionOf,
  INDICATOR_CAP,
  type IndicatorFilter,
  type IndicatorMeter,
  type IndicatorPage,
  type IndicatorView,
} from "./schemas";

// The indicators' read side, from the cache: newest first, filters from the URL, and the meter against the cap.

interface RawIndicator {
  id: string;
  indicatorType: string;
  indicatorValue: string;
  action: string;
  generateAlert: boolean | null;
  severity: string | null;
  title: string | null;
  description: string | null;
  expirationTime: Date | null;
  createdAt: Date | null;
  createdBy: string | null;
  source: string | null;
  sortAt: Date;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function toView(r: RawIndicator, now: Date): IndicatorView {
  return {
    id: r.id,
    indicatorType: r.indicatorType,
    indicatorValue: r.indicatorValue,
    action: r.action,
    consoleAction: consoleActionOf(r.action, r.generateAlert),
    severity: r.severity,
    title: r.title,
    description: r.description,
    expirationTime: iso(r.expirationTime),
    expired: r.expirationTime !== null && new Date(r.expirationTime).getTime() <= now.getTime(),
    createdAt: iso(r.createdAt),
    createdBy: r.createdBy,
    source: r.source,
  };
}

/** The console's action words back to Defender's (action, generateAlert) for the filter. */
function actionSql(p: SqlParams, actions: readonly string[]): string {
  const parts = actions.map((a) => {
    switch (a) {
      case "Block":
        return `(i."action" = 'Block' AND i."generateAlert" IS NOT TRUE)`;
      case "AlertAndBlock":
        return `((i."action" = 'Block' AND i."generateAlert" IS TRUE) OR i."action" = 'AlertAndBlock')`;
      case "Alert":
        return `(i."action" IN ('Audit', 'Alert'))`;
      case "Allow":
        return `(i."action" = 'Allowed')`;
      default:
        return `(i."action" = ${p.add(a)})`;
    }
  });
  return `(${parts.join(" OR ")})`;
}

function filterSql(p: SqlParams, f: IndicatorFilter, now: Date): string {
  const where = [tenantSql(p, "i")];
  if (f.type.length) where.push(`i."indicatorType" = ANY(${p.add(f.type)}::text[])`);
  if (f.action.length) where.push(actionSql(p, f.action));
  if (f.severity.length) where.push(`i."severity" = ANY(${p.add(f.severity)}::text[])`);
  if (f.expired === "yes") where.push(`i."expirationTime" <= ${p.add(now.toISOString())}::timestamp`);
  if (f.expired === "no")
    where.push(`(i."expirationTime" IS NULL OR i."expirationTime" > ${p.add(now.toISOString())}::timestamp)`);
  if (f.q) {
    const like = p.add(containsPattern(f.q));
    where.push(`(i."indicatorValue" ILIKE ${like} OR i."title" ILIKE ${like})`);
  }
  return where.join(" AND ");
}

export async function listIndicators(
  filter: IndicatorFilter,
  page: { cursor?: string; limit: number; now?: Date },
): Promise<IndicatorPage> {
  const now = page.now ?? new Date();
  const p = new SqlParams();
  const where = [filterSql(p, filter, now)];
  if (page.cursor) {
    const after = decodeCursor(page.cursor, TimeIdCursor);
    where.push(`(i."sortAt", i."id") < (${p.add(after.at)}::timestamp, ${p.add(after.id)})`);
  }
  const rows = await db().$queryRawUnsafe<RawIndicator[]>(
    `SELECT * FROM (SELECT *, COALESCE("createdAt", "syncedAt") AS "sortAt" FROM "Indicator") i
     WHERE ${where.join(" AND ")} ORDER BY i."sortAt" DESC, i."id" DESC LIMIT ${p.add(page.limit + 1)}`,
    ...p.values,
  );
  const { shown, nextCursor } = keysetPage(rows, page.limit, (last) => ({
    at: new Date(last.sortAt).toISOString(),
    id: last.id,
  }));
  return { data: shown.map((r) => toView(r, now)), nextCursor };
}

/** How many indicators the tenant holds, against Defender's 15,000. */
export async function indicatorMeter(): Promise<IndicatorMeter> {
  return { total: await db().indicator.count({ where: tenantScope() }), cap: INDICATOR_CAP };
}

/** Which of these values already have an indicator (the "Block everywhere" dialog says so). */
export async function indicatorsForValues(values: readonly string[]): Promise<IndicatorView[]> {
  if (!values.length) return [];
  const now = new Date();
  const rows = await db().indicator.findMany({
    where: { ...tenantScope(), indicatorValue: { in: [...values] } },
  });
  return rows.map((r) => toView({ ...r, sortAt: r.createdAt ?? r.syncedAt }, now));
}

/** Whether the cache holds any indicators yet, and when their last sync finished (the list's "nothing synced" state). */
export async function indicatorCacheState(): Promise<{ empty: boolean; lastSyncAt: string | null }> {
  const [one, state] = await Promise.all([
    db().indicator.findFirst({ where: tenantScope(), select: { id: true } }),
    db().syncState.findUnique({ where: syncStateKey("indicators"), select: { lastSuccessAt: true } }),
  ]);
  return { empty: !one, lastSyncAt: state?.lastSuccessAt?.toISOString() ?? null };
}
