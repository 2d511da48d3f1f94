// Compiles KQL scalar expressions (bound by Kusto.Language) into closures over rows. Operator and function
// semantics follow the Kusto query language reference on learn.microsoft.com ("String operators", "Scalar
// functions", "Null values", "The dynamic data type").
import { listOf, nodeClass, nodeKind, separated, symbolClass, typeName, type KNode } from "./kusto";
import { callFunction } from "./functions";
import { NotSupportedError, QueryRuntimeError, type RowFn, type Table, type QueryContext } from "./table";
import {
  compare,
  elementsOf,
  has,
  hasPrefix,
  hasSuffix,
  keyOf,
  looseEquals,
  parseDatetime,
  parseTimespan,
  re2,
  toDynamic,
  toNumber,
  toStr,
  type Value,
} from "./values";

/** Something a name can be bound to by `let` or a function parameter. */
export type Binding =
  | { kind: "value"; value: Value }
  | { kind: "slot"; slot: { value: Value } }
  | { kind: "table"; table: () => Table }
  | { kind: "function"; decl: KNode; env: Env };

export interface Env {
  lets: Map<string, Binding>;
  ctx: QueryContext;
  evalTable: (node: KNode, env: Env) => Table;
}

/** Current position in a serialized row set, for prev()/next()/row_number(). */
export interface Serial {
  rows: unknown[];
  i: number;
}

export interface Scope {
  columns: Map<string, RowFn>;
  /** In summarize: aggregate calls inside a scalar expression (`tostring(make_set(x))`), by text position. */
  aggregates?: Map<number, RowFn>;
  env: Env;
  serial: Serial | null;
}

export const staticType = (node: KNode): string => typeName(node?.ResultType);

export function childEnv(env: Env): Env {
  return { ...env, lets: new Map(env.lets) };
}

export function compile(node: KNode, scope: Scope): RowFn {
  const cls = nodeClass(node);
  const aggregate = scope.aggregates?.get(node.TextStart);
  if (aggregate && cls === "FunctionCallExpression") return aggregate;
  switch (cls) {
    case "LiteralExpression":
      return constant(literalValue(node));
    case "CompoundStringLiteralExpression": {
      const text = listOf(node.Tokens)
        .map((t: KNode) => String(t.ValueText))
        .join("");
      return constant(text);
    }
    case "DynamicExpression":
      return constant(jsonValue(node.Expression));
    case "ParenthesizedExpression":
      return compile(node.Expression, scope);
    case "NameReference":
      return nameReference(node, scope);
    case "BracketedExpression":
      return compile(node.Expression, scope);
    case "PathExpression":
      return pathExpression(node, scope);
    case "ElementExpression":
      return elementExpression(node, scope);
    case "PrefixUnaryExpression": {
      const f = compile(node.Expression, scope);
      const neg = String(node.Operator.Text) === "-";
      return (r) => {
        const v = f(r);
        return v === null || v === undefined ? null : neg ? -(v as number) : v;
      };
    }
    case "BinaryExpression":
      return binary(node, scope);
    case "InExpression":
    case "HasAnyExpression":
    case "HasAllExpression":
      return inExpression(node, scope);
    case "BetweenExpression":
      return between(node, scope);
    case "FunctionCallExpression":
      return functionCall(node, scope);
    case "TypeOfLiteralExpression":
      return constant(String(separated(node.Types)[0]?.Type?.Text ?? "dynamic"));
    case "ToScalarExpression": {
      if (!node.Expression.ResultType?.Columns) return compile(node.Expression, scope);
      let cached: { v: Value } | null = null;
      return () => {
        if (!cached) {
          const t = scope.env.evalTable(node.Expression, scope.env);
          const first = t.rows[0];
          cached = { v: first === undefined ? null : t.cell ? t.cell(first, 0) : (first as Value[])[0] };
        }
        return cached.v;
      };
    }
    case "SimpleNamedExpression":
      return compile(node.Expression, scope);
    case "StarExpression":
      throw new NotSupportedError("'*' outside arg_max/arg_min/any");
    default:
      throw new NotSupportedError(describe(node));
  }
}

export function describe(node: KNode): string {
  const cls = nodeClass(node);
  if (/Operator$/.test(cls)) return String(node.GetFirstToken().Text);
  return nodeKind(node);
}

