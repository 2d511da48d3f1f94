// Evaluates a bound KQL query: statements, tabular expressions and query operators ("Tabular operators" in the
// Kusto query language reference, learn.microsoft.com/kusto/query). Output column names and types always come
// from Kusto.Language's binder (the ResultType of each operator), so naming matches the real service.
import { compileAggregate } from "./aggregates";
import { listOf, nodeClass, separated, symbolClass, tableColumns, type KNode } from "./kusto";
import { bindStatements, childEnv, compile, describe, literalValue, type Env, type Scope, type Serial } from "./scalar";
import {
  NotSupportedError,
  QueryRuntimeError,
  columnGetter,
  indexByName,
  materialize,
  type Column,
  type QueryContext,
  type RowFn,
  type Table,
} from "./table";
import { compare, elementsOf, keyOf, parseJson, toBool, toNumber, toStr, type Value } from "./values";
import { timeRangeOf } from "./pushdown";

export interface QueryResult {
  columns: Column[];
  rows: Value[][];
}

/** Runs the query's statements; the last expression statement is the result. */
export function evaluateQuery(code: KNode, ctx: QueryContext): QueryResult {
  const root = code.Syntax;
  const statements = separated(root.Statements);
  let env: Env = { lets: new Map(), ctx, evalTable };
  let result: Table | null = null;
  for (const st of statements) {
    const cls = nodeClass(st);
    if (cls === "LetStatement") env = bindStatements([st], env);
    else if (cls === "ExpressionStatement") {
      const t = evalTable(st.Expression, env);
      result = t;
    } else throw new NotSupportedError(describe(st));
  }
  if (!result) throw new QueryRuntimeError("The query has no tabular expression statement.");
  return { columns: result.columns, rows: materialize(result) };
}

function deadlineCheck(ctx: QueryContext): void {
  if (Date.now() > ctx.deadline) throw new TimeoutError();
}

export class TimeoutError extends Error {}

function scopeOf(t: Table, env: Env, serial: Serial | null = null): Scope {
  const columns = new Map<string, RowFn>();
  t.columns.forEach((c, i) => {
    if (!columns.has(c.name)) columns.set(c.name, columnGetter(t, i));
  });
  return { columns, env, serial };
}

export function evalTable(node: KNode, env: Env): Table {
  deadlineCheck(env.ctx);
  const cls = nodeClass(node);
  switch (cls) {
    case "PipeExpression":
      return applyOperator(node.Operator, evalTableInput(node.Expression, node.Operator, env), env);
    case "ParenthesizedExpression":
      return evalTable(node.Expression, env);
    case "NameReference":
      return tableByName(node, env);
    case "MaterializeExpression": {
      const cached = env.ctx.materialized.get(node);
      if (cached) return cached;
      const t = evalTable(node.Expression, env);
      const m: Table = { columns: t.columns, rows: materialize(t), cell: null };
      env.ctx.materialized.set(node, m);
      return m;
    }
    case "DataTableExpression":
      return dataTable(node);
    case "FunctionCallExpression":
      return tabularCall(node, env, null);
    case "UnionOperator":
    case "PrintOperator":
    case "RangeOperator":
      return applyOperator(node, null, env);
    default:
      if (/Operator$/.test(cls)) return applyOperator(node, null, env);
      throw new NotSupportedError(describe(node));
  }
}

/** The input of a pipe; a stored table directly followed by `where` is narrowed by its time filter first. */
function evalTableInput(input: KNode, operator: KNode, env: Env): Table {
  const inputClass = nodeClass(input);
  if ((inputClass === "NameReference" || inputClass === "UnionOperator") && nodeClass(operator) === "FilterOperator") {
    const range = timeRangeOf(operator.Condition, env);
    if (range && inputClass === "NameReference") return tableByName(input, env, range);
    // Rows outside the range would be filtered out anyway, so the union's stored tables may skip them.
    if (range) return union(input, null, env, range);
  }
  return evalTable(input, env);
}

function tableByName(node: KNode, env: Env, range: [number, number] | null = null): Table {
  const name = String(node.Name.SimpleName);
  const binding = env.lets.get(name);
  if (binding?.kind === "table") return binding.table();
  if (binding?.kind === "function") return tabularCall(node, env, null);
  const symbol = node.ReferencedSymbol;
  if (symbol && symbolClass(symbol) === "TableSymbol") return env.ctx.openTable(name, env.ctx, range);
  throw new NotSupportedError(`table reference '${name}'`);
}

