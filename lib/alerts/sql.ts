import { SqlParams, containsPattern } from "../db/sql-params";
import { assertCursorValue } from "../http/cursor";
import type { SlaMinutes } from "../cache/alert-priority";
import { tenantSql } from "../cache/tenant";
import { ASSIGNED_TO_ME, TIME_RANGES, UNASSIGNED, type AlertFilter, type SortColumn } from "./schemas";

// The queue's WHERE and ORDER BY, as parameterised SQL. Raw SQL rather than Prisma's query builder because the
// queue sorts on expressions (priority and severity ranks, nullable columns) and pages by keyset on them, which
// Prisma's cursor option cannot express. Every value is a bind parameter; only fixed fragments are concatenated.

type SortType = "int" | "text" | "timestamp";

/**
 * Sort keys. Nullable columns sort through COALESCE so keyset comparisons never meet a NULL; ranks put the
 * most urgent first when descending. Each has an (expr, id) index: plain ones in schema.prisma, expressions in
 * migration alert_queue_sort_indexes — change an expression here only together with a migration re-creating it.
 */
export const SORT_KEYS: Record<SortColumn, { expr: string; type: SortType }> = {
  priority: {
    expr: `(CASE a."priority" WHEN 'Critical' THEN 4 WHEN 'High' THEN 3 WHEN 'Medium' THEN 2 WHEN 'Low' THEN 1 ELSE 0 END)`,
    type: "int",
  },
  severity: {
    expr: `(CASE a."severity" WHEN 'High' THEN 4 WHEN 'Medium' THEN 3 WHEN 'Low' THEN 2 WHEN 'Informational' THEN 1 ELSE 0 END)`,
    type: "int",
  },
  // Workflow order rather than alphabetical: New, InProgress, Resolved.
  status: {
    expr: `(CASE a."status" WHEN 'New' THEN 0 WHEN 'InProgress' THEN 1 WHEN 'Resolved' THEN 2 ELSE 3 END)`,
    type: "int",
  },
  title: { expr: `a."title"`, type: "text" },
  category: { expr: `a."category"`, type: "text" },
  technique: { expr: `COALESCE(a."mitreTechniques"[1], '')`, type: "text" },
  device: { expr: `COALESCE(a."computerDnsName", '')`, type: "text" },
  user: { expr: `COALESCE(a."relatedUserName", '')`, type: "text" },
  source: { expr: `a."detectionSource"`, type: "text" },
  assignedTo: { expr: `COALESCE(a."assignedTo", '')`, type: "text" },
  age: { expr: `a."alertCreationTime"`, type: "timestamp" },
  // Alerts without a clock (Informational) sort after every deadline.
  sla: { expr: `COALESCE(a."slaDueAt", 'infinity'::timestamp)`, type: "timestamp" },
};

/** Near breach = an open alert with less than a quarter of its clock left. */
export const NEAR_BREACH_SHARE = 0.25;

export function nearBreachSql(p: SqlParams, now: Date, sla: SlaMinutes): string {
  const parts: string[] = [];
  for (const [priority, minutes] of Object.entries(sla)) {
    if (minutes === null) continue;
    const until = new Date(now.getTime() + minutes * NEAR_BREACH_SHARE * 60_000);
    parts.push(`(a."priority" = ${p.add(priority)} AND a."slaDueAt" < ${p.add(until.toISOString())}::timestamp)`);
  }
  const open = `a."status" <> 'Resolved' AND a."slaDueAt" >= ${p.add(now.toISOString())}::timestamp`;
  return parts.length ? `(${open} AND (${parts.join(" OR ")}))` : "FALSE";
}

export function breachedSql(p: SqlParams, now: Date): string {
  return `(a."status" <> 'Resolved' AND a."slaDueAt" < ${p.add(now.toISOString())}::timestamp)`;
}

const anyOf = (p: SqlParams, column: string, values: readonly string[]) => `${column} = ANY(${p.add(values)}::text[])`;

