/* eslint-disable @typescript-eslint/no-explicit-any -- Kusto.Language is a Bridge.NET build; its objects have no usable TS types */
// Microsoft's own KQL parser and binder (Kusto.Language, npm `@kusto/language-service-next`), loaded in Node the way
// its package expects: the Bridge runtime first (globals `Bridge`, `System`), then the library (global `Kusto`).
// Every query is parsed and bound against the hunting tables' schemas, so diagnostics, column names and types are
// Kusto's own (`count_`, `dcount_DeviceName`, `Timestamp1`…), not re-derived here.
import { createRequire } from "node:module";
import { HUNTING_TABLES } from "./schema";

/** A Kusto.Language syntax node, symbol or collection (Bridge objects). */
export type KNode = any;

interface KustoGlobals {
  K: any;
  S: any;
  Bridge: any;
  System: any;
  globals: any;
}

let loaded: KustoGlobals | null = null;

function load(): KustoGlobals {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  require("@kusto/language-service-next/bridge.min.js");
  require("@kusto/language-service-next/Kusto.Language.Bridge.min.js");
  const g = globalThis as any;
  const K = g.Kusto.Language;
  const table = (name: string, columns: { name: string; type: string }[]) =>
    new K.Symbols.TableSymbol.$ctor7(name, `(${columns.map((c) => `${c.name}:${c.type}`).join(", ")})`, null);
  const db = new K.Symbols.DatabaseSymbol.ctor(
    "Defender",
    HUNTING_TABLES.map((t) => table(t.name, t.columns)),
  );
  loaded = { K, S: K.Syntax, Bridge: g.Bridge, System: g.System, globals: K.GlobalState.Default.WithDatabase(db) };
  return loaded;
}

export function kusto(): KustoGlobals {
  return load();
}

/** Class name of a syntax node without namespace: FilterOperator, BinaryExpression… */
export function nodeClass(node: KNode): string {
  const { Bridge } = load();
  return String(Bridge.getTypeName(node)).replace("Kusto.Language.Syntax.", "");
}

/** SyntaxKind name: AndExpression, HasAnyExpression, StringLiteralExpression… */
export function nodeKind(node: KNode): string {
  const { S, System } = load();
  return String(System.Enum.toString(S.SyntaxKind, node.Kind));
}

export function symbolClass(symbol: KNode): string {
  const { Bridge } = load();
  return String(Bridge.getTypeName(symbol)).replace("Kusto.Language.Symbols.", "");
}

/** Elements of a Bridge IReadOnlyList / SyntaxList. */
export function listOf(list: KNode): KNode[] {
  const out: KNode[] = [];
  if (!list) return out;
  for (let i = 0; i < list.Count; i++) out.push(list.getItem(i));
  return out;
}

/** Elements of a SyntaxList of SeparatedElement<T>. */
export function separated(list: KNode): KNode[] {
  return listOf(list).map((e) => e.Element);
}

export interface Diagnostic {
  code: string;
  message: string;
  start: number;
  length: number;
  line: number;
  column: number;
}

export interface AnalyzedQuery {
  code: KNode;
  errors: Diagnostic[];
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === "\n") {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

export function analyze(query: string): AnalyzedQuery {
  const { K } = load();
  const code = K.KustoCode.ParseAndAnalyze(query, load().globals);
  const diags = code.GetDiagnostics();
  const errors: Diagnostic[] = [];
  for (let i = 0; i < diags.Count; i++) {
    const d = diags.getItem(i);
    if (String(d.Severity) !== "Error") continue;
    errors.push({
      code: d.Code,
      message: d.Message,
      start: d.Start,
      length: d.Length,
      ...lineAndColumn(query, d.Start),
    });
  }
  return { code, errors };
}

/** Name of a Kusto type symbol (string, long, datetime, dynamic…); tables and tuples give their kind. */
export function typeName(type: KNode): string {
  if (!type) return "dynamic";
  const name = String(type.Name ?? "");
  return name || "dynamic";
}

/** Output columns (name, Kusto type) of a tabular node as the binder computed them. */
export function tableColumns(node: KNode): { name: string; type: string }[] {
  const rt = node?.ResultType;
  if (!rt || !rt.Columns) return [];
  return listOf(rt.Columns).map((c: KNode) => ({ name: String(c.Name), type: typeName(c.Type) }));
}
