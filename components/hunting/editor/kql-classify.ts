// Kusto's own classification of the text (column, table, function, query operator…), laid over the instant
// stream highlighting once the worker has answered: names the binder resolved get their kind's colour.
import { StateEffect, StateField, type Extension } from "@codemirror/state";
import { Decoration, EditorView, type DecorationSet } from "@codemirror/view";
import type { KqlClassification } from "./protocol";

const MARKS: Record<string, Decoration> = {
  Column: Decoration.mark({ class: "cm-kql-column" }),
  Table: Decoration.mark({ class: "cm-kql-table" }),
  Function: Decoration.mark({ class: "cm-kql-function" }),
  QueryOperator: Decoration.mark({ class: "cm-kql-operator" }),
  Variable: Decoration.mark({ class: "cm-kql-variable" }),
  Parameter: Decoration.mark({ class: "cm-kql-variable" }),
};

const setClassifications = StateEffect.define<{ text: string; ranges: KqlClassification[] }>();

const classificationField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(decorations, tr) {
    let next = decorations.map(tr.changes);
    for (const effect of tr.effects) {
      if (!effect.is(setClassifications)) continue;
      // An answer for a text the editor no longer shows would colour the wrong characters.
      if (effect.value.text !== tr.state.doc.toString()) continue;
      const length = tr.state.doc.length;
      next = Decoration.set(
        effect.value.ranges
          .filter((r) => MARKS[r.kind] && r.to > r.from && r.to <= length)
          .map((r) => MARKS[r.kind]!.range(r.from, r.to)),
        true,
      );
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

const classificationTheme = EditorView.baseTheme({
  ".cm-kql-column": { color: "#0369a1" },
  ".cm-kql-table": { color: "#0f766e", fontWeight: "600" },
  ".cm-kql-function": { color: "#9333ea" },
  ".cm-kql-operator": { color: "#1d4ed8", fontWeight: "600" },
  ".cm-kql-variable": { color: "#a16207" },
});

export const kqlClassifications: Extension = [classificationField, classificationTheme];

export function applyClassifications(view: EditorView, text: string, ranges: KqlClassification[]) {
  view.dispatch({ effects: setClassifications.of({ text, ranges }) });
}