/** `f(args)` or `T | invoke f(args)` of a tabular `let f = (...) { ... }`. */
function tabularCall(node: KNode, env: Env, piped: Table | null): Table {
  const name = String(node.Name?.Name?.SimpleName ?? node.Name?.SimpleName);
  const binding = env.lets.get(name);
  if (!binding || binding.kind !== "function") {
    if (binding?.kind === "table") return binding.table();
    throw new NotSupportedError(`function ${name}()`);
  }
  const args: KNode[] = nodeClass(node) === "FunctionCallExpression" ? separated(node.ArgumentList.Expressions) : [];
  const params = separated(binding.decl.Parameters.Parameters);
  const callEnv = childEnv(binding.env);
  let argIndex = 0;
  params.forEach((p: KNode, i: number) => {
    const pname = String(p.NameAndType.Name.SimpleName);
    const isTabular = nodeClass(p.NameAndType.Type) === "SchemaTypeExpression";
    if (isTabular && piped && i === 0) {
      const t = piped;
      callEnv.lets.set(pname, { kind: "table", table: () => t });
      return;
    }
    const argNode = args[argIndex++];
    if (isTabular) {
      if (!argNode) throw new NotSupportedError(`missing tabular argument ${pname}`);
      const t = evalTable(argNode, env);
      callEnv.lets.set(pname, { kind: "table", table: () => t });
    } else {
      const f = argNode
        ? compile(argNode, { columns: new Map(), env, serial: null })
        : p.DefaultValue
          ? compile(p.DefaultValue.Value, { columns: new Map(), env, serial: null })
          : () => null;
      callEnv.lets.set(pname, { kind: "value", value: f(null) });
    }
  });
  // The binder expands each call with the actual argument schemas (a `(T:(FolderPath:string))` parameter gets
  // every column of the piped table), so evaluate that expansion rather than the declaration.
  const body = node.GetExpansion?.() ?? binding.decl.Body;
  const bodyEnv = bindStatements(separated(body.Statements), callEnv);
  return evalTable(body.Expression, bodyEnv);
}

function applyOperator(op: KNode, input: Table | null, env: Env): Table {
  const cls = nodeClass(op);
  const need = (): Table => {
    if (!input) throw new NotSupportedError(`${describe(op)} without input`);
    return input;
  };
  switch (cls) {
    case "FilterOperator":
      return filter(op, need(), env);
    case "ProjectOperator":
      return project(op, need(), env);
    case "ExtendOperator":
    case "SerializeOperator":
      return extend(op, need(), env);
    case "ProjectAwayOperator":
    case "ProjectKeepOperator":
    case "ProjectReorderOperator":
      return reshapeByName(op, need(), new Map());
    case "ProjectRenameOperator": {
      const renames = new Map<string, string>();
      for (const e of separated(op.Expressions)) {
        if (nodeClass(e) === "SimpleNamedExpression")
          renames.set(String(e.Name.SimpleName), String(e.Expression.Name.SimpleName));
      }
      return reshapeByName(op, need(), renames);
    }
    case "SummarizeOperator":
      return summarize(op, need(), env);
    case "TakeOperator": {
      const t = need();
      const n = toNumber(compile(op.Expression, scopeOf(t, env))(null)) ?? 0;
      return { ...t, rows: t.rows.slice(0, Math.max(0, n)) };
    }
    case "TopOperator":
      return top(op, need(), env);
    case "TopNestedOperator":
      return topNested(op, need(), env);
    case "SortOperator":
      return sort(need(), separated(op.Expressions), env);
    case "DistinctOperator":
      return distinct(op, need(), env);
    case "CountOperator": {
      const t = need();
      return { columns: tableColumns(op), rows: [[t.rows.length]], cell: null };
    }
    case "JoinOperator":
      return join(op, need(), env);
    case "LookupOperator":
      return lookup(op, need(), env);
    case "UnionOperator":
      return union(op, input, env);
    case "MvExpandOperator":
      return mvExpand(op, need(), env);
    case "ParseOperator":
      return parse(op, need(), env);
    case "RenderOperator":
    case "AsOperator":
      return need();
    case "InvokeOperator":
      return tabularCall(op.Function, env, need());
    case "PrintOperator":
      return project(op, { columns: [], rows: [[]], cell: null }, env);
    default:
      throw new NotSupportedError(describe(op));
  }
}

