import { SqlParams, containsPattern, oneOf } from "../db/sql-params";
import { assertCursorValue, invalidCursor } from "../http/cursor";
import type { SlaMinutes } from "../cache/alert-priority";
import { tenantSql } from "../cache/tenant";
import { ASSIGNED_TO_ME, TIME_RANGES, UNASSIGNED, type AlertFilter, type SortColumn } from "./schemas";

// The queue's WHERE and ORDER BY, as parameterised SQL. Raw SQL rather than Prisma's query builder because the
// queue sorts on expressions (priority and severity ranks, nullable columns) and pages by keyset on them, which
// Prisma's cursor option cannot express. Every value is a bind parameter; only fixed fragments are concatenated.

type SortType = "int" | "float" | "text" | "timestamp";

/** One sort key: the expressions rows are ordered by, left to right (the row id breaks the last tie). */
export interface SortKey {
  parts: { expr: string; type: SortType }[];
}

const one = (expr: string, type: SortType): SortKey => ({ parts: [{ expr, type }] });

const PRIORITY_RANK = `(CASE a."priority" WHEN 'Critical' THEN 4 WHEN 'High' THEN 3 WHEN 'Medium' THEN 2 WHEN 'Low' THEN 1 ELSE 0 END)`;
/**
 * An alert's running deadline. A closed alert's clock has stopped and alerts without one (Informational) have
 * none: both sort after every deadline, so an SLA sort lists open alerts by urgency and closed ones last.
 */
export const SLA_DUE = `(CASE WHEN a."status" = 'Resolved' THEN 'infinity'::timestamp ELSE COALESCE(a."slaDueAt", 'infinity'::timestamp) END)`;

/**
 * Sort keys. Nullable columns sort through COALESCE so keyset comparisons never meet a NULL; ranks put the
 * most urgent first when descending. Each has an (exprs…, id, tenant) index: plain ones in schema.prisma, expressions
 * in migration alert_sort_indexes_tenant_last (which says why the tenant comes last) — change an expression here only
 * together with a migration re-creating it.
 */
export const SORT_KEYS: Record<SortColumn, SortKey> = {
  // The queue's ranking (its default order), "descending" = most urgent first: open alerts before closed ones,
  // then derived priority, then the SLA deadline (breached first, no clock last), then the oldest first. Epoch
  // seconds are negated so one direction serves the whole tuple (and one index, read backwards).
  priority: {
    parts: [
      { expr: `(CASE WHEN a."status" = 'Resolved' THEN 0 ELSE 1 END)`, type: "int" },
      { expr: PRIORITY_RANK, type: "int" },
      { expr: `(-EXTRACT(EPOCH FROM ${SLA_DUE})::float8)`, type: "float" },
      { expr: `(-EXTRACT(EPOCH FROM a."alertCreationTime")::float8)`, type: "float" },
    ],
  },
  severity: one(
    `(CASE a."severity" WHEN 'High' THEN 4 WHEN 'Medium' THEN 3 WHEN 'Low' THEN 2 WHEN 'Informational' THEN 1 ELSE 0 END)`,
    "int",
  ),
  // Workflow order rather than alphabetical: New, InProgress, Resolved.
  status: one(`(CASE a."status" WHEN 'New' THEN 0 WHEN 'InProgress' THEN 1 WHEN 'Resolved' THEN 2 ELSE 3 END)`, "int"),
  title: one(`a."title"`, "text"),
  category: one(`a."category"`, "text"),
  technique: one(`COALESCE(a."mitreTechniques"[1], '')`, "text"),
  device: one(`COALESCE(a."computerDnsName", '')`, "text"),
  user: one(`COALESCE(a."relatedUserName", '')`, "text"),
  source: one(`a."detectionSource"`, "text"),
  assignedTo: one(`COALESCE(a."assignedTo", '')`, "text"),
  age: one(`a."alertCreationTime"`, "timestamp"),
  // Ascending = most urgent first: open alerts by deadline, then those without a running clock.
  sla: one(SLA_DUE, "timestamp"),
};

/** The sort key's values of a row as text, selected as "sortKey0", "sortKey1", … for the next page's cursor. */
export function sortKeyColumns(sort: SortColumn): string {
  return SORT_KEYS[sort].parts.map((part, i) => `(${part.expr})::text AS "sortKey${i}"`).join(", ");
}

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

/** A whole SHA-1 or SHA-256 (Defender's evidence hashes are lower-case hex). */
const FILE_HASH = /^([0-9a-f]{40}|[0-9a-f]{64})$/i;
/** "10.4", "10.42.", "10.42.7.1": the start of an IPv4 address; or an IPv6 address (two colons or more). */
const IP_START = /^\d{1,3}(\.\d{0,3}){1,3}$/;
const IPV6 = /^[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}$/i;

/**
 * The search box. A file hash matches the alert's evidence (sha1/sha256 indexes); an IP address matches the
 * evidence's IP (whole address, indexed) or the device's last IP (prefix, the device search's index); anything
 * else is a case-insensitive substring of the title, device name, user name or alert id, or an incident id when
 * it is a number. Each shape of input takes only its own branch, so a hash or an IP search is an index lookup.
 */