const constant =
  (v: Value): RowFn =>
  () =>
    v;

export function literalValue(node: KNode): Value {
  const kind = nodeKind(node);
  const text = String(node.Token?.ValueText ?? "");
  switch (kind) {
    case "StringLiteralExpression":
      return text;
    case "LongLiteralExpression":
    case "IntLiteralExpression":
    case "RealLiteralExpression":
    case "DecimalLiteralExpression": {
      if (/^(long|int|real|double|decimal)\(\s*null\s*\)$/i.test(String(node.Token.Text))) return null;
      const n = Number(text.replace(/^(long|int|real|double|decimal)\((.*)\)$/i, "$2"));
      return Number.isNaN(n) ? null : n;
    }
    case "BooleanLiteralExpression":
      return /true/i.test(text);
    case "DateTimeLiteralExpression":
      return parseDatetime(text);
    case "TimespanLiteralExpression":
      return parseTimespan(text);
    case "GuidLiteralExpression":
      return text;
    case "NullLiteralExpression":
      return null;
    default:
      throw new NotSupportedError(kind);
  }
}

/** The value of a dynamic(...) literal: JSON syntax with Kusto literals inside. */
function jsonValue(node: KNode): Value {
  if (!node) return null;
  const cls = nodeClass(node);
  if (cls === "JsonArrayExpression") return separated(node.Values).map(jsonValue);
  if (cls === "JsonObjectExpression") {
    const out: Record<string, Value> = {};
    for (const pair of separated(node.Pairs)) out[String(pair.Name.ValueText)] = jsonValue(pair.Value);
    return out;
  }
  if (cls === "LiteralExpression") {
    const v = literalValue(node);
    return toDynamic(v, staticType(node));
  }
  if (cls === "PrefixUnaryExpression") {
    const v = jsonValue(node.Expression) as number;
    return String(node.Operator.Text) === "-" ? -v : v;
  }
  if (nodeKind(node) === "NullLiteralExpression" || String(node.ToString?.() ?? "").trim() === "null") return null;
  return jsonValue(node.Expression);
}

function nameReference(node: KNode, scope: Scope): RowFn {
  const name = String(node.Name.SimpleName);
  const symbol = node.ReferencedSymbol;
  const symCls = symbol ? symbolClass(symbol) : "";
  if (symCls === "ColumnSymbol" || (!symCls && scope.columns.has(name))) {
    const f = scope.columns.get(name);
    if (f) return f;
    // A column the binder knows but this scope does not (e.g. a let bound inside a function body).
  }
  const binding = scope.env.lets.get(name);
  if (binding) {
    if (binding.kind === "value") return constant(binding.value);
    if (binding.kind === "slot") return () => binding.slot.value;
    if (binding.kind === "function") return functionCallOf(binding, [], scope, node);
    throw new NotSupportedError(`tabular expression '${name}' used as a scalar`);
  }
  const f = scope.columns.get(name);
  if (f) return f;
  throw new NotSupportedError(`reference to '${name}'`);
}

/** `x.y` on dynamic values; `$left.X`/`$right.X` are handled by join. */
function pathExpression(node: KNode, scope: Scope): RowFn {
  const base = compile(node.Expression, scope);
  const selector = node.Selector;
  const key =
    nodeClass(selector) === "BracketedExpression"
      ? String(literalValue(selector.Expression))
      : String(selector.Name?.SimpleName ?? selector.SimpleName ?? selector.Name?.Name?.ValueText ?? "");
  return (r) => member(dynamicOf(base(r)), key);
}

function dynamicOf(v: Value): Value {
  if (typeof v === "string" && (v.startsWith("{") || v.startsWith("["))) {
    try {
      return JSON.parse(v) as Value;
    } catch {
      return v;
    }
  }
  return v;
}

function member(obj: Value, key: string | number): Value {
  if (obj === null || obj === undefined || typeof obj !== "object") return null;
  if (Array.isArray(obj)) {
    if (typeof key !== "number") return null;
    const i = key < 0 ? obj.length + key : key;
    return (obj[i] as Value) ?? null;
  }
  const v = (obj as Record<string, Value>)[String(key)];
  return v === undefined ? null : v;
}