function filter(op: KNode, t: Table, env: Env): Table {
  const serial: Serial = { rows: t.rows, i: 0 };
  const pred = compile(op.Condition, scopeOf(t, env, serial));
  const out: unknown[] = [];
  const rows = t.rows;
  for (let i = 0; i < rows.length; i++) {
    serial.i = i;
    if (pred(rows[i]) === true) out.push(rows[i]);
    if ((i & 0xffff) === 0xffff) deadlineCheck(env.ctx);
  }
  return { ...t, rows: out };
}

function project(op: KNode, t: Table, env: Env): Table {
  const columns = tableColumns(op);
  const serial: Serial = { rows: t.rows, i: 0 };
  const scope = scopeOf(t, env, serial);
  const fns = separated(op.Expressions).map((e: KNode) => compile(e, scope));
  if (fns.length !== columns.length) throw new NotSupportedError(`${describe(op)} with this column list`);
  const rows = t.rows.map((r, i) => {
    serial.i = i;
    return fns.map((f) => f(r));
  });
  return { columns, rows, cell: null };
}

/** extend (and serialize with assignments): input columns kept, a named existing column replaced in place. */
function extend(op: KNode, t: Table, env: Env): Table {
  const columns = tableColumns(op);
  const exprs = separated(op.Expressions);
  const inputNames = indexByName(t.columns);
  const outIndex = indexByName(columns);
  let appended = t.columns.length;
  const targets: number[] = exprs.map((e: KNode) => {
    if (nodeClass(e) === "SimpleNamedExpression") {
      const existing = inputNames.get(String(e.Name.SimpleName));
      if (existing !== undefined) return existing;
      return outIndex.get(String(e.Name.SimpleName)) ?? appended++;
    }
    return appended++;
  });
  const rowsIn = materialize(t);
  const serial: Serial = { rows: rowsIn, i: 0 };
  // Later expressions see earlier ones: compile against the output row being built.
  const scope: Scope = { columns: new Map(), env, serial };
  columns.forEach((c, i) => {
    if (!scope.columns.has(c.name) && i < t.columns.length) scope.columns.set(c.name, (r) => (r as Value[])[i]);
  });
  const fns: RowFn[] = [];
  exprs.forEach((e: KNode, j: number) => {
    fns.push(compile(e, scope));
    const idx = targets[j]!;
    const name = columns[idx]?.name;
    if (name) scope.columns.set(name, (r) => (r as Value[])[idx]);
  });
  const width = columns.length;
  const rows = rowsIn.map((r, i) => {
    serial.i = i;
    const out = r.slice();
    out.length = width;
    for (let j = 0; j < fns.length; j++) out[targets[j]!] = fns[j]!(out);
    return out;
  });
  // prev()/next() read the serialized input rows; the current row is `out`, neighbours come from rowsIn.
  return { columns, rows, cell: null };
}

function reshapeByName(op: KNode, t: Table, renames: Map<string, string>): Table {
  const columns = tableColumns(op);
  const inputIndex = indexByName(t.columns);
  const getters = columns.map((c) => {
    const i = inputIndex.get(renames.get(c.name) ?? c.name);
    if (i === undefined) throw new NotSupportedError(`${describe(op)} of column '${c.name}'`);
    return columnGetter(t, i);
  });
  return { columns, rows: t.rows.map((r) => getters.map((g) => g(r))), cell: null };
}

