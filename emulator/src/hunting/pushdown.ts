// Time-filter push-down: `Table | where Timestamp > ago(7d) and …` reads only the days it needs from the generated
// tables instead of 30 days. The filter itself still runs afterwards, so this only narrows the scan.
import { nodeClass, symbolClass, type KNode } from "./kusto";
import { compile, type Env } from "./scalar";
import { toNumber } from "./values";

function isTimestamp(node: KNode): boolean {
  return (
    nodeClass(node) === "NameReference" &&
    String(node.Name.SimpleName) === "Timestamp" &&
    !!node.ReferencedSymbol &&
    symbolClass(node.ReferencedSymbol) === "ColumnSymbol"
  );
}

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

function constantOf(node: KNode, env: Env): number | null {
  if (readsColumns(node)) return null;
  try {
    return toNumber(compile(node, { columns: new Map(), env, serial: null })(null));
  } catch {
    return null;
  }
}

/** [from, to] implied by the top-level `and` terms of a where condition, or null. */
export function timeRangeOf(condition: KNode, env: Env): [number, number] | null {
  let from = -Infinity;
  let to = Infinity;
  const visit = (n: KNode): void => {
    const cls = nodeClass(n);
    if (cls === "ParenthesizedExpression") return visit(n.Expression);
    if (cls === "BinaryExpression") {
      const op = String(n.Operator.Text).toLowerCase();
      if (op === "and") {
        visit(n.Left);
        visit(n.Right);
        return;
      }
      if (![">", ">=", "<", "<="].includes(op)) return;
      let lower: boolean;
      let other: KNode;
      if (isTimestamp(n.Left)) {
        lower = op.startsWith(">");
        other = n.Right;
      } else if (isTimestamp(n.Right)) {
        lower = op.startsWith("<");
        other = n.Left;
      } else return;
      const v = constantOf(other, env);
      if (v === null) return;
      if (lower) from = Math.max(from, v);
      else to = Math.min(to, v);
      return;
    }
    if (cls === "BetweenExpression" && !String(n.Operator.Text).startsWith("!") && isTimestamp(n.Left)) {
      const a = constantOf(n.Right.First, env);
      const b = constantOf(n.Right.Second, env);
      if (a !== null) from = Math.max(from, a);
      if (b !== null) to = Math.min(to, b);
    }
  };
  visit(condition);
  return from === -Infinity && to === Infinity ? null : [from, to];
}
