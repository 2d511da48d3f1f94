// Advanced hunting: Microsoft Graph `POST /security/runHuntingQuery` ("runHuntingQuery", v1.0 and beta), the beta
// schema API (`getHuntingSchemaTables`), and the legacy MDE `/api/advancedqueries/run` ("Advanced Hunting API") and
// XDR `/api/advancedhunting/run` ("Microsoft Defender XDR Advanced hunting API") routes, all on one KQL engine.
// Quotas follow the Graph security API overview ("Use the advanced hunting API"): 45 calls per minute per tenant,
// a CPU budget per 15-minute cycle, 100,000 rows, 50 MB results, a 3-minute timeout.
import type { ApiEnv } from "../api-env";
import { DAY_MS } from "../clock";
import { readJsonObject } from "../http/body";
import type { RequestContext } from "../http/context";
import { ApiError } from "../http/errors";
import { sendBody, sendJson, PLAIN_JSON } from "../http/respond";
import type { RouteDef } from "../http/router";
import { runHunting, type HuntingResult } from "../hunting/engine";
import { API_TYPE, HUNTING_TABLES } from "../hunting/schema";

const CALLS_PER_MINUTE = 45;
const CYCLE_MS = 15 * 60_000;
const DEFAULT_CPU_BUDGET = 200_000_000;
const GRAPH_TIMEOUT_MS = 3 * 60_000;
const RESULT_SIZE_LIMIT = 50 * 1024 * 1024;
const LEGACY_RESULT_SIZE_LIMIT = 124 * 1024 * 1024;
const RETENTION_MS = 30 * DAY_MS;

type Flavour = "graph" | "mde" | "xdr";

/** Calls in the last minute and CPU used in the current 15-minute cycle, for the whole tenant. */
class HuntingQuota {
  private calls: number[] = [];
  private cycleStart = 0;
  private used = 0;

  reset(): void {
    this.calls = [];
    this.used = 0;
  }

  /** Counts the call, or says how many seconds to wait. */
  admit(now: number, budget: number): { ok: true } | { ok: false; retryAfterSec: number; reason: "calls" | "cpu" } {
    this.calls = this.calls.filter((t) => t > now - 60_000);
    if (this.calls.length >= CALLS_PER_MINUTE)
      return {
        ok: false,
        retryAfterSec: Math.max(1, Math.ceil((this.calls[0]! + 60_000 - now) / 1000)),
        reason: "calls",
      };
    const cycle = Math.floor(now / CYCLE_MS) * CYCLE_MS;
    if (cycle !== this.cycleStart) {
      this.cycleStart = cycle;
      this.used = 0;
    }
    if (this.used >= budget)
      return { ok: false, retryAfterSec: Math.max(1, Math.ceil((cycle + CYCLE_MS - now) / 1000)), reason: "cpu" };
    this.calls.push(now);
    return { ok: true };
  }

  charge(units: number): void {
    this.used += units;
  }
}

function durationText(sec: number): string {
  const m = Math.floor(sec / 60);
  const s = sec % 60;
  return m
    ? `${m} minute${m === 1 ? "" : "s"}${s ? ` and ${s} second${s === 1 ? "" : "s"}` : ""}`
    : `${s} second${s === 1 ? "" : "s"}`;
}

/** ISO 8601 duration (P30D, PT12H, P1DT2H) → ms. */
function isoDuration(text: string): number | null {
  const m =
    /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(
      text.trim(),
    );
  if (!m || text.trim().toUpperCase() === "P") return null;
  const [, w, d, h, mi, s] = m.map((x) => (x === undefined ? 0 : Number(x)));
  return (
    (((w as number) * 7 + (d as number)) * 24 * 3600 + (h as number) * 3600 + (mi as number) * 60 + (s as number)) *
    1000
  );
}

