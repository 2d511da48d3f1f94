import { z } from "zod";
import { ProviderError } from "../microsoft";
import type { GraphClient } from "./client";

// Advanced hunting through Microsoft Graph: POST /v1.0/security/runHuntingQuery ("security: runHuntingQuery",
// learn.microsoft.com/graph/api/security-security-runhuntingquery), application permission ThreatHunting.Read.All.
// The body is {Query, Timespan}; the answer is {schema: [{name, type}], results: [{column: value}]}. The v1.0 page's
// example spells the schema's keys Name/Type while the OData model and the SDKs use name/type, so both are read.
// Limits ("Use the advanced hunting API", Graph security API overview): 30 days of data, 100,000 rows, 45 calls a
// minute per tenant, a CPU budget per 15-minute cycle (429 on either), 3 minutes per request.

/** Graph answers within 3 minutes or fails; a little more here so its own timeout error reaches the caller. */
export const HUNTING_TIMEOUT_MS = 200_000;
/** "can return up to 100,000 rows": a result this long may have been cut off. */
export const HUNTING_ROW_CAP = 100_000;

const Column = z
  .looseObject({
    name: z.string().optional(),
    Name: z.string().optional(),
    type: z.string().optional(),
    Type: z.string().optional(),
  })
  .transform((c, ctx) => {
    const name = c.name ?? c.Name;
    if (!name) {
      ctx.addIssue({ code: "custom", message: "a schema column has no name" });
      return z.NEVER;
    }
    return { name, type: c.type ?? c.Type ?? "Object" };
  });

/**
 * A result row: an open object keyed by column name. Checked as an object only: a per-key record check costs about
 * 200 ms on a 100,000-row answer, and the values are whatever the columns' types make them.
 */
const ResultRow = z.custom<Record<string, unknown>>(
  (v) => typeof v === "object" && v !== null && !Array.isArray(v),
  "a result row is not an object",
);

export const HuntingQueryResults = z.looseObject({
  schema: z.array(Column),
  results: z.array(ResultRow),
});
export type HuntingQueryResults = z.infer<typeof HuntingQueryResults>;

export interface HuntingQueryInput {
  query: string;
  /** ISO 8601 duration or interval ("P7D"); Graph applies the shorter of it and the query's own time filter. */
  timespan?: string;
  /** Aborts the call when the person cancels (the Graph request is dropped, not retried). */
  signal?: AbortSignal;
}

/** Runs one KQL query. Failures are ProviderErrors; `huntingFailure` says what kind. */
export async function runHuntingQuery(client: GraphClient, input: HuntingQueryInput): Promise<HuntingQueryResults> {
  return client.request({
    method: "POST",
    path: "/security/runHuntingQuery",
    body: { Query: input.query, ...(input.timespan ? { Timespan: input.timespan } : {}) },
    schema: HuntingQueryResults,
    signal: input.signal,
  });
}

/** Which of the two documented limits a 429 names. */
export type HuntingLimit = "calls" | "cpu";

export type HuntingFailure =
  /** Kusto refused the query (syntax, unknown name, result too large): its own words, for the person to fix. */
  | { kind: "invalid"; message: string }
  | { kind: "throttled"; limit: HuntingLimit; retryAfterMs: number; message: string }
  /** No answer in time: Graph's 504 (observed as UnknownError with an empty message) or our own timeout. */
  | { kind: "timeout"; message: string }
  | { kind: "cancelled" }
  /** Graph or the network failed (5xx, refused permission, connection lost). */
  | { kind: "failed"; status: number; message: string };

/** CPU exhaustion reads "You have exceeded processing resources allocated to this tenant…" (Graph overview). */
const CPU_MESSAGE = /processing resources|cpu/i;
/** "You can run queries again in 5 minutes and 3 seconds." (the CPU message's own retry time). */
const RUN_AGAIN_IN =
  /again in\s+(?:(\d+)\s+hours?)?(?:\s*(?:and\s+)?(\d+)\s+minutes?)?(?:\s*(?:and\s+)?(\d+)\s+seconds?)?/i;

function retryFromMessage(message: string): number | null {
  const m = RUN_AGAIN_IN.exec(message);
  if (!m || (!m[1] && !m[2] && !m[3])) return null;
  return ((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000;
}

/** A failed runHuntingQuery call, classified; anything that is not a ProviderError is a plain failure. */
export function huntingFailure(err: unknown): HuntingFailure {
  if (!(err instanceof ProviderError))
    return { kind: "failed", status: 0, message: err instanceof Error ? err.message : String(err) };
  if (err.code === "Cancelled") return { kind: "cancelled" };
  if (err.status === 429) {
    const limit: HuntingLimit = CPU_MESSAGE.test(err.message) ? "cpu" : "calls";
    const retryAfterMs = err.retryAfterMs ?? retryFromMessage(err.message) ?? (limit === "cpu" ? 15 * 60_000 : 60_000);
    return { kind: "throttled", limit, retryAfterMs, message: err.message };
  }
  if (err.status === 400) return { kind: "invalid", message: err.message };
  if (err.status === 504 || err.code === "Timeout")
    return { kind: "timeout", message: err.message && err.message !== "HTTP 504" ? err.message : "" };
  return { kind: "failed", status: err.status, message: err.message };
}
