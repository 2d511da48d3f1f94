// Messages between the editor and its KQL Web Worker. Every request carries an id; the answer carries the same
// id, and an answer to a request that a newer one of the same kind has overtaken is marked stale and dropped.

import type { QueryShape } from "@/lib/detections/query-shape";

export interface KqlDiagnostic {
  from: number;
  to: number;
  severity: "error" | "warning" | "info";
  /** Kusto's code (KS142…) or "TimeGenerated" for the editor's own warning. */
  code: string;
  message: string;
  /** A one-click replacement of [from, to). */
  fix?: { label: string; insert: string };
}

export interface KqlCompletion {
  label: string;
  /** Text replacing [from, to) of the list; the cursor lands `cursor` characters into it. */
  insert: string;
  cursor: number;
  kind: "table" | "column" | "function" | "aggregate" | "operator" | "keyword" | "variable" | "type";
  order: string;
  detail?: string;
  info?: string;
}

export interface KqlCompletionList {
  from: number;
  to: number;
  items: KqlCompletion[];
}

export interface KqlClassification {
  from: number;
  to: number;
  kind: string;
}

export type KqlRequest =
  | { id: number; kind: "init"; scripts: string[] }
  | { id: number; kind: "diagnostics"; text: string }
  | { id: number; kind: "completions"; text: string; position: number }
  | { id: number; kind: "classifications"; text: string }
  | { id: number; kind: "shape"; text: string };

export type KqlRequestKind = KqlRequest["kind"];

export interface KqlAnswers {
  init: { loadMs: number };
  diagnostics: KqlDiagnostic[];
  completions: KqlCompletionList;
  classifications: KqlClassification[];
  /** The table a query reads and its result's columns (the detection rule form's required-columns check). */
  shape: QueryShape;
}

export type KqlResponse =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; stale: true }
  | { id: number; ok: false; stale?: false; error: string };

/**
 * Of the requests waiting in the worker's queue, the ones to answer: `init` always, and of each other kind only the
 * newest (the text has moved on since the older ones were sent). The rest are answered as stale.
 */
export function newestOfEachKind(queue: KqlRequest[]): { answer: KqlRequest[]; stale: KqlRequest[] } {
  const newest = new Map<KqlRequestKind, KqlRequest>();
  for (const r of queue) if (r.kind !== "init") newest.set(r.kind, r);
  const answer: KqlRequest[] = [];
  const stale: KqlRequest[] = [];
  for (const r of queue) (r.kind === "init" || newest.get(r.kind) === r ? answer : stale).push(r);
  return { answer, stale };
}
