/* eslint-disable @typescript-eslint/no-explicit-any -- Kusto.Language is a Bridge.NET build; its objects have no usable TS types */
// The editor's language answers — diagnostics, completions, classifications — from Microsoft's own parser and
// binder (Kusto.Language, npm `@kusto/language-service-next`) bound to the Defender advanced hunting tables.
// Runs wherever the library's globals are loaded: the KQL Web Worker in the browser, vitest in Node.
import type { DefenderTable } from "@/lib/hunting/defender-tables";
import { defenderGlobals, listOf } from "@/lib/detections/query-shape";
import type { KqlClassification, KqlCompletion, KqlCompletionList, KqlDiagnostic } from "./protocol";

/** Kusto.Language's `ClassificationKind` values, by number (Kusto.Language.Editor.ClassificationKind). */
const CLASSIFICATION_KINDS = [
  "PlainText",
  "Comment",
  "Punctuation",
  "Directive",
  "Literal",
  "StringLiteral",
  "Type",
  "Column",
  "Table",
  "Database",
  "Function",
  "Parameter",
  "Variable",
  "Identifier",
  "ClientParameter",
  "QueryParameter",
  "ScalarOperator",
  "MathOperator",
  "QueryOperator",
  "Command",
  "Keyword",
  "MaterializedView",
  "SchemaMember",
  "SignatureParameter",
  "Option",
] as const;

/** Kusto.Language's `CompletionKind` values that the editor shows differently; the rest are keywords. */
const COMPLETION_KINDS: Record<number, KqlCompletion["kind"]> = {
  13: "column",
  14: "table",
  15: "function",
  16: "function",
  17: "function",
  18: "aggregate",
  19: "variable",
  20: "variable",
  26: "type",
  6: "keyword",
  7: "operator",
  8: "operator",
  9: "operator",
  11: "operator",
  12: "keyword",
};

/**
 * Defender XDR tables have `Timestamp`; `TimeGenerated` exists only on copies streamed to a Microsoft Sentinel
 * workspace ("Microsoft Defender XDR integration with Microsoft Sentinel": rely on the Timestamp column).
 */
export const TIME_GENERATED_MESSAGE =
  "TimeGenerated exists only where Defender tables are streamed to Microsoft Sentinel; Defender's advanced hunting tables use Timestamp.";

export interface KqlService {
  diagnostics(text: string): KqlDiagnostic[];
  completions(text: string, position: number): KqlCompletionList;
  classifications(text: string): KqlClassification[];
}

/** `kusto` is the global `Kusto` namespace that Kusto.Language.Bridge(.min).js defines. */
export function createKqlService(kusto: any, tables: DefenderTable[]): KqlService {
  const K = kusto.Language;
  const globals = defenderGlobals(kusto, tables);
  const describe = new Map<string, { detail: string; info: string }>();
  for (const t of tables) {
    describe.set(t.name, { detail: "table", info: t.description });
    for (const c of t.columns) if (!describe.has(c.name)) describe.set(c.name, { detail: c.type, info: c.description });
  }

  // One analysed text at a time: diagnostics, completions and colours asked for the same text share its parse.
  let cached: { text: string; service: any } | null = null;
  const serviceFor = (text: string) => {
    if (cached?.text !== text) cached = { text, service: new K.Editor.KustoCodeService.$ctor1(text, globals) };
    return cached.service;
  };

  return {
    diagnostics(text) {
      const out: KqlDiagnostic[] = [];
      for (const d of listOf(serviceFor(text).GetDiagnostics(true))) {
        const from = Number(d.Start);
        const to = from + Number(d.Length);
        if (text.slice(from, to) === "TimeGenerated") {
          out.push({
            from,
            to,
            severity: "warning",
            code: "TimeGenerated",
            message: TIME_GENERATED_MESSAGE,
            fix: { label: "Use Timestamp", insert: "Timestamp" },
          });
          continue;
        }
        const severity = String(d.Severity);
        out.push({
          from,
          to,
          severity: severity === "Error" ? "error" : severity === "Warning" ? "warning" : "info",
          code: String(d.Code ?? ""),
          message: String(d.Message),
        });
      }
      return out;
    },

    completions(text, position) {
      const info = serviceFor(text).GetCompletionItems(position);
      if (!info) return { from: position, to: position, items: [] };
      const from = Number(info.EditStart);
      const items = listOf(info.Items).map((item: any): KqlCompletion => {
        const label = String(item.DisplayText);
        const known = describe.get(label);
        const kind = COMPLETION_KINDS[Number(item.Kind)] ?? "keyword";
        return {
          label,
          insert: String(item.BeforeText ?? "") + String(item.AfterText ?? ""),
          cursor: String(item.BeforeText ?? "").length,
          kind,
          order: String(item.OrderText ?? label),
          ...(known && (kind === "column" || kind === "table") ? { detail: known.detail, info: known.info } : {}),
        };
      });
      return { from, to: from + Number(info.EditLength), items };
    },

    classifications(text) {
      const info = serviceFor(text).GetClassifications(0, text.length, false, true);
      return listOf(info?.Classifications).map((c: any) => ({
        from: Number(c.Start),
        to: Number(c.Start) + Number(c.Length),
        kind: CLASSIFICATION_KINDS[Number(c.Kind)] ?? "PlainText",
      }));
    },
  };
}
