import { SqlParams, containsPattern, oneOf } from "../db/sql-params";
import { assertCursorValue } from "../http/cursor";
import { NEAR_BREACH_SHARE } from "../alerts";
import type { SlaMinutes } from "../cache/alert-priority";
import { ASSIGNED_TO_ME, UNASSIGNED } from "../alerts/schemas";
import { tenantSql } from "../cache/tenant";
import type { IncidentFilter, IncidentSort } from "./schemas";

// The incident list's WHERE and ORDER BY as parameterised SQL, like the alert queue's (lib/alerts/sql.ts): the
// priority order is a tuple of expressions, which Prisma's orderBy and cursor cannot express. Every value is a
// bind parameter; only fixed fragments are concatenated. Conditions are a list joined with AND, so a tenant
// condition is one more entry.

type KeyType = "int" | "timestamp";

const CLOSED = `(CASE WHEN i."status" IN ('Resolved', 'Redirected') THEN 1 ELSE 0 END)`;
const URGENCY = `(CASE i."priority" WHEN 'Critical' THEN 0 WHEN 'High' THEN 1 WHEN 'Medium' THEN 2 WHEN 'Low' THEN 3 ELSE 4 END)`;
const SLA = `COALESCE(i."slaDueAt", 'infinity'::timestamp)`;

/**
 * Each sort is a tuple of keys, then the id. `ascendingWhen` is the direction (as the person sees it) in which the
 * tuple runs ascending: "most urgent first" is ascending closed/urgency/deadline. Each tuple has an index: plain
 * ones in schema.prisma, expressions in migrations incident_priority_sla and tenant_scoped_sort_indexes (the
 * tenant first) — change an expression only together with a migration re-creating it.
 */
export const SORT_KEYS: Record<
  IncidentSort,
  { keys: { expr: string; type: KeyType }[]; ascendingWhen: "asc" | "desc" }
> = {
  priority: {
    keys: [
      { expr: CLOSED, type: "int" },
      { expr: URGENCY, type: "int" },
      { expr: SLA, type: "timestamp" },
    ],
    ascendingWhen: "desc",
  },
  sla: { keys: [{ expr: SLA, type: "timestamp" }], ascendingWhen: "asc" },
  updated: { keys: [{ expr: `i."lastUpdateTime"`, type: "timestamp" }], ascendingWhen: "asc" },
  created: { keys: [{ expr: `i."createdTime"`, type: "timestamp" }], ascendingWhen: "asc" },
};

const OPEN = `i."status" NOT IN ('Resolved', 'Redirected')`;

export function incidentBreachedSql(p: SqlParams, now: Date): string {
  return `(${OPEN} AND i."slaDueAt" < ${p.add(now.toISOString())}::timestamp)`;
}

/** Near breach, as for alerts: open, not yet breached, less than a quarter of its priority's clock left. */
export function incidentNearBreachSql(p: SqlParams, now: Date, sla: SlaMinutes): string {
  const parts: string[] = [];
  for (const [priority, minutes] of Object.entries(sla)) {
    if (minutes === null) continue;
    const until = new Date(now.getTime() + minutes * NEAR_BREACH_SHARE * 60_000);
    parts.push(`(i."priority" = ${p.add(priority)} AND i."slaDueAt" < ${p.add(until.toISOString())}::timestamp)`);
  }
  const open = `${OPEN} AND i."slaDueAt" >= ${p.add(now.toISOString())}::timestamp`;
  return parts.length ? `(${open} AND (${parts.join(" OR ")}))` : "FALSE";
}

/** WHERE conditions of a filter. `me` resolves "@me" in a shared URL to whoever reads it. */
export function incidentFilterSql(
  p: SqlParams,
  filter: IncidentFilter,
  ctx: { me: string; now: Date; sla: SlaMinutes },
): string[] {
  const where: string[] = [tenantSql(p, "i")];
  if (filter.status.length) where.push(oneOf(p, `i."status"`, filter.status));
  if (filter.severity.length) where.push(oneOf(p, `i."severity"`, filter.severity));
  if (filter.priority.length) where.push(oneOf(p, `i."priority"`, filter.priority));
  if (filter.assignedTo.length) {
    const people = filter.assignedTo.filter((v) => v !== UNASSIGNED).map((v) => (v === ASSIGNED_TO_ME ? ctx.me : v));
    const either: string[] = [];
    if (people.length) either.push(oneOf(p, `i."assignedTo"`, people));
    if (filter.assignedTo.includes(UNASSIGNED)) either.push(`i."assignedTo" IS NULL`);
    where.push(`(${either.join(" OR ")})`);
  }
  if (filter.q) {
    const id = /^\d{1,18}$/.test(filter.q) ? ` OR i."id" = ${p.add(filter.q)}::bigint` : "";
    where.push(`(i."name" ILIKE ${p.add(containsPattern(filter.q))}${id})`);
  }
  if (filter.sla === "breached") where.push(incidentBreachedSql(p, ctx.now));
  if (filter.sla === "near") where.push(incidentNearBreachSql(p, ctx.now, ctx.sla));
  return where;
}

function ascending(sort: IncidentSort, dir: "asc" | "desc"): boolean {
  return SORT_KEYS[sort].ascendingWhen === dir;
}

export function incidentOrderSql(sort: IncidentSort, dir: "asc" | "desc"): string {
  const d = ascending(sort, dir) ? "ASC" : "DESC";
  return [...SORT_KEYS[sort].keys.map((k) => `${k.expr} ${d}`), `i."id" ${d}`].join(", ");
}

/** The sort keys of a row, as text, for its cursor. */
export function incidentSortKeysSql(sort: IncidentSort): string {
  return SORT_KEYS[sort].keys.map((k, n) => `(${k.expr})::text AS "k${n}"`).join(", ");
}

/** Keyset condition for the page after (values…, id): one row comparison, so the index scan starts at the cursor. */
export function incidentKeysetSql(
  p: SqlParams,
  sort: IncidentSort,
  dir: "asc" | "desc",
  after: { v: string[]; id: string },
): string {
  const { keys } = SORT_KEYS[sort];
  if (after.v.length !== keys.length) assertCursorValue("int", "not-a-key");
  const values = keys.map((k, n) => {
    assertCursorValue(k.type, after.v[n]);
    return `${p.add(after.v[n])}::${k.type === "int" ? "integer" : "timestamp"}`;
  });
  return `(${keys.map((k) => k.expr).join(", ")}, i."id") ${ascending(sort, dir) ? ">" : "<"} (${values.join(", ")}, ${p.add(after.id)}::bigint)`;
}