function elementExpression(node: KNode, scope: Scope): RowFn {
  const base = compile(node.Expression, scope);
  const sel = compile(node.Selector, scope);
  return (r) => {
    const k = sel(r);
    const obj = dynamicOf(base(r));
    return member(obj, typeof k === "number" ? k : String(k));
  };
}

type Cmp = (a: Value, b: Value) => boolean | null;

function stringOp(op: (a: string, b: string) => boolean, lt: string, rt: string, negate = false): Cmp {
  return (a, b) => {
    const r = op(toStr(a, lt), toStr(b, rt));
    return negate ? !r : r;
  };
}

function binary(node: KNode, scope: Scope): RowFn {
  const op = String(node.Operator.Text).toLowerCase();
  const lt = staticType(node.Left);
  const rt = staticType(node.Right);
  const left = compile(node.Left, scope);
  if (op === "and") {
    const right = compile(node.Right, scope);
    return (r) => left(r) === true && right(r) === true;
  }
  if (op === "or") {
    const right = compile(node.Right, scope);
    return (r) => left(r) === true || right(r) === true;
  }
  if (op === "matches regex") {
    const right = compile(node.Right, scope);
    return (r) => {
      const pattern = toStr(right(r));
      let re;
      try {
        re = re2(pattern);
      } catch (e) {
        throw new QueryRuntimeError(`Invalid regular expression '${pattern}': ${(e as Error).message}`);
      }
      return re.matcher(toStr(left(r), lt)).find();
    };
  }
  const right = compile(node.Right, scope);
  const resultType = staticType(node);
  const arithmetic = ARITHMETIC[op];
  if (arithmetic) {
    const integral = (resultType === "long" || resultType === "int") && op === "/";
    return (r) => {
      const a = left(r);
      const b = right(r);
      if (a === null || a === undefined || b === null || b === undefined) return null;
      const na = typeof a === "number" ? a : toNumber(a);
      const nb = typeof b === "number" ? b : toNumber(b);
      if (na === null || nb === null) return null;
      if ((op === "/" || op === "%") && nb === 0) return integral ? null : op === "/" ? na / nb : null;
      const v = arithmetic(na, nb);
      return integral ? Math.trunc(v) : v;
    };
  }
  const cmp = comparison(op, lt, rt);
  if (!cmp) throw new NotSupportedError(`operator '${op}'`);
  return (r) => cmp(left(r), right(r));
}

const ARITHMETIC: Record<string, (a: number, b: number) => number> = {
  "+": (a, b) => a + b,
  "-": (a, b) => a - b,
  "*": (a, b) => a * b,
  "/": (a, b) => a / b,
  "%": (a, b) => a % b,
};