function summarize(op: KNode, t: Table, env: Env): Table {
  const columns = tableColumns(op);
  const scope = scopeOf(t, env);
  const byExprs: KNode[] = op.ByClause ? separated(op.ByClause.Expressions) : [];
  const byFns = byExprs.map((e) => compile(e, scope));
  const aggNodes: KNode[] = separated(op.Aggregates);
  // Each aggregate's output width: arg_max(x, a, b) → 3; arg_max(x, *) takes the columns left over.
  const widths = aggNodes.map((n) => {
    const call = nodeClass(n) === "FunctionCallExpression" ? n : n.Expression;
    if (!call || nodeClass(call) !== "FunctionCallExpression") return 1;
    const fname = String(call.Name.Name?.SimpleName ?? call.Name.SimpleName).toLowerCase();
    const args = separated(call.ArgumentList.Expressions);
    if (args.some((a: KNode) => nodeClass(a) === "StarExpression")) return -1;
    return /^(arg_?max|arg_?min|any|take_any)$/.test(fname) ? Math.max(1, args.length) : 1;
  });
  const fixed = byFns.length + widths.filter((w) => w > 0).reduce((a, b) => a + b, 0);
  const starWidth = columns.length - fixed;
  let offset = byFns.length;
  const aggs = aggNodes.map((n, i) => {
    const w = widths[i]! > 0 ? widths[i]! : starWidth;
    const cols = columns.slice(offset, offset + w);
    offset += w;
    return compileAggregate(n, scope, cols, t.columns);
  });
  const groups = new Map<string, { key: Value[]; states: unknown[] }>();
  const rows = t.rows;
  const single = byFns.length === 1 ? byFns[0]! : null;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    let k: string;
    let keyValues: Value[] | null = null;
    if (single) {
      const v = single(r);
      k = typeof v === "string" ? v : keyOf(v);
      keyValues = null;
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { key: [v], states: aggs.map((a) => a.init()) }));
      for (let j = 0; j < aggs.length; j++) aggs[j]!.add(g.states[j], r);
    } else {
      keyValues = byFns.map((f) => f(r));
      k = keyValues.length ? keyValues.map(keyOf).join("\u0001") : "";
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { key: keyValues, states: aggs.map((a) => a.init()) }));
      for (let j = 0; j < aggs.length; j++) aggs[j]!.add(g.states[j], r);
    }
    if ((i & 0xffff) === 0xffff) deadlineCheck(env.ctx);
  }
  if (groups.size === 0 && byFns.length === 0) groups.set("", { key: [], states: aggs.map((a) => a.init()) });
  const out: Value[][] = [];
  for (const g of groups.values()) {
    const row: Value[] = [...g.key];
    aggs.forEach((a, j) => row.push(...a.result(g.states[j])));
    out.push(row);
  }
  return { columns, rows: out, cell: null };
}

interface SortKey {
  f: RowFn;
  desc: boolean;
  nullsFirst: boolean;
}

function sortKeys(exprs: KNode[], scope: Scope): SortKey[] {
  return exprs.map((e) => {
    let expr = e;
    let desc = true;
    let nullsFirst: boolean | null = null;
    if (nodeClass(e) === "OrderedExpression") {
      expr = e.Expression;
      const ord = e.Ordering;
      if (ord?.AscOrDescKeyword) desc = String(ord.AscOrDescKeyword.Text).toLowerCase() !== "asc";
      if (ord?.NullsClause) nullsFirst = String(ord.NullsClause.FirstOrLastKeyword.Text).toLowerCase() === "first";
    }
    // Kusto default: nulls last when descending, first when ascending.
    return { f: compile(expr, scope), desc, nullsFirst: nullsFirst ?? !desc };
  });
}

function sortRows(rows: unknown[], keys: SortKey[]): unknown[] {
  const decorated = rows.map((r, i) => ({ r, i, k: keys.map((k) => k.f(r)) }));
  decorated.sort((a, b) => {
    for (let j = 0; j < keys.length; j++) {
      const key = keys[j]!;
      const x = a.k[j];
      const y = b.k[j];
      const xn = x === null || x === undefined;
      const yn = y === null || y === undefined;
      if (xn || yn) {
        if (xn && yn) continue;
        return (xn ? -1 : 1) * (key.nullsFirst ? 1 : -1);
      }
      const c = compare(x, y);
      if (c) return key.desc ? -c : c;
    }
    return a.i - b.i;
  });
  return decorated.map((d) => d.r);
}

function sort(t: Table, exprs: KNode[], env: Env): Table {
  return { ...t, rows: sortRows(t.rows, sortKeys(exprs, scopeOf(t, env))) };
}

function top(op: KNode, t: Table, env: Env): Table {
  const scope = scopeOf(t, env);
  const n = toNumber(compile(op.Expression, scope)(null)) ?? 0;
  const sorted = sortRows(t.rows, sortKeys([op.ByExpression], scope));
  return { ...t, rows: sorted.slice(0, Math.max(0, n)) };
}