/** WHERE conditions for a filter, joined with AND. `me` resolves "@me" in a shared URL to whoever reads it. */
export function filterSql(p: SqlParams, filter: AlertFilter, ctx: { me: string; now: Date; sla: SlaMinutes }): string {
  const where: string[] = [tenantSql(p, "a")];
  const since = new Date(ctx.now.getTime() - TIME_RANGES[filter.range] * 86_400_000);
  const sinceParam = p.add(since.toISOString());
  where.push(`a."alertCreationTime" >= ${sinceParam}::timestamp`);
  // A deadline is never before its alert was raised: the same bound on the SLA sort key lets a walk of the SLA
  // index start at the time range instead of filtering its way through months of older deadlines.
  where.push(`${SORT_KEYS.sla.expr} >= ${sinceParam}::timestamp`);
  if (filter.severity.length) where.push(anyOf(p, `a."severity"`, filter.severity));
  if (filter.status.length) where.push(anyOf(p, `a."status"`, filter.status));
  if (filter.priority.length) where.push(anyOf(p, `a."priority"`, filter.priority));
  if (filter.category.length) where.push(anyOf(p, `a."category"`, filter.category));
  if (filter.source.length) where.push(anyOf(p, `a."detectionSource"`, filter.source));
  if (filter.assignedTo.length) {
    const people = filter.assignedTo.filter((v) => v !== UNASSIGNED).map((v) => (v === ASSIGNED_TO_ME ? ctx.me : v));
    const either: string[] = [];
    if (people.length) either.push(anyOf(p, `a."assignedTo"`, people));
    if (filter.assignedTo.includes(UNASSIGNED)) either.push(`a."assignedTo" IS NULL`);
    where.push(`(${either.join(" OR ")})`);
  }
  // Exact technique ids (the filter offers the ids present in the cache): array overlap has a GIN index and
  // per-element statistics, so the planner knows how selective it is.
  if (filter.technique.length) where.push(`a."mitreTechniques" && ${p.add(filter.technique)}::text[]`);
  if (filter.q) {
    const pattern = p.add(containsPattern(filter.q));
    where.push(
      `(a."title" ILIKE ${pattern} OR a."computerDnsName" ILIKE ${pattern} OR a."relatedUserName" ILIKE ${pattern})`,
    );
  }
  if (filter.sla === "breached") where.push(breachedSql(p, ctx.now));
  if (filter.sla === "near") where.push(nearBreachSql(p, ctx.now, ctx.sla));
  if (filter.incident) where.push(`a."incidentId" = ${p.add(filter.incident)}::bigint`);
  if (filter.device) {
    // COALESCE matches the device sort's expression index, so both sides of the OR have an index.
    const device = p.add(filter.device);
    where.push(`(COALESCE(a."computerDnsName", '') = ${device} OR a."machineId" = ${device})`);
  }
  if (filter.title) where.push(`a."title" = ${p.add(filter.title)}`);
  return where.join(" AND ");
}

/**
 * Keyset condition for the page after (value, id) in the order `expr dir, id dir`. The id follows the sort's
 * direction so one ascending (expr, id) index serves both: forwards for asc, backwards for desc; a row comparison
 * lets PostgreSQL start the index scan right at the cursor.
 */
export function keysetSql(
  p: SqlParams,
  sort: SortColumn,
  dir: "asc" | "desc",
  after: { v: string; id: string },
): string {
  const { expr, type } = SORT_KEYS[sort];
  assertCursorValue(type, after.v);
  const value = `${p.add(after.v)}::${type === "int" ? "integer" : type}`;
  return `(${expr}, a."id") ${dir === "desc" ? "<" : ">"} (${value}, ${p.add(after.id)})`;
}

export function orderSql(sort: SortColumn, dir: "asc" | "desc"): string {
  const d = dir.toUpperCase();
  return `${SORT_KEYS[sort].expr} ${d}, a."id" ${d}`;
}
