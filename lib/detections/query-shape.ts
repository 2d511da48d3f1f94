/* eslint-disable @typescript-eslint/no-explicit-any -- Kusto.Language is a Bridge.NET build; its objects have no usable TS types */
// What a custom detection query returns, read by Microsoft's own parser and binder (Kusto.Language, npm
// `@kusto/language-service-next`) bound to the Defender advanced hunting tables: the table the query reads first and
// the columns of its result. The rule form runs it in the KQL worker; the server runs it before a rule is sent to
// Graph. Browser-safe: it takes the library's global `Kusto` namespace from whoever loaded it.
import type { DefenderTable } from "../hunting/defender-tables";
import { checkRequiredColumns, type RequiredColumnsCheck } from "./required-columns";

export interface QueryShape {
  /** The first table the query reads, or null (a `print`, or a table Kusto does not know). */
  sourceTable: string | null;
  /** The result's columns, in order. */
  columns: string[];
  /** Kusto's first error, when the query does not parse or bind. */
  error: string | null;
}

export type QueryShapeReader = (text: string) => QueryShape;

/** A Bridge.NET List as an array. */
export function listOf(list: any): any[] {
  const out: any[] = [];
  if (!list) return out;
  for (let i = 0; i < list.Count; i++) out.push(list.getItem(i));
  return out;
}

/** Kusto.Language's global state with the Defender tables as its database, to parse and bind queries against. */
export function defenderGlobals(kusto: any, tables: readonly DefenderTable[]): any {
  const K = kusto.Language;
  const database = new K.Symbols.DatabaseSymbol.ctor(
    "Defender",
    tables.map(
      (t) =>
        new K.Symbols.TableSymbol.$ctor7(t.name, `(${t.columns.map((c) => `${c.name}:${c.type}`).join(", ")})`, null),
    ),
  );
  return K.GlobalState.Default.WithDatabase(database);
}

/** A reader over `kusto` (the global Kusto.Language.Bridge(.min).js defines) and the tables it binds against. */
export function createQueryShapeReader(kusto: any, tables: readonly DefenderTable[]): QueryShapeReader {
  const K = kusto.Language;
  const globals = defenderGlobals(kusto, tables);
  const TABLE = K.Symbols.SymbolKind.Table;
  return (text) => {
    const code = K.KustoCode.ParseAndAnalyze(text, globals);
    const columns = listOf(code.ResultType?.Columns).map((c: any) => String(c.Name));
    let sourceTable: string | null = null;
    code.Syntax.WalkElements((el: any) => {
      const s = el.ReferencedSymbol;
      if (!sourceTable && s && s.Kind === TABLE) sourceTable = String(s.Name);
    });
    const firstError = listOf(code.GetDiagnostics()).find((d: any) => String(d.Severity) === "Error");
    return { sourceTable, columns, error: firstError ? String(firstError.Message) : null };
  };
}

/** The form's and the server's one verdict on a query: Kusto's error, or the required columns it lacks. */
export function detectionQueryProblem(shape: QueryShape): RequiredColumnsCheck & { problem: string | null } {
  if (shape.error)
    return {
      missing: [],
      hasAssetIdentifier: true,
      message: null,
      problem: `The query does not parse: ${shape.error}`,
    };
  if (!shape.sourceTable)
    return {
      missing: [],
      hasAssetIdentifier: true,
      message: null,
      problem: "The query must read an advanced hunting table (for example DeviceProcessEvents).",
    };
  const check = checkRequiredColumns(shape.columns, shape.sourceTable);
  return { ...check, problem: check.message };
}