/** top-nested: top N groups by an aggregate, then top M sub-groups within each, one row per leaf. */
function topNested(op: KNode, t: Table, env: Env): Table {
  const columns = tableColumns(op);
  const clauses = separated(op.Clauses);
  if (clauses.some((c: KNode) => c.WithOthersClause) || columns.length !== clauses.length * 2)
    throw new NotSupportedError("top-nested with others");
  const scope = scopeOf(t, env);
  const levels = clauses.map((c: KNode, i: number) => {
    let by = c.ByExpression;
    let desc = true;
    if (nodeClass(by) === "OrderedExpression") {
      const kw = by.Ordering?.AscOrDescKeyword;
      if (kw) desc = String(kw.Text).toLowerCase() !== "asc";
      by = by.Expression;
    }
    const n = c.Expression ? (toNumber(compile(c.Expression, scope)(null)) ?? Infinity) : Infinity;
    const agg = compileAggregate(by, scope, [columns[i * 2 + 1]!], t.columns);
    return { n, of: compile(c.OfExpression, scope), agg, desc };
  });
  const out: Value[][] = [];
  const level = (rows: unknown[], depth: number, prefix: Value[]): void => {
    const { n, of, agg, desc } = levels[depth]!;
    const groups = new Map<string, { key: Value; rows: unknown[]; state: unknown }>();
    for (const r of rows) {
      const key = of(r);
      const k = keyOf(key);
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { key, rows: [], state: agg.init() }));
      g.rows.push(r);
      agg.add(g.state, r);
    }
    const ranked = [...groups.values()]
      .map((g) => ({ ...g, value: agg.result(g.state)[0] }))
      .sort((a, b) => (desc ? compare(b.value, a.value) : compare(a.value, b.value)))
      .slice(0, n);
    for (const g of ranked) {
      const next = [...prefix, g.key, g.value];
      if (depth + 1 < levels.length) level(g.rows, depth + 1, next);
      else out.push(next);
    }
  };
  level(t.rows, 0, []);
  return { columns, rows: out, cell: null };
}

function distinct(op: KNode, t: Table, env: Env): Table {
  const columns = tableColumns(op);
  const exprs = separated(op.Expressions);
  const scope = scopeOf(t, env);
  const fns =
    exprs.length === 1 && nodeClass(exprs[0]) === "StarExpression"
      ? t.columns.map((_c, i) => columnGetter(t, i))
      : exprs.map((e: KNode) => compile(e, scope));
  const seen = new Set<string>();
  const rows: Value[][] = [];
  for (const r of t.rows) {
    const values = fns.map((f) => f(r));
    const k = values.map(keyOf).join("\u0001");
    if (seen.has(k)) continue;
    seen.add(k);
    rows.push(values);
  }
  return { columns, rows, cell: null };
}

function namedParameter(op: KNode, name: string): string | null {
  for (const p of listOf(op.Parameters)) {
    if (String(p.Name.SimpleName).toLowerCase() === name) {
      const e = p.Expression;
      return String(e.Name?.SimpleName ?? e.Token?.ValueText ?? e.ToString?.() ?? "").trim();
    }
  }
  return null;
}

/** Join keys of `on A, B` / `on $left.X == $right.Y`: getters for each side. */
function joinKeys(clause: KNode, left: Table, right: Table, env: Env): { l: RowFn[]; r: RowFn[] } {
  if (nodeClass(clause) !== "JoinOnClause") throw new NotSupportedError("join ... where");
  const ls = scopeOf(left, env);
  const rs = scopeOf(right, env);
  const l: RowFn[] = [];
  const r: RowFn[] = [];
  const side = (e: KNode): { side: "left" | "right"; name: string } | null => {
    if (nodeClass(e) !== "PathExpression") return null;
    const base = String(e.Expression.Name?.SimpleName ?? "");
    const name = String(e.Selector.Name?.SimpleName ?? e.Selector.SimpleName ?? "");
    if (base === "$left") return { side: "left", name };
    if (base === "$right") return { side: "right", name };
    return null;
  };
  const getter = (s: Scope, name: string) => {
    const f = s.columns.get(name);
    if (!f) throw new NotSupportedError(`join key '${name}'`);
    return f;
  };
  for (const e of separated(clause.Expressions)) {
    if (nodeClass(e) === "NameReference") {
      const name = String(e.Name.SimpleName);
      l.push(getter(ls, name));
      r.push(getter(rs, name));
    } else if (nodeClass(e) === "BinaryExpression" && String(e.Operator.Text) === "==") {
      const a = side(e.Left);
      const b = side(e.Right);
      if (!a || !b || a.side === b.side) throw new NotSupportedError("join condition");
      const le = a.side === "left" ? a : b;
      const re = a.side === "left" ? b : a;
      l.push(getter(ls, le.name));
      r.push(getter(rs, re.name));
    } else throw new NotSupportedError("join condition");
  }
  return { l, r };
}

