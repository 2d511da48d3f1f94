// Instant KQL colouring while Kusto.Language loads: a small stream tokenizer (comments, strings, numbers and
// timespans, tabular operators, functions, the Defender tables), not a parser. Kusto's own errors come from the worker.
import { HighlightStyle, StreamLanguage, syntaxHighlighting, type StringStream } from "@codemirror/language";
import { tags } from "@lezer/highlight";
import { DEFENDER_TABLES } from "@/lib/hunting/defender-tables";

// Tabular operators and query keywords from the Kusto Query Language reference ("Tabular operators").
const OPERATORS = new Set(
  (
    "as by consume count datatable distinct evaluate extend externaldata facet find fork getschema invoke join " +
    "kind let limit lookup make-series materialize mv-apply mv-expand on order parse parse-where partition print " +
    "project project-away project-keep project-rename project-reorder range reduce render sample sample-distinct " +
    "scan search serialize sort summarize take top top-hitters top-nested union where with asc desc nulls first last " +
    "inner outer leftouter rightouter fullouter leftanti rightanti leftsemi rightsemi innerunique anti semi"
  ).split(" "),
);
const WORD_OPERATORS = new Set(
  (
    "and or not has has_cs !has hasprefix hassuffix has_any has_all contains contains_cs !contains startswith " +
    "startswith_cs endswith endswith_cs in in~ !in between matches regex like"
  ).split(" "),
);
const LITERALS = new Set([
  "true",
  "false",
  "null",
  "dynamic",
  "datetime",
  "timespan",
  "bool",
  "long",
  "int",
  "real",
  "string",
]);
const TABLES = new Set(DEFENDER_TABLES.map((t) => t.name));

interface KqlState {
  inString: '"' | "'" | null;
}

function token(stream: StringStream, state: KqlState): string | null {
  if (state.inString) {
    const quote = state.inString;
    while (!stream.eol()) {
      const ch = stream.next();
      if (ch === "\\") stream.next();
      else if (ch === quote) {
        state.inString = null;
        break;
      }
    }
    return "string";
  }
  if (stream.eatSpace()) return null;
  if (stream.match("//")) {
    stream.skipToEnd();
    return "comment";
  }
  // Verbatim strings: @"C:\path" — backslashes are not escapes.
  const verbatim = stream.match(/^@(["'])/);
  if (verbatim) {
    const quote = (verbatim as RegExpMatchArray)[1];
    while (!stream.eol() && stream.next() !== quote);
    return "string";
  }
  const ch = stream.peek();
  if (ch === '"' || ch === "'") {
    stream.next();
    state.inString = ch;
    return token(stream, state);
  }
  if (stream.match(/^\d+(\.\d+)?(ms|microseconds?|ticks|d|h|m|s)?\b/)) return "number";
  if (stream.match(/^[A-Za-z_][\w-]*[\w]|^[A-Za-z_]/)) {
    const word = stream.current();
    if (OPERATORS.has(word) || WORD_OPERATORS.has(word)) return "keyword";
    if (LITERALS.has(word)) return "atom";
    if (TABLES.has(word)) return "typeName";
    if (stream.match(/^\s*\(/, false)) return "variableName.function";
    return "variableName";
  }
  if (stream.match(/^(\||==|!=|=~|!~|<=|>=|<|>|\+|-|\*|\/|%|=)/)) return "operator";
  stream.next();
  return null;
}

export const kqlLanguage = StreamLanguage.define<KqlState>({
  name: "kql",
  startState: () => ({ inString: null }),
  token,
  languageData: { commentTokens: { line: "//" } },
});

const kqlColours = HighlightStyle.define([
  { tag: tags.keyword, color: "#1d4ed8", fontWeight: "600" },
  { tag: tags.comment, color: "#64748b", fontStyle: "italic" },
  { tag: tags.string, color: "#b45309" },
  { tag: tags.number, color: "#047857" },
  { tag: tags.atom, color: "#7c3aed" },
  { tag: tags.typeName, color: "#0f766e", fontWeight: "600" },
  { tag: tags.function(tags.variableName), color: "#9333ea" },
  { tag: tags.operator, color: "#be123c" },
]);

export const kqlHighlighting = [kqlLanguage, syntaxHighlighting(kqlColours)];
