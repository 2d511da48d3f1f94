// The CodeMirror extensions that connect the editor to the KQL worker: completions at the cursor, Kusto's
// diagnostics as you type (with the TimeGenerated → Timestamp fix as a one-click action), and the run keys.
import {
  autocompletion,
  type Completion,
  type CompletionContext,
  type CompletionResult,
} from "@codemirror/autocomplete";
import { Prec } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { linter, type Diagnostic } from "@codemirror/lint";
import type { KqlClient } from "./kql-client";
import type { KqlCompletion, KqlDiagnostic } from "./protocol";
import { applyClassifications, kqlClassifications } from "./kql-classify";

/** How long typing must pause before Kusto re-analyses the query. */
export const LINT_DELAY_MS = 300;

const COMPLETION_TYPES: Record<KqlCompletion["kind"], string> = {
  table: "class",
  column: "property",
  function: "function",
  aggregate: "function",
  operator: "keyword",
  keyword: "keyword",
  variable: "variable",
  type: "type",
};

/** Kusto orders its list by a rank prefix ("033_filename"); CodeMirror wants a boost in [-99, 99]. */
function boostOf(order: string): number {
  const rank = Number.parseInt(order, 10);
  return Number.isFinite(rank) ? Math.max(-99, 50 - rank) : 0;
}

export function toCompletion(item: KqlCompletion): Completion {
  return {
    label: item.label,
    type: COMPLETION_TYPES[item.kind],
    detail: item.detail,
    info: item.info,
    boost: boostOf(item.order),
    apply(view, _completion, from, to) {
      view.dispatch({
        changes: { from, to, insert: item.insert },
        selection: { anchor: from + item.cursor },
        userEvent: "input.complete",
      });
    },
  };
}

export function toDiagnostic(d: KqlDiagnostic, length: number, onFix?: () => void): Diagnostic {
  const from = Math.min(d.from, length);
  const to = Math.min(Math.max(d.to, from), length);
  const fix = d.fix;
  return {
    from,
    to,
    severity: d.severity,
    source: d.code,
    message: d.message,
    actions: fix
      ? [
          {
            name: fix.label,
            apply(view, actionFrom, actionTo) {
              view.dispatch({ changes: { from: actionFrom, to: actionTo, insert: fix.insert } });
              onFix?.();
            },
          },
        ]
      : undefined,
  };
}

export function kqlExtensions(client: KqlClient, opts: { onRun(): void; onDiagnostics(count: number): void }) {
  async function complete(context: CompletionContext): Promise<CompletionResult | null> {
    const before = context.matchBefore(/[\w-]*/);
    const charBefore = context.state.sliceDoc(Math.max(0, context.pos - 1), context.pos);
    if (!context.explicit && before?.from === before?.to && !/[\s|(,]/.test(charBefore)) return null;
    const text = context.state.doc.toString();
    const list = await client.request("completions", { text, position: context.pos });
    if (!list || context.aborted || list.items.length === 0) return null;
    return { from: list.from, options: list.items.map(toCompletion), validFor: /^[\w-]*$/ };
  }

  const lint = linter(
    async (view) => {
      const text = view.state.doc.toString();
      const diagnostics = await client.request("diagnostics", { text });
      if (!diagnostics) return [];
      opts.onDiagnostics(diagnostics.length);
      // Same text, already parsed in the worker: the colours cost one more round trip, not another parse.
      void client.request("classifications", { text }).then((ranges) => {
        if (ranges) applyClassifications(view, text, ranges);
      });
      return diagnostics.map((d) => toDiagnostic(d, view.state.doc.length));
    },
    { delay: LINT_DELAY_MS },
  );

  const run = () => {
    opts.onRun();
    return true;
  };

  return [
    autocompletion({ override: [complete], activateOnTyping: true, maxRenderedOptions: 200 }),
    lint,
    kqlClassifications,
    Prec.highest(
      keymap.of([
        { key: "Mod-Enter", run },
        { key: "Shift-Enter", run },
      ]),
    ),
    EditorView.contentAttributes.of({ "aria-label": "KQL query" }),
  ];
}