const keyFor = (fns: RowFn[], row: unknown) => {
  let k = "";
  for (const f of fns) {
    const v = f(row);
    if (v === null || v === undefined) return null; // null keys never match
    k += keyOf(v) + "\u0001";
  }
  return k;
};

function join(op: KNode, left: Table, env: Env): Table {
  const kind = (namedParameter(op, "kind") ?? "innerunique").toLowerCase();
  const right = evalTable(op.Expression, env);
  return joinTables(op, kind, left, right, joinKeys(op.ConditionClause, left, right, env), env);
}

function joinTables(
  op: KNode,
  kind: string,
  leftIn: Table,
  right: Table,
  keys: { l: RowFn[]; r: RowFn[] },
  env: Env,
): Table {
  const columns = tableColumns(op);
  let left = leftIn;
  if (kind === "innerunique") {
    const seen = new Set<string>();
    left = {
      ...left,
      rows: left.rows.filter((r) => {
        const k = keyFor(keys.l, r);
        if (k === null || seen.has(k)) return k === null ? true : false;
        seen.add(k);
        return true;
      }),
    };
  }
  const index = new Map<string, unknown[]>();
  right.rows.forEach((r) => {
    const k = keyFor(keys.r, r);
    if (k === null) return;
    let list = index.get(k);
    if (!list) index.set(k, (list = []));
    list.push(r);
  });
  const lw = left.columns.length;
  const rw = right.columns.length;
  const lget = left.columns.map((_c, i) => columnGetter(left, i));
  const rget = right.columns.map((_c, i) => columnGetter(right, i));
  const combine = (l: unknown, r: unknown): Value[] => {
    const out = new Array<Value>(lw + rw);
    for (let i = 0; i < lw; i++) out[i] = l === undefined ? null : lget[i]!(l);
    for (let i = 0; i < rw; i++) out[lw + i] = r === undefined ? null : rget[i]!(r);
    return out;
  };
  const rows: Value[][] = [];
  const matchedRight = new Set<unknown>();
  switch (kind) {
    case "leftsemi":
    case "leftanti": {
      const keep = left.rows.filter((l) => {
        const k = keyFor(keys.l, l);
        const hit = k !== null && index.has(k);
        return kind === "leftsemi" ? hit : !hit;
      });
      return {
        ...left,
        rows: keep,
        columns: tableColumns(op).length === left.columns.length ? tableColumns(op) : left.columns,
      };
    }
    case "rightsemi":
    case "rightanti": {
      const leftKeys = new Set<string>();
      for (const l of left.rows) {
        const k = keyFor(keys.l, l);
        if (k !== null) leftKeys.add(k);
      }
      const keep = right.rows.filter((r) => {
        const k = keyFor(keys.r, r);
        const hit = k !== null && leftKeys.has(k);
        return kind === "rightsemi" ? hit : !hit;
      });
      return {
        ...right,
        rows: keep,
        columns: tableColumns(op).length === right.columns.length ? tableColumns(op) : right.columns,
      };
    }
    case "inner":
    case "innerunique":
    case "leftouter":
    case "rightouter":
    case "fullouter": {
      for (const l of left.rows) {
        const k = keyFor(keys.l, l);
        const matches = k === null ? undefined : index.get(k);
        if (matches) {
          for (const r of matches) {
            rows.push(combine(l, r));
            matchedRight.add(r);
          }
        } else if (kind === "leftouter" || kind === "fullouter") rows.push(combine(l, undefined));
        if (rows.length > 5_000_000)
          throw new QueryRuntimeError("Query stopped due to excessive resource consumption.");
      }
      if (kind === "rightouter" || kind === "fullouter")
        for (const r of right.rows) if (!matchedRight.has(r)) rows.push(combine(undefined, r));
      deadlineCheck(env.ctx);
      if (columns.length !== lw + rw) throw new NotSupportedError(`join kind=${kind} with this schema`);
      return { columns, rows, cell: null };
    }
    default:
      throw new NotSupportedError(`join kind=${kind}`);
  }
}

