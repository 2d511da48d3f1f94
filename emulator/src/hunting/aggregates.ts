// summarize aggregation functions ("Aggregation functions" in the Kusto query language reference).
import { nodeClass, separated, type KNode } from "./kusto";
import { compile, staticType, type Scope } from "./scalar";
import { NotSupportedError, type Column, type RowFn } from "./table";
import { AGGREGATE_NAMES } from "./functions";
import { compare, keyOf, toDynamic, toNumber, type Value } from "./values";

export interface Aggregator {
  /** Number of output columns (arg_max/arg_min give several). */
  width: number;
  init(): unknown;
  add(state: unknown, row: unknown): void;
  result(state: unknown): Value[];
}

const MAX_SET = 1_048_576;

/** Compiles one summarize aggregate. `outColumns` are the binder's names for this aggregate's output columns. */
export function compileAggregate(node: KNode, scope: Scope, outColumns: Column[], inputColumns: Column[]): Aggregator {
  let expr = node;
  if (nodeClass(expr) === "SimpleNamedExpression" || nodeClass(expr) === "CompoundNamedExpression")
    expr = expr.Expression;
  if (!isAggregateCall(expr)) return wrappedAggregates(expr, scope, inputColumns);
  const name = String(expr.Name.Name?.SimpleName ?? expr.Name.SimpleName).toLowerCase();
  const argNodes: KNode[] = separated(expr.ArgumentList.Expressions);
  const isStar = (n: KNode) => nodeClass(n) === "StarExpression";
  const args = argNodes.map((a) => (isStar(a) ? null : compile(a, scope)));
  const arg = (i: number): RowFn => {
    const f = args[i];
    if (!f) throw new NotSupportedError(`${name}() argument ${i + 1}`);
    return f;
  };
  const type0 = argNodes[0] ? staticType(argNodes[0]) : "long";
  const single = (
    init: () => unknown,
    add: (s: unknown, r: unknown) => void,
    result: (s: unknown) => Value,
  ): Aggregator => ({
    width: 1,
    init,
    add,
    result: (s) => [result(s)],
  });
  type Box = { v: number };
  switch (name) {
    case "count":
      return single(
        () => ({ v: 0 }),
        (s) => (s as Box).v++,
        (s) => (s as Box).v,
      );
    case "countif": {
      const p = arg(0);
      return single(
        () => ({ v: 0 }),
        (s, r) => void (p(r) === true && (s as Box).v++),
        (s) => (s as Box).v,
      );
    }
    case "dcount":
    case "dcountif": {
      const f = arg(0);
      const p = name === "dcountif" ? arg(1) : null;
      return single(
        () => new Set<string>(),
        (s, r) => {
          if (p && p(r) !== true) return;
          const v = f(r);
          if (v !== null && v !== undefined) (s as Set<string>).add(keyOf(v));
        },
        (s) => (s as Set<string>).size,
      );
    }
    case "sum":
    case "sumif":
    case "avg":
    case "avgif": {
      const f = arg(0);
      const p = name.endsWith("if") ? arg(1) : null;
      const avg = name.startsWith("avg");
      return single(
        () => ({ sum: 0, n: 0 }),
        (s, r) => {
          if (p && p(r) !== true) return;
          const v = toNumber(f(r));
          if (v === null) return;
          const st = s as { sum: number; n: number };
          st.sum += v;
          st.n++;
        },
        (s) => {
          const st = s as { sum: number; n: number };
          return avg ? (st.n ? st.sum / st.n : null) : st.n || !avg ? st.sum : null;
        },
      );
    }
    case "min":
    case "max":
    case "minif":
    case "maxif": {
      const f = arg(0);
      const p = name.endsWith("if") ? arg(1) : null;
      const sign = name.startsWith("max") ? 1 : -1;
      return single(
        () => ({ v: null as Value }),
        (s, r) => {
          if (p && p(r) !== true) return;
          const v = f(r);
          if (v === null || v === undefined) return;
          const st = s as { v: Value };
          if (st.v === null || compare(v, st.v) * sign > 0) st.v = v;
        },
        (s) => (s as { v: Value }).v,
      );
    }
    case "make_set":
    case "makeset":
    case "make_set_if":
    case "make_list":
    case "makelist":
    case "make_list_if": {
      const f = arg(0);
      const conditional = name.endsWith("_if");
      const p = conditional ? arg(1) : null;
      const limitFn = args[conditional ? 2 : 1];
      const limit = limitFn ? (toNumber(limitFn(null)) ?? MAX_SET) : MAX_SET;
      const set = name.includes("set");
      return single(
        () => ({ list: [] as Value[], seen: new Set<string>() }),
        (s, r) => {
          if (p && p(r) !== true) return;
          const st = s as { list: Value[]; seen: Set<string> };
          if (st.list.length >= limit) return;
          const v = f(r);
          // make_set/make_list skip nulls; dynamic arrays are flattened into a set (Kusto behaviour).
          const values = set && Array.isArray(v) ? v : [v];
          for (const x of values) {
            if (x === null || x === undefined || (set && x === "" && false)) continue;
            const d = toDynamic(x, type0);
            if (set) {
              const k = keyOf(d);
              if (st.seen.has(k)) continue;
              st.seen.add(k);
            }
            if (st.list.length < limit) st.list.push(d);
          }
        },
        (s) => (s as { list: Value[] }).list,
      );
    }
    case "make_bag": {
      const f = arg(0);
      return single(
        () => ({}) as Record<string, Value>,
        (s, r) => {
          const v = f(r);
          if (v && typeof v === "object" && !Array.isArray(v)) Object.assign(s as object, v);
        },
        (s) => s as Value,
      );
    }
    case "any":
    case "take_any":
    case "anyif":
    case "take_anyif": {
      const conditional = name.endsWith("if");
      const p = conditional ? arg(1) : null;
      const outs = conditional
        ? [args[0]!]
        : argNodes.some(isStar)
          ? starGetters(outColumns, scope, inputColumns, 0)
          : args.map((a, i) => a ?? arg(i));
      return {
        width: outs.length,
        init: () => ({ row: undefined as unknown, set: false }),
        add: (s, r) => {
          const st = s as { row: unknown; set: boolean };
          if (st.set || (p && p(r) !== true)) return;
          st.row = r;
          st.set = true;
        },
        result: (s) => {
          const st = s as { row: unknown; set: boolean };
          return outs.map((g) => (st.set ? g(st.row) : null));
        },
      };
    }
    case "arg_max":
    case "argmax":
    case "arg_min":
    case "argmin": {
      const key = arg(0);
      const sign = name.includes("max") ? 1 : -1;
      const rest: RowFn[] = [key];
      if (argNodes.slice(1).some(isStar)) rest.push(...starGetters(outColumns, scope, inputColumns, 1));
      else for (let i = 1; i < argNodes.length; i++) rest.push(arg(i));
      return {
        width: rest.length,
        init: () => ({ best: null as Value, row: undefined as unknown, set: false }),
        add: (s, r) => {
          const st = s as { best: Value; row: unknown; set: boolean };
          const v = key(r);
          if (v === null || v === undefined) {
            if (!st.set) {
              st.row = r;
              st.set = true;
            }
            return;
          }
          if (st.best === null || compare(v, st.best) * sign > 0) {
            st.best = v;
            st.row = r;
            st.set = true;
          }
        },
        result: (s) => {
          const st = s as { row: unknown; set: boolean };
          return rest.map((g) => (st.set ? g(st.row) : null));
        },
      };
    }
    case "percentile": {
      const f = arg(0);
      const pct = toNumber(arg(1)(null)) ?? 50;
      return single(
        () => [] as number[],
        (s, r) => {
          const v = toNumber(f(r));
          if (v !== null) (s as number[]).push(v);
        },
        (s) => {
          const xs = (s as number[]).sort((a, b) => a - b);
          if (!xs.length) return null;
          return xs[Math.min(xs.length - 1, Math.max(0, Math.ceil((pct / 100) * xs.length) - 1))]!;
        },
      );
    }
    case "stdev":
    case "variance": {
      const f = arg(0);
      return single(
        () => [] as number[],
        (s, r) => {
          const v = toNumber(f(r));
          if (v !== null) (s as number[]).push(v);
        },
        (s) => {
          const xs = s as number[];
          if (xs.length < 2) return 0;
          const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
          const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
          return name === "stdev" ? Math.sqrt(variance) : variance;
        },
      );
    }
    default:
      throw new NotSupportedError(`aggregate ${name}()`);
  }
}