function comparison(op: string, lt: string, rt: string): Cmp | null {
  const strings = lt === "string" && rt === "string";
  const ci = (a: Value, b: Value) => toStr(a, lt).toLowerCase() === toStr(b, rt).toLowerCase();
  switch (op) {
    case "==":
      return strings ? (a, b) => a === b : (a, b) => looseEquals(a, b);
    case "!=":
    case "<>":
      return strings
        ? (a, b) => a !== b
        : (a, b) => {
            const e = looseEquals(a, b);
            return e === null ? null : !e;
          };
    case "=~":
      return ci;
    case "!~":
      return (a, b) => !ci(a, b);
    case "<":
    case "<=":
    case ">":
    case ">=":
      return (a, b) => {
        if (a === null || a === undefined || b === null || b === undefined) return null;
        let c: number;
        if (typeof a === typeof b) c = compare(a, b);
        else {
          const na = toNumber(a);
          const nb = toNumber(b);
          if (na === null || nb === null) return null;
          c = na - nb;
        }
        return op === "<" ? c < 0 : op === "<=" ? c <= 0 : op === ">" ? c > 0 : c >= 0;
      };
    case "has":
      return stringOp((a, b) => has(a, b), lt, rt);
    case "!has":
      return stringOp((a, b) => has(a, b), lt, rt, true);
    case "has_cs":
      return stringOp((a, b) => has(a, b, true), lt, rt);
    case "!has_cs":
      return stringOp((a, b) => has(a, b, true), lt, rt, true);
    case "hasprefix":
      return stringOp((a, b) => hasPrefix(a, b), lt, rt);
    case "!hasprefix":
      return stringOp((a, b) => hasPrefix(a, b), lt, rt, true);
    case "hasprefix_cs":
      return stringOp((a, b) => hasPrefix(a, b, true), lt, rt);
    case "!hasprefix_cs":
      return stringOp((a, b) => hasPrefix(a, b, true), lt, rt, true);
    case "hassuffix":
      return stringOp((a, b) => hasSuffix(a, b), lt, rt);
    case "!hassuffix":
      return stringOp((a, b) => hasSuffix(a, b), lt, rt, true);
    case "hassuffix_cs":
      return stringOp((a, b) => hasSuffix(a, b, true), lt, rt);
    case "!hassuffix_cs":
      return stringOp((a, b) => hasSuffix(a, b, true), lt, rt, true);
    case "contains":
      return stringOp((a, b) => a.toLowerCase().includes(b.toLowerCase()), lt, rt);
    case "!contains":
      return stringOp((a, b) => a.toLowerCase().includes(b.toLowerCase()), lt, rt, true);
    case "contains_cs":
      return stringOp((a, b) => a.includes(b), lt, rt);
    case "!contains_cs":
      return stringOp((a, b) => a.includes(b), lt, rt, true);
    case "startswith":
      return stringOp((a, b) => a.toLowerCase().startsWith(b.toLowerCase()), lt, rt);
    case "!startswith":
      return stringOp((a, b) => a.toLowerCase().startsWith(b.toLowerCase()), lt, rt, true);
    case "startswith_cs":
      return stringOp((a, b) => a.startsWith(b), lt, rt);
    case "!startswith_cs":
      return stringOp((a, b) => a.startsWith(b), lt, rt, true);
    case "endswith":
      return stringOp((a, b) => a.toLowerCase().endsWith(b.toLowerCase()), lt, rt);
    case "!endswith":
      return stringOp((a, b) => a.toLowerCase().endsWith(b.toLowerCase()), lt, rt, true);
    case "endswith_cs":
      return stringOp((a, b) => a.endsWith(b), lt, rt);
    case "!endswith_cs":
      return stringOp((a, b) => a.endsWith(b), lt, rt, true);
    default:
      return null;
  }
}

/** Does the subtree read any column (so a list must be evaluated per row)? */
function readsColumns(node: KNode): boolean {
  let found = false;
  node.WalkNodes((n: KNode) => {
    if (
      !found &&
      nodeClass(n) === "NameReference" &&
      n.ReferencedSymbol &&
      symbolClass(n.ReferencedSymbol) === "ColumnSymbol"
    )
      found = true;
  });
  return found;
}

/** Elements of an `in (...)` / `has_any (...)` list: scalars, dynamic arrays and tabular subqueries (first column). */
function listValues(listNode: KNode, scope: Scope): (row: unknown) => { values: Value[]; types: string[] } {
  const parts = separated(listNode.Expressions).map((e: KNode) => {
    const rt = e.ResultType;
    if (rt && rt.Columns) {
      return (): { values: Value[]; types: string[] } => {
        const t = scope.env.evalTable(e, scope.env);
        const type = t.columns[0]?.type ?? "string";
        const values = t.rows.map((r) => (t.cell ? t.cell(r, 0) : (r as Value[])[0]));
        return { values, types: values.map(() => type) };
      };
    }
    const f = compile(e, scope);
    const type = staticType(e);
    return (row: unknown) => {
      const v = f(row);
      if (type === "dynamic") {
        const els = elementsOf(v);
        return { values: els, types: els.map(() => "dynamic") };
      }
      return { values: [v], types: [type] };
    };
  });
  const perRow = readsColumns(listNode);
  let cached: { values: Value[]; types: string[] } | null = null;
  return (row) => {
    if (cached && !perRow) return cached;
    const values: Value[] = [];
    const types: string[] = [];
    for (const p of parts) {
      const r = p(row);
      values.push(...r.values);
      types.push(...r.types);
    }
    const out = { values, types };
    if (!perRow) cached = out;
    return out;
  };
}