/** lookup: a leftouter (default) or inner join whose right-side key columns are not repeated. */
function lookup(op: KNode, left: Table, env: Env): Table {
  const kind = (namedParameter(op, "kind") ?? "leftouter").toLowerCase();
  const right = evalTable(op.Expression, env);
  const keys = joinKeys(op.LookupClause, left, right, env);
  const columns = tableColumns(op);
  const index = new Map<string, unknown[]>();
  for (const r of right.rows) {
    const k = keyFor(keys.r, r);
    if (k === null) continue;
    let list = index.get(k);
    if (!list) index.set(k, (list = []));
    list.push(r);
  }
  const lw = left.columns.length;
  const lget = left.columns.map((_c, i) => columnGetter(left, i));
  const rIndex = indexByName(right.columns);
  const rget = columns.slice(lw).map((c) => {
    const i = rIndex.get(c.name) ?? rIndex.get(c.name.replace(/\d+$/, ""));
    if (i === undefined) throw new NotSupportedError(`lookup column '${c.name}'`);
    return columnGetter(right, i);
  });
  const rows: Value[][] = [];
  for (const l of left.rows) {
    const k = keyFor(keys.l, l);
    const matches = k === null ? undefined : index.get(k);
    const base = lget.map((g) => g(l));
    if (matches) for (const r of matches) rows.push([...base, ...rget.map((g) => g(r))]);
    else if (kind === "leftouter") rows.push([...base, ...rget.map(() => null)]);
  }
  return { columns, rows, cell: null };
}

