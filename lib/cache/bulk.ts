import type { SqlExecutor } from "../db/raw-transaction";
import { cacheTenantId } from "./tenant";

// Batched, idempotent upserts: one INSERT … SELECT FROM json_to_recordset($1) … ON CONFLICT DO UPDATE per batch.
// One JSON parameter keeps the statement identical for PostgreSQL and PGlite and avoids thousands of bind
// parameters; PostgreSQL turns JSON arrays into text[] itself. Prisma's per-row upserts are ~50× slower here.
// The parameter is json, not jsonb: json_to_recordset reads the text once, while jsonb would first build the binary
// document, which doubled the time to write 500,000 device vulnerabilities (scripts/bench-sync.ts).
// Every cached table is keyed by tenant first (./tenant.ts): the statement stamps the tenant ($2) on every row and
// conflicts on (tenantId, key…), so one tenant's upsert never touches another's row with the same id.

export type SqlType =
  "text" | "text[]" | "bigint" | "integer" | "double precision" | "boolean" | "timestamp(3)" | "date" | "jsonb";

export interface BulkTable<Row> {
  table: string;
  columns: { [K in keyof Row & string]: SqlType };
  /** Conflict target (the primary key or a unique index) after the tenant. */
  key: readonly (keyof Row & string)[];
  /** Columns left untouched when the row already exists (e.g. firstSeenAt). Default: none. */
  keepOnUpdate?: readonly (keyof Row & string)[];
  /** SQL expressions for columns not present in the rows (e.g. a generated id). */
  generated?: Record<string, string>;
  /** SQL expressions replacing the default `col = EXCLUDED.col` on update (the existing row is the table name). */
  updateExpr?: Partial<Record<keyof Row & string, string>>;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

export function upsertSql<Row>(spec: BulkTable<Row>): string {
  const cols = Object.keys(spec.columns) as (keyof Row & string)[];
  const generated = Object.entries(spec.generated ?? {});
  const insertList = ["tenantId", ...cols, ...generated.map(([c]) => c)].map(quote).join(", ");
  const selectList = ["$2::text", ...cols.map(quote), ...generated.map(([, expr]) => expr)].join(", ");
  const record = cols.map((c) => `${quote(c)} ${spec.columns[c]}`).join(", ");
  const keep = new Set<string>([...spec.key, ...(spec.keepOnUpdate ?? [])]);
  const updates = cols
    .filter((c) => !keep.has(c))
    .map((c) => `${quote(c)} = ${spec.updateExpr?.[c] ?? `EXCLUDED.${quote(c)}`}`);
  return (
    `INSERT INTO ${quote(spec.table)} (${insertList}) SELECT ${selectList} FROM json_to_recordset($1::json) AS x(${record}) ` +
    `ON CONFLICT (${["tenantId", ...spec.key].map(quote).join(", ")}) ` +
    (updates.length ? `DO UPDATE SET ${updates.join(", ")}` : "DO NOTHING")
  );
}

/**
 * Upserts rows in chunks inside the caller's transaction (inRawTransaction). Dates must already be ISO strings (UTC)
 * and 64-bit ids plain numbers or strings: rows are serialised with a bare JSON.stringify, whose fast path a
 * replacer function would lose.
 */
export async function bulkUpsert<Row>(
  execute: SqlExecutor,
  spec: BulkTable<Row>,
  input: readonly Row[],
  chunk = 5000,
): Promise<number> {
  if (input.length === 0) return 0;
  // One statement may not touch a row twice (ON CONFLICT), and $skip paging over changing data can repeat a
  // record within a page: keep the last copy of each key.
  const byKey = new Map<string, Row>();
  for (const row of input) byKey.set(spec.key.map((k) => String(row[k])).join("\u0000"), row);
  const rows = [...byKey.values()];
  const sql = upsertSql(spec);
  const tenantId = cacheTenantId();
  let written = 0;
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    written += await execute(sql, JSON.stringify(part), tenantId);
  }
  return written;
}