function inExpression(node: KNode, scope: Scope): RowFn {
  const op = String(node.Operator.Text).toLowerCase();
  const left = compile(node.Left, scope);
  const lt = staticType(node.Left);
  const list = listValues(node.Right, scope);
  const negate = op.startsWith("!");
  const base = op.replace(/^!/, "");
  if (base === "in" || base === "in~") {
    const ci = base === "in~";
    let memo: { src: Value[]; set: Set<string> } | null = null;
    const setOf = (values: Value[]) => {
      if (memo && memo.src === values) return memo.set;
      const set = new Set(values.map((v) => (ci ? "s" + toStr(v).toLowerCase() : keyOf(normalizeKey(v)))));
      memo = { src: values, set };
      return set;
    };
    return (r) => {
      const v = left(r);
      const set = setOf(list(r).values);
      const k = ci ? "s" + toStr(v, lt).toLowerCase() : keyOf(normalizeKey(v));
      const hit = set.has(k);
      return negate ? !hit : hit;
    };
  }
  if (base === "has_any" || base === "has_all") {
    const all = base === "has_all";
    return (r) => {
      const hay = toStr(left(r), lt);
      const terms = list(r).values.map((v) => toStr(v));
      const hit = all ? terms.every((t) => has(hay, t)) : terms.some((t) => has(hay, t));
      return negate ? !hit : hit;
    };
  }
  throw new NotSupportedError(`operator '${op}'`);
}

/** `in` compares numbers with numbers and strings with strings even when one side comes from dynamic. */
function normalizeKey(v: Value): Value {
  return typeof v === "boolean" ? (v ? 1 : 0) : v;
}

function between(node: KNode, scope: Scope): RowFn {
  const negate = String(node.Operator.Text).startsWith("!");
  const left = compile(node.Left, scope);
  const lo = compile(node.Right.First, scope);
  const hi = compile(node.Right.Second, scope);
  return (r) => {
    const v = left(r);
    if (v === null || v === undefined) return null;
    const inside = compare(v, lo(r)) >= 0 && compare(v, hi(r)) <= 0;
    return negate ? !inside : inside;
  };
}

function functionCall(node: KNode, scope: Scope): RowFn {
  const name = String(node.Name.Name?.SimpleName ?? node.Name.SimpleName);
  const args: KNode[] = separated(node.ArgumentList.Expressions);
  const binding = scope.env.lets.get(name);
  if (binding && binding.kind === "function") return functionCallOf(binding, args, scope, node);
  return callFunction(name, args, node, scope);
}

/** A scalar call of a `let f = (a:string) { ... }` function: parameters are slots filled per row. */
function functionCallOf(
  binding: Extract<Binding, { kind: "function" }>,
  args: KNode[],
  scope: Scope,
  node: KNode,
): RowFn {
  if (node.ResultType?.Columns) throw new NotSupportedError("tabular function call in a scalar position");
  const params = separated(binding.decl.Parameters.Parameters);
  const env = childEnv(binding.env);
  const setters: ((r: unknown) => void)[] = [];
  params.forEach((p: KNode, i: number) => {
    const pname = String(p.NameAndType.Name.SimpleName);
    const slot = { value: null as Value };
    env.lets.set(pname, { kind: "slot", slot });
    const argNode = args[i];
    const f = argNode ? compile(argNode, scope) : p.DefaultValue ? compile(p.DefaultValue.Value, scope) : () => null;
    setters.push((r) => (slot.value = f(r)));
  });
  const body = node.GetExpansion?.() ?? binding.decl.Body;
  const bodyEnv = bindStatements(separated(body.Statements), env);
  const bodyFn = compile(body.Expression, { columns: new Map(), env: bodyEnv, serial: null });
  return (r) => {
    for (const s of setters) s(r);
    return bodyFn(r);
  };
}

/** Binds a list of `let` statements (tabular lets stay lazy and are computed once). */
export function bindStatements(statements: KNode[], env: Env): Env {
  const out = childEnv(env);
  for (const st of statements) {
    if (nodeClass(st) !== "LetStatement") throw new NotSupportedError(describe(st));
    const name = String(st.Name.SimpleName);
    const expr = st.Expression;
    const cls = nodeClass(expr);
    if (cls === "FunctionDeclaration") {
      out.lets.set(name, { kind: "function", decl: expr, env: out });
    } else if (expr.ResultType?.Columns) {
      const bound = out;
      let cached: Table | null = null;
      out.lets.set(name, {
        kind: "table",
        table: () => (cached ??= env.evalTable(expr, bound)),
      });
    } else {
      const f = compile(expr, { columns: new Map(), env: out, serial: null });
      out.lets.set(name, { kind: "value", value: f(null) });
    }
  }
  return out;
}

export type { QueryContext };
