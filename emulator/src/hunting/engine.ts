// One query run: parse and bind with Kusto.Language, refuse on error diagnostics (Kusto's own wording, with line
// and column), evaluate over the generated tables, and format rows the way the hunting APIs return them.
import { analyze, nodeClass, type KNode } from "./kusto";
import { evaluateQuery, TimeoutError } from "./evaluator";
import { API_TYPE } from "./schema";
import { NotSupportedError, QueryRuntimeError, type Table, type QueryContext } from "./table";
import { formatDatetime, formatTimespan, type Value } from "./values";

export const MAX_ROWS = 100_000;

export interface HuntingResult {
  schema: { name: string; type: string }[];
  results: Record<string, unknown>[];
  /** Rows read from stored tables (the CPU-cost basis). */
  scanned: number;
  truncated: boolean;
  elapsedMs: number;
}

export type HuntingFailure =
  | { kind: "syntax"; message: string }
  | { kind: "unsupported"; message: string }
  | { kind: "runtime"; message: string }
  | { kind: "timeout" };

export interface RunOptions {
  now: number;
  from: number;
  to: number;
  timeoutMs: number;
  openTable: (name: string, ctx: QueryContext, range: [number, number] | null) => Table;
}

/** The operator a diagnostic sits in (for "'project' operator: Failed to resolve…"). */
function enclosingOperator(code: KNode, position: number): string | null {
  let node = code.Syntax.GetTokenAt(position)?.Parent;
  while (node) {
    if (/Operator$/.test(nodeClass(node))) return String(node.GetFirstToken().Text);
    node = node.Parent;
  }
  return null;
}

/** Loads Kusto.Language and runs one analysis so the first real query does not pay the ~2 s JIT warm-up. */
export function warmUpHunting(): void {
  analyze("DeviceProcessEvents | where Timestamp > ago(1d) | summarize count() by DeviceName | top 10 by count_");
}

/** Parses and binds a query; `error` is the service's wording for the first error diagnostic, with line and column. */
export function bindQuery(query: string): { code: KNode; error: string | null } {
  const { code, errors } = analyze(query);
  if (!errors.length) return { code, error: null };
  const e = errors[0]!;
  let message = e.message;
  const unresolved = /^The name '(.+)' does not refer to any known column, table, variable or function\.$/.exec(
    e.message,
  );
  if (e.code === "KS142" && unresolved) {
    const op = enclosingOperator(code, e.start);
    message = `${op ? `'${op}' operator: ` : ""}Failed to resolve scalar expression named '${unresolved[1]}'`;
  }
  const kind = e.code === "KS142" || /^KS[12]/.test(e.code) ? "Semantic error" : "Syntax error";
  return { code, error: `${kind}: ${message} [line ${e.line}, column ${e.column}] (${e.code}: ${e.message})` };
}

export function runHunting(query: string, opts: RunOptions): HuntingResult | HuntingFailure {
  const started = Date.now();
  const { code, error } = bindQuery(query);
  if (error) return { kind: "syntax", message: error };
  const ctx: QueryContext = {
    now: opts.now,
    from: opts.from,
    to: opts.to,
    deadline: started + opts.timeoutMs,
    scanned: 0,
    openTable: opts.openTable,
    materialized: new Map(),
  };
  try {
    const { columns, rows } = evaluateQuery(code, ctx);
    const truncated = rows.length > MAX_ROWS;
    const kept = truncated ? rows.slice(0, MAX_ROWS) : rows;
    const formatters = columns.map((c) => formatter(c.type));
    const results = kept.map((r) => {
      const o: Record<string, unknown> = {};
      columns.forEach((c, i) => (o[c.name] = formatters[i]!(r[i])));
      return o;
    });
    return {
      schema: columns.map((c) => ({ name: c.name, type: API_TYPE[c.type] ?? "Object" })),
      results,
      scanned: ctx.scanned,
      truncated,
      elapsedMs: Date.now() - started,
    };
  } catch (err) {
    if (err instanceof NotSupportedError) return { kind: "unsupported", message: err.message };
    if (err instanceof QueryRuntimeError) return { kind: "runtime", message: err.message };
    if (err instanceof TimeoutError) return { kind: "timeout" };
    throw err;
  }
}

function formatter(type: string): (v: Value) => unknown {
  switch (type) {
    case "datetime":
      return (v) => (typeof v === "number" ? formatDatetime(v) : null);
    case "timespan":
      return (v) => (typeof v === "number" ? formatTimespan(v) : null);
    case "string":
      return (v) => (v === null || v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v));
    case "long":
    case "int":
    case "real":
      return (v) => (typeof v === "number" ? (Number.isFinite(v) ? v : String(v)) : null);
    default:
      return (v) => (v === undefined ? null : v);
  }
}
