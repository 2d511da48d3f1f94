import { createHash } from "node:crypto";
import type { Actor } from "../auth/actor";
import type { PrismaClient } from "../db";
import { HUNTING_ROW_CAP, huntingFailure, runHuntingQuery, type GraphClient } from "../graph";
import { AppError, UpstreamError } from "../http/errors";
import { HuntingQuotaExceeded, HuntingQuotaMeter } from "./quota";
import type { HuntingHistoryRun, HuntingOutcome, HuntingRunInput, HuntingRunResult, QuotaState } from "./schemas";

// Running a hunting query for a person: the shared quota first (refused locally when spent), then Graph, then one
// history row whatever happened. Runs are reads: they are recorded in the runner's history, not in the audit log.

export interface HuntingServiceOptions {
  prisma: () => PrismaClient;
  tenantId: string;
  graph: () => GraphClient;
  now?: () => number;
}

/** The text of a run's query, fingerprinted so the same query can be found again in everyone's history. */
export function queryHash(query: string): string {
  return createHash("sha256").update(query, "utf8").digest("hex");
}

/** Kusto refused the query: its own words (line and column included), for the person to fix. */
export class InvalidKql extends AppError {
  constructor(message: string) {
    super(400, "kql_invalid", message || "Microsoft Graph refused the query without saying why.");
  }
}

/** Graph gave no answer within its 3-minute limit. */
export class HuntingTimeout extends AppError {
  constructor(message: string) {
    super(
      504,
      "hunting_timeout",
      `Advanced hunting did not answer in time (Microsoft Graph allows a query 3 minutes). Narrow the time range, filter earlier or summarize.${message ? ` Microsoft Graph said: ${message}` : ""}`,
    );
  }
}

/** The person cancelled: nobody reads this answer, but the run is recorded as ended. */
class HuntingCancelled extends AppError {
  constructor() {
    super(499, "cancelled", "The query was cancelled.");
  }
}

export class HuntingService {
  readonly meter: HuntingQuotaMeter;
  private readonly now: () => number;

  constructor(private readonly opts: HuntingServiceOptions) {
    this.now = opts.now ?? Date.now;
    this.meter = new HuntingQuotaMeter(opts.prisma, opts.tenantId, this.now);
  }

  quota(): Promise<QuotaState> {
    return this.meter.state();
  }

  async run(actor: Actor, input: HuntingRunInput, signal?: AbortSignal): Promise<HuntingRunResult> {
    const started = this.now();
    const record = (outcome: HuntingOutcome, rowCount: number | null, error: string | null) =>
      this.opts.prisma().huntingRun.create({
        data: {
          tenantId: this.opts.tenantId,
          actorId: actor.id,
          actorName: actor.name,
          at: new Date(started),
          query: input.query,
          queryHash: queryHash(input.query),
          timespan: input.timespan,
          rowCount,
          durationMs: Math.max(0, Math.round(this.now() - started)),
          outcome,
          error: error?.slice(0, 2_000) ?? null,
        },
      });
    try {
      await this.meter.admit();
    } catch (refusal) {
      if (refusal instanceof HuntingQuotaExceeded) await record("throttled", null, refusal.message);
      throw refusal;
    }
    try {
      const answer = await runHuntingQuery(this.opts.graph(), { query: input.query, timespan: input.timespan, signal });
      const durationMs = Math.round(this.now() - started);
      await record("ok", answer.results.length, null);
      return {
        columns: answer.schema,
        rows: answer.results,
        rowCount: answer.results.length,
        truncated: answer.results.length >= HUNTING_ROW_CAP,
        durationMs,
        quota: await this.meter.state(),
      };
    } catch (err) {
      const failure = huntingFailure(err);
      switch (failure.kind) {
        case "invalid":
          await record("invalid", null, failure.message);
          throw new InvalidKql(failure.message);
        case "throttled": {
          const refusal = await this.meter.refusedByGraph(failure.limit, failure.retryAfterMs, failure.message);
          await record("throttled", null, refusal.message);
          throw refusal;
        }
        case "timeout": {
          const timeout = new HuntingTimeout(failure.message);
          await record("failed", null, timeout.message);
          throw timeout;
        }
        case "cancelled":
          await record("failed", null, "cancelled");
          throw new HuntingCancelled();
        case "failed": {
          const said = failure.message ? ` Microsoft Graph said: ${failure.message}` : "";
          const error =
            failure.status === 401 || failure.status === 403
              ? new UpstreamError(
                  `The console's app registration may not run advanced hunting queries (it needs the Microsoft Graph application permission ThreatHunting.Read.All).${said}`,
                  failure.status,
                )
              : new UpstreamError(
                  failure.status === 0
                    ? `Microsoft Graph could not be reached for the hunting query.${said}`
                    : `Microsoft Graph failed (${failure.status}) on the hunting query.${said}`,
                  failure.status,
                );
          await record("failed", null, error.message);
          throw error;
        }
      }
    }
  }

  /** The person's own runs, newest first. */
  async history(actor: Actor, limit: number): Promise<HuntingHistoryRun[]> {
    const runs = await this.opts.prisma().huntingRun.findMany({
      where: { tenantId: this.opts.tenantId, actorId: actor.id },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: limit,
    });
    return runs.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      query: r.query,
      queryHash: r.queryHash,
      timespan: r.timespan,
      rowCount: r.rowCount,
      durationMs: r.durationMs,
      outcome: r.outcome as HuntingOutcome,
      ...(r.error ? { error: r.error } : {}),
    }));
  }
}