function isAggregateCall(node: KNode): boolean {
  if (nodeClass(node) !== "FunctionCallExpression") return false;
  return AGGREGATE_NAMES.has(String(node.Name.Name?.SimpleName ?? node.Name.SimpleName).toLowerCase());
}

/** A scalar expression over aggregates (`tostring(make_set(x))`, `count() * 2`): aggregate, then compute. */
function wrappedAggregates(expr: KNode, scope: Scope, inputColumns: Column[]): Aggregator {
  const inner: KNode[] = [];
  expr.WalkNodes((n: KNode) => {
    if (isAggregateCall(n) && !inner.some((o) => n.TextStart >= o.TextStart && n.End <= o.End)) inner.push(n);
  });
  if (!inner.length) throw new NotSupportedError("summarize of a non-aggregate expression");
  const aggs = inner.map((n) => compileAggregate(n, scope, [{ name: "", type: "dynamic" }], inputColumns));
  const current: Value[] = [];
  const aggregates = new Map<number, RowFn>(inner.map((n, i) => [n.TextStart as number, () => current[i]]));
  const outer = compile(expr, { ...scope, aggregates });
  return {
    width: 1,
    init: () => aggs.map((a) => a.init()),
    add: (s, r) => aggs.forEach((a, i) => a.add((s as unknown[])[i], r)),
    result: (s) => {
      aggs.forEach((a, i) => (current[i] = a.result((s as unknown[])[i])[0]));
      return [outer(null)];
    },
  };
}

/** `*` in arg_max/any: the remaining output columns, taken from the input column of the same name. */
function starGetters(outColumns: Column[], scope: Scope, inputColumns: Column[], skip: number): RowFn[] {
  return outColumns.slice(skip).map((c) => {
    let f = scope.columns.get(c.name);
    if (!f) {
      const base = /^(.*?)\d+$/.exec(c.name)?.[1];
      if (base) f = scope.columns.get(base);
    }
    if (!f) throw new NotSupportedError(`column ${c.name} in arg_max(*) (input has ${inputColumns.length} columns)`);
    return f;
  });
}