export function alertSearchSql(p: SqlParams, q: string): string {
  if (FILE_HASH.test(q)) {
    const hash = p.add(q.toLowerCase());
    return `a."id" IN (SELECT e."alertId" FROM "AlertEvidence" e WHERE ${tenantSql(p, "e")} AND (e."sha1" = ${hash} OR e."sha256" = ${hash}))`;
  }
  const ipv4 = IP_START.test(q);
  if (ipv4 || IPV6.test(q)) {
    const exact = p.add(q.toLowerCase());
    const onDevice = ipv4 ? `d."lastIpAddress" LIKE ${p.add(`${q}%`)}` : `d."lastIpAddress" = ${exact}`;
    return `(a."id" IN (SELECT e."alertId" FROM "AlertEvidence" e WHERE ${tenantSql(p, "e")} AND e."ipAddress" = ${exact})
      OR a."machineId" IN (SELECT d."mdeMachineId" FROM "Device" d WHERE ${tenantSql(p, "d")} AND ${onDevice}))`;
  }
  const pattern = p.add(containsPattern(q));
  const text = [`a."title"`, `a."computerDnsName"`, `a."relatedUserName"`, `a."id"`].map(
    (c) => `${c} ILIKE ${pattern}`,
  );
  if (/^\d{1,18}$/.test(q)) text.push(`a."incidentId" = ${p.add(q)}::bigint`);
  return `(${text.join(" OR ")})`;
}

/** WHERE conditions for a filter, joined with AND. `me` resolves "@me" in a shared URL to whoever reads it. */
export function filterSql(p: SqlParams, filter: AlertFilter, ctx: { me: string; now: Date; sla: SlaMinutes }): string {
  const where: string[] = [tenantSql(p, "a")];
  const since = new Date(ctx.now.getTime() - TIME_RANGES[filter.range] * 86_400_000);
  const sinceParam = p.add(since.toISOString());
  where.push(`a."alertCreationTime" >= ${sinceParam}::timestamp`);
  // A deadline is never before its alert was raised: the same bound on the SLA sort key lets a walk of the SLA
  // index start at the time range instead of filtering its way through months of older deadlines.
  where.push(`${SLA_DUE} >= ${sinceParam}::timestamp`);
  if (filter.severity.length) where.push(oneOf(p, `a."severity"`, filter.severity));
  if (filter.status.length) where.push(oneOf(p, `a."status"`, filter.status));
  if (filter.priority.length) where.push(oneOf(p, `a."priority"`, filter.priority));
  if (filter.category.length) where.push(oneOf(p, `a."category"`, filter.category));
  if (filter.source.length) where.push(oneOf(p, `a."detectionSource"`, filter.source));
  if (filter.assignedTo.length) {
    const people = filter.assignedTo.filter((v) => v !== UNASSIGNED).map((v) => (v === ASSIGNED_TO_ME ? ctx.me : v));
    const either: string[] = [];
    if (people.length) either.push(oneOf(p, `a."assignedTo"`, people));
    if (filter.assignedTo.includes(UNASSIGNED)) either.push(`a."assignedTo" IS NULL`);
    where.push(`(${either.join(" OR ")})`);
  }
  // Exact technique ids (the filter offers the ids present in the cache): array overlap has a GIN index and
  // per-element statistics, so the planner knows how selective it is.
  if (filter.technique.length) where.push(`a."mitreTechniques" && ${p.add(filter.technique)}::text[]`);
  if (filter.q) where.push(alertSearchSql(p, filter.q));
  if (filter.sla === "breached") where.push(breachedSql(p, ctx.now));
  if (filter.sla === "near") where.push(nearBreachSql(p, ctx.now, ctx.sla));
  if (filter.incident) where.push(`a."incidentId" = ${p.add(filter.incident)}::bigint`);
  if (filter.device) {
    // COALESCE matches the device sort's expression index, so both sides of the OR have an index.
    const device = p.add(filter.device);
    where.push(`(COALESCE(a."computerDnsName", '') = ${device} OR a."machineId" = ${device})`);
  }
  if (filter.title) where.push(`a."title" = ${p.add(filter.title)}`);
  if (filter.detector) where.push(`a."detectorId" = ${p.add(filter.detector)}`);
  return where.join(" AND ");
}

/**
 * Keyset condition for the page after (values…, id) in the order `exprs… dir, id dir`. The id follows the sort's
 * direction so one ascending (exprs…, id) index serves both: forwards for asc, backwards for desc; a row
 * comparison lets PostgreSQL start the index scan right at the cursor.
 */
export function keysetSql(
  p: SqlParams,
  sort: SortColumn,
  dir: "asc" | "desc",
  after: { v: readonly string[]; id: string },
): string {
  const { parts } = SORT_KEYS[sort];
  if (after.v.length !== parts.length) throw invalidCursor();
  const values = parts.map(({ type }, i) => {
    assertCursorValue(type, after.v[i]);
    return `${p.add(after.v[i])}::${CAST[type]}`;
  });
  // The sort indexes are (sort key…, id, tenant), so this comparison on their leading columns starts the index scan
  // at the cursor; the WHERE's tenant condition is checked inside the index.
  const exprs = parts.map((part) => part.expr);
  return `(${exprs.join(", ")}, a."id") ${dir === "desc" ? "<" : ">"} (${values.join(", ")}, ${p.add(after.id)})`;
}

const CAST: Record<SortType, string> = { int: "integer", float: "float8", text: "text", timestamp: "timestamp" };

export function orderSql(sort: SortColumn, dir: "asc" | "desc"): string {
  const d = dir.toUpperCase();
  return [...SORT_KEYS[sort].parts.map((part) => `${part.expr} ${d}`), `a."id" ${d}`].join(", ");
}