/** The Timespan forms of "runHuntingQuery": start/end, P30D/end, start/P30D, P30D, or a start date (end = now). */
export function parseHuntingTimespan(text: string | undefined, now: number): [number, number] | null {
  if (text === undefined || text === "") return [now - RETENTION_MS, now];
  const parts = text.split("/");
  const point = (s: string) => {
    const ms = Date.parse(s.trim());
    return Number.isNaN(ms) ? null : ms;
  };
  if (parts.length === 1) {
    const d = isoDuration(parts[0]!);
    if (d !== null) return [now - d, now];
    const start = point(parts[0]!);
    return start === null ? null : [start, now];
  }
  if (parts.length !== 2) return null;
  const [a, b] = parts as [string, string];
  const da = isoDuration(a);
  const db = isoDuration(b);
  if (da !== null) {
    const end = point(b);
    return end === null ? null : [end - da, end];
  }
  const start = point(a);
  if (start === null) return null;
  if (db !== null) return [start, start + db];
  const end = point(b);
  return end === null ? null : [start, end];
}

function bodyValue(body: Record<string, unknown>, key: string): unknown {
  const k = Object.keys(body).find((x) => x.toLowerCase() === key.toLowerCase());
  return k === undefined ? undefined : body[k];
}

export function huntingRoutes(env: ApiEnv): RouteDef[] {
  const quota = new HuntingQuota();
  let faultSpec = env.faults.spec;

  const run = async (ctx: RequestContext, flavour: Flavour): Promise<void> => {
    const faults = env.faults.spec;
    if (faults !== faultSpec) {
      faultSpec = faults;
      quota.reset();
    }
    if (flavour !== "graph" && faults.legacyHuntingRetired) {
      // MC1220762: the legacy advanced hunting APIs stop returning data on 1 February 2027.
      throw new ApiError(
        410,
        "Gone",
        "This advanced hunting API has been retired (MC1220762). Use Microsoft Graph runHuntingQuery (POST https://graph.microsoft.com/v1.0/security/runHuntingQuery) instead.",
      );
    }
    const body = await readJsonObject(ctx.req);
    const query = bodyValue(body, "Query");
    if (typeof query !== "string" || !query.trim()) {
      throw new ApiError(
        400,
        flavour === "graph" ? "graph:BadRequest" : "BadRequest",
        "The Query parameter is required.",
      );
    }
    const now = env.clock.now();
    const timespan = flavour === "graph" ? bodyValue(body, "Timespan") : undefined;
    if (timespan !== undefined && typeof timespan !== "string")
      throw new ApiError(400, "graph:BadRequest", "Timespan must be an ISO 8601 time interval, e.g. P30D.");
    const window = parseHuntingTimespan(timespan, now);
    if (!window)
      throw new ApiError(
        400,
        "graph:BadRequest",
        `Invalid Timespan '${String(timespan)}': expected an ISO 8601 time interval.`,
      );
    const admitted = quota.admit(Date.now(), faults.huntingCpuBudget ?? DEFAULT_CPU_BUDGET);
    if (!admitted.ok) {
      const message =
        admitted.reason === "cpu"
          ? `You have exceeded processing resources allocated to this tenant. You can run queries again in ${durationText(admitted.retryAfterSec)}.`
          : `API calls quota exceeded! Maximum allowed ${CALLS_PER_MINUTE} per 00:01:00 for the key TenantID. You can send requests again in ${admitted.retryAfterSec} seconds.`;
      throw new ApiError(429, flavour === "graph" ? "graph:TooManyRequests" : "TooManyRequests", message, {
        "Retry-After": String(admitted.retryAfterSec),
      });
    }
    // Data is kept for 30 days; the shorter of the Timespan and the query's own time filter applies.
    const from = Math.max(window[0], now - RETENTION_MS);
    const to = Math.min(window[1], now);
    const outcome = runHunting(query, {
      now,
      from,
      to,
      timeoutMs: faults.huntingTimeoutMs ?? (flavour === "mde" ? 200_000 : GRAPH_TIMEOUT_MS),
      openTable: (name, qctx, range) => env.huntingData().open(name, qctx, range),
    });
    const badRequest = flavour === "graph" ? "graph:BadRequest" : "BadRequest";
    if ("kind" in outcome) {
      switch (outcome.kind) {
        case "syntax":
        case "runtime":
          throw new ApiError(400, badRequest, outcome.message);
        case "unsupported":
          throw new ApiError(400, badRequest, `Query could not be run: ${outcome.message}`);
        case "timeout":
          // Observed on Graph: 504 with code UnknownError and an empty message (microsoft-graph-docs-contrib #1446).
          if (flavour === "graph") throw new ApiError(504, "graph:UnknownError", "");
          throw new ApiError(400, "BadRequest", "Query exceeded the timeout period.");
      }
    }
    const result = outcome as HuntingResult;
    quota.charge(result.scanned + result.results.length);
    await respond(ctx, flavour, result);
  };

  const respond = async (ctx: RequestContext, flavour: Flavour, r: HuntingResult): Promise<void> => {
    let text: string;
    if (flavour === "graph") {
      text = JSON.stringify({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.security.huntingQueryResults",
        schema: r.schema,
        results: r.results,
      });
      if (Buffer.byteLength(text) > RESULT_SIZE_LIMIT)
        throw new ApiError(
          400,
          "graph:BadRequest",
          'Result size limit exceeded. Use "summarize" to aggregate results, "project" to drop uninteresting columns, or "take" to truncate results.',
        );
      return sendBody(ctx, 200, text, PLAIN_JSON);
    }
    const Schema = r.schema.map((c) => ({ Name: c.name, Type: c.type }));
    const payload: Record<string, unknown> =
      flavour === "xdr"
        ? {
            Stats: {
              ExecutionTime: r.elapsedMs / 1000,
              resource_usage: {
                cache: { memory: null, disk: null },
                cpu: { user: "00:00:00", kernel: "00:00:00", "total cpu": "00:00:00" },
                memory: { peak_per_node: 0 },
              },
              dataset_statistics: [{ table_row_count: r.results.length, table_size: 0 }],
            },
            Schema,
            Results: r.results,
          }
        : { Schema, Results: r.results };
    text = JSON.stringify(payload);
    if (Buffer.byteLength(text) > LEGACY_RESULT_SIZE_LIMIT)
      throw new ApiError(
        400,
        "BadRequest",
        "Query execution has exceeded the allowed result size. Optimize your query by limiting the number of results and try again",
      );
    return sendBody(ctx, 200, text, PLAIN_JSON);
  };

  const schemaTables = async (ctx: RequestContext): Promise<void> => {
    const top = ctx.query.get("$top");
    const tables = HUNTING_TABLES.map((t) => ({
      name: t.name,
      description: t.description,
      columns: t.columns.map((c) => ({ name: c.name, dataType: API_TYPE[c.type] ?? "Object", description: "" })),
    }));
    await sendJson(ctx, 200, {
      "@odata.context":
        "https://graph.microsoft.com/beta/$metadata#Collection(microsoft.graph.security.huntingTableSchema)",
      value: top ? tables.slice(0, Math.max(0, Number(top) || 0)) : tables,
    });
  };

  return [
    {
      method: "POST",
      template: "/api/advancedqueries/run",
      surface: "mde",
      family: "hunting",
      permissions: ["AdvancedQuery.Read.All"],
      handler: (ctx) => run(ctx, "mde"),
    },
    {
      method: "POST",
      template: "/api/advancedhunting/run",
      surface: "mde",
      family: "hunting",
      permissions: ["AdvancedHunting.Read.All"],
      handler: (ctx) => run(ctx, "xdr"),
    },
    ...["/v1.0", "/beta"].map((prefix): RouteDef => ({
      method: "POST",
      template: `${prefix}/security/runHuntingQuery`,
      surface: "graph",
      family: "hunting",
      permissions: ["ThreatHunting.Read.All"],
      handler: (ctx) => run(ctx, "graph"),
    })),
    {
      method: "GET",
      template: "/beta/security/getHuntingSchemaTables",
      surface: "graph",
      family: "hunting",
      permissions: ["ThreatHunting.Read.All"],
      handler: schemaTables,
    },
  ];
}
