// Intermediate tables of the evaluator. Base tables stay lazy (rows are compact event handles and `cell` computes a
// column on demand), so a `where` over millions of generated events only builds the rows it keeps.
import type { KNode } from "./kusto";
import type { Value } from "./values";

export interface Column {
  name: string;
  type: string;
}

export interface Table {
  columns: Column[];
  rows: unknown[];
  /** Lazy tables: value of column i of a row handle. null = rows are arrays of values. */
  cell: ((row: unknown, i: number) => Value) | null;
  /** Name of the stored table it came from (withsource / union bookkeeping). */
  source?: string;
}

export type RowFn = (row: unknown) => Value;

/** A query feature the evaluator does not implement: the API answers 400 naming it. */
export class NotSupportedError extends Error {
  constructor(readonly feature: string) {
    super(`not supported by the emulator: ${feature}`);
  }
}

/** A failure Kusto reports at run time (bad regex, limits): 400 with this message. */
export class QueryRuntimeError extends Error {}

export function columnGetter(t: Table, i: number): RowFn {
  const cell = t.cell;
  return cell ? (r) => cell(r, i) : (r) => (r as Value[])[i];
}

export function materialize(t: Table): Value[][] {
  if (!t.cell) return t.rows as Value[][];
  const cell = t.cell;
  const n = t.columns.length;
  return t.rows.map((r) => {
    const out = new Array<Value>(n);
    for (let i = 0; i < n; i++) out[i] = cell(r, i);
    return out;
  });
}

export function indexByName(columns: Column[]): Map<string, number> {
  const m = new Map<string, number>();
  columns.forEach((c, i) => {
    if (!m.has(c.name)) m.set(c.name, i);
  });
  return m;
}

/** What a query's evaluation shares: its clock, budget, stored tables and `materialize()` caches. */
export interface QueryContext {
  now: number;
  /** Earliest timestamp the request may see (Timespan / 30-day retention). */
  from: number;
  /** Latest timestamp (Timespan end, or now). */
  to: number;
  deadline: number;
  /** Rows read from stored tables: the CPU-cost basis of the quota. */
  scanned: number;
  openTable: (name: string, ctx: QueryContext, timeRange: [number, number] | null) => Table;
  materialized: Map<KNode, Table>;
}