function union(op: KNode, input: Table | null, env: Env, range: [number, number] | null = null): Table {
  const columns = tableColumns(op);
  const withSource = namedParameter(op, "withsource");
  const parts: { table: Table; name: string }[] = [];
  if (input) parts.push({ table: input, name: input.source ?? "" });
  // isfuzzy=true: parts that cannot be resolved (tables this tenant does not have) are left out, as in Kusto.
  const fuzzy = (namedParameter(op, "isfuzzy") ?? "").toLowerCase() === "true";
  for (const e of separated(op.Expressions)) {
    let t: Table;
    try {
      t = range && nodeClass(e) === "NameReference" ? tableByName(e, env, range) : evalTable(e, env);
    } catch (err) {
      if (fuzzy && err instanceof NotSupportedError) continue;
      throw err;
    }
    parts.push({ table: t, name: nodeClass(e) === "NameReference" ? String(e.Name.SimpleName) : (t.source ?? "") });
  }
  // Lazy: a row is its position in the concatenation, so `union DeviceProcessEvents, DeviceFileEvents | where …`
  // does not build every column of every event.
  const getters: RowFn[][] = [];
  const sourceRows: unknown[][] = [];
  const offsets: number[] = [];
  let total = 0;
  for (const { table, name } of parts) {
    const idx = indexByName(table.columns);
    getters.push(
      columns.map((c) => {
        if (withSource && c.name === withSource) return () => name;
        let i = idx.get(c.name);
        if (i === undefined) {
          // union kind=outer names same-named columns of different types Col_type.
          const m = /^(.*)_(string|long|int|real|bool|datetime|timespan|dynamic|guid)$/.exec(c.name);
          if (m && table.columns[idx.get(m[1]!) ?? -1]?.type === m[2]) i = idx.get(m[1]!);
        }
        return i === undefined ? () => null : columnGetter(table, i);
      }),
    );
    sourceRows.push(table.rows);
    offsets.push(total);
    total += table.rows.length;
  }
  const rows = Array.from({ length: total }, (_v, i) => i);
  const partOf = (r: number) => {
    let lo = 0;
    let hi = offsets.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (offsets[mid]! <= r) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const cell = (row: unknown, col: number): Value => {
    const r = row as number;
    const p = partOf(r);
    return getters[p]![col]!(sourceRows[p]![r - offsets[p]!]);
  };
  return { columns, rows, cell };
}

function mvExpand(op: KNode, t: Table, env: Env): Table {
  const columns = tableColumns(op);
  const outIndex = indexByName(columns);
  const inIndex = indexByName(t.columns);
  const scope = scopeOf(t, env);
  const exprs = separated(op.Expressions).map((m: KNode) => {
    const e = m.Expression;
    let name: string;
    let valueNode = e;
    if (nodeClass(e) === "SimpleNamedExpression") {
      name = String(e.Name.SimpleName);
      valueNode = e.Expression;
    } else if (nodeClass(e) === "NameReference") name = String(e.Name.SimpleName);
    else throw new NotSupportedError("mv-expand of an unnamed expression");
    const toType = m.ToTypeOf ? String(separated(m.ToTypeOf.TypeOf.Types)[0]?.Type?.Text ?? "dynamic") : "dynamic";
    const target = outIndex.get(name);
    if (target === undefined) throw new NotSupportedError(`mv-expand column '${name}'`);
    return { f: compile(valueNode, scope), target, toType };
  });
  const limitNode = op.RowLimitClause?.RowLimit;
  const limit = limitNode ? (toNumber(literalValue(limitNode)) ?? Infinity) : Infinity;
  const copy = columns.map((c) => {
    const i = inIndex.get(c.name);
    return i === undefined ? () => null : columnGetter(t, i);
  });
  const rows: Value[][] = [];
  for (const r of t.rows) {
    const lists = exprs.map((x) => {
      const v = parseJson(x.f(r));
      if (v && typeof v === "object" && !Array.isArray(v)) return Object.entries(v).map(([k, val]) => ({ [k]: val }));
      return elementsOf(v);
    });
    const n = Math.min(limit, Math.max(0, ...lists.map((l) => l.length)));
    const base = copy.map((g) => g(r));
    for (let i = 0; i < n; i++) {
      const row = base.slice();
      exprs.forEach((x, j) => {
        const v = lists[j]![i];
        row[x.target] = convert(v === undefined ? null : v, x.toType);
      });
      rows.push(row);
    }
  }
  return { columns, rows, cell: null };
}

function convert(v: Value, type: string): Value {
  switch (type) {
    case "string":
      return toStr(v);
    case "long":
    case "int": {
      const n = toNumber(v);
      return n === null ? null : Math.trunc(n);
    }
    case "real":
    case "double":
      return toNumber(v);
    case "bool":
    case "boolean":
      return toBool(v);
    default:
      return v;
  }
}

/** parse (simple mode): `parse Expr with * "lit" Col:type "lit" Rest`. */
function parse(op: KNode, t: Table, env: Env): Table {
  const kind = namedParameter(op, "kind");
  if (kind && kind.toLowerCase() !== "simple") throw new NotSupportedError(`parse kind=${kind}`);
  const columns = tableColumns(op);
  const source = compile(op.Expression, scopeOf(t, env));
  const patterns = listOf(op.Patterns);
  let regex = "^";
  const captures: { target: number; type: string }[] = [];
  const outIndex = indexByName(columns);
  patterns.forEach((p: KNode, i: number) => {
    const cls = nodeClass(p);
    const last = i === patterns.length - 1;
    if (cls === "StarExpression") regex += last ? ".*" : ".*?";
    else if (cls === "LiteralExpression" || cls === "CompoundStringLiteralExpression")
      regex += String(literalValue(p)).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    else if (cls === "NameAndTypeDeclaration" || cls === "NameDeclaration") {
      const name = String(cls === "NameDeclaration" ? p.SimpleName : p.Name.SimpleName);
      const type = cls === "NameDeclaration" ? "string" : String(p.Type.Type?.Text ?? "string");
      regex += last ? "(.*)" : type === "long" || type === "int" ? "(-?\\d+)" : "(.*?)";
      captures.push({ target: outIndex.get(name)!, type });
    } else throw new NotSupportedError(`parse pattern ${cls}`);
  });
  const re = new RegExp(regex, "s");
  const rowsIn = materialize(t);
  const width = columns.length;
  const rows = rowsIn.map((r, i) => {
    const out = r.slice();
    out.length = width;
    for (const c of captures) out[c.target] = c.type === "string" ? "" : null;
    const m = re.exec(toStr(source(t.cell ? t.rows[i] : r)));
    if (m) captures.forEach((c, j) => (out[c.target] = convert(m[j + 1] ?? null, c.type)));
    return out;
  });
  return { columns, rows, cell: null };
}

function dataTable(node: KNode): Table {
  const columns: Column[] = separated(node.Schema.Columns).map((c: KNode) => ({
    name: String(c.Name.SimpleName),
    type: String(c.Type.Type?.Text ?? "string"),
  }));
  const values = separated(node.Values).map((v: KNode) =>
    compile(v, { columns: new Map(), env: null as never, serial: null })(null),
  );
  const rows: Value[][] = [];
  for (let i = 0; i + columns.length <= values.length; i += columns.length)
    rows.push(values.slice(i, i + columns.length));
  return { columns: tableColumns(node).length ? tableColumns(node) : columns, rows, cell: null };
}
