import type { PrismaClient } from "../db";
import { DatabaseBudgetStore, type Budget, type BudgetStore } from "../budgets";
import type { HuntingLimit } from "../graph";
import { AppError } from "../http/errors";
import { HUNTING_CALLS_PER_MINUTE, type QuotaState } from "./schemas";

// The tenant's advanced hunting quota, as every console user and instance sees it: calls in the last minute (counted
// in the database through lib/budgets, so several instances add up) and the two refusals Graph may answer with 429
// ("Use the advanced hunting API", Graph security API overview): the per-minute call limit and the CPU budget of the
// current 15-minute cycle, kept until when Graph said. The console refuses a run itself when either is spent, so a
// team sees the budget before Graph has to say no.

export const HUNTING_BUDGET: Budget = {
  family: "graph.runHuntingQuery",
  windows: [{ limit: HUNTING_CALLS_PER_MINUTE, windowMs: 60_000 }],
};

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const later = (...ms: (number | null)[]) => {
  const known = ms.filter((m): m is number => m !== null);
  return known.length ? Math.max(...known) : null;
};

/** "in 42 s", "in 4 min 10 s": how long to wait, as a person reads it. */
export function waitText(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  if (s < 60) return `${s} s`;
  return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ""}`;
}

/** 429 with Retry-After: the tenant's quota is spent; the body says which limit, when, and the meter's state. */
export class HuntingQuotaExceeded extends AppError {
  constructor(message: string, retryAfterMs: number, limit: HuntingLimit, quota: QuotaState) {
    super(429, "hunting_quota", message, {
      retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)),
      details: { limit, quota },
    });
  }
}

export class HuntingQuotaMeter {
  private readonly store: BudgetStore;

  constructor(
    private readonly prisma: () => PrismaClient,
    private readonly tenantId: string,
    private readonly now: () => number = Date.now,
  ) {
    this.store = new DatabaseBudgetStore(prisma, tenantId);
  }

  /** Until when Graph refused, per limit, where that is still ahead. */
  private async refusals(nowMs: number): Promise<Record<HuntingLimit, number | null>> {
    const rows = await this.prisma().huntingThrottle.findMany({
      where: { tenantId: this.tenantId, until: { gt: new Date(nowMs) } },
    });
    const until = (limit: HuntingLimit) => rows.find((r) => r.limit === limit)?.until.getTime() ?? null;
    return { calls: until("calls"), cpu: until("cpu") };
  }

  async state(nowMs = this.now()): Promise<QuotaState> {
    const [[used], freeIn, refused] = await Promise.all([
      this.store.used(HUNTING_BUDGET, nowMs),
      this.store.freeIn(HUNTING_BUDGET, nowMs),
      this.refusals(nowMs),
    ]);
    const callsAt = later(freeIn > 0 ? nowMs + freeIn : null, refused.calls);
    return {
      callsLastMinute: Math.min(used ?? 0, HUNTING_CALLS_PER_MINUTE),
      callsPerMinute: HUNTING_CALLS_PER_MINUTE,
      cpu: { exhausted: refused.cpu !== null, retryAt: iso(refused.cpu) },
      retryAt: iso(later(callsAt, refused.cpu)),
    };
  }

  /** Takes one call of the minute's budget, or refuses before anything is sent to Graph. */
  async admit(): Promise<void> {
    const nowMs = this.now();
    const refused = await this.refusals(nowMs);
    if (refused.cpu !== null) throw await this.exceeded("cpu", refused.cpu - nowMs, nowMs);
    if (refused.calls !== null) throw await this.exceeded("calls", refused.calls - nowMs, nowMs);
    const wait = await this.store.tryTake(HUNTING_BUDGET, nowMs);
    if (wait > 0) throw await this.exceeded("calls", wait, nowMs);
  }

  /** Graph answered 429: every instance holds back until the time it named. */
  async refusedByGraph(limit: HuntingLimit, retryAfterMs: number, graphSaid: string): Promise<HuntingQuotaExceeded> {
    const nowMs = this.now();
    const until = new Date(nowMs + retryAfterMs);
    await this.prisma().huntingThrottle.upsert({
      where: { tenantId_limit: { tenantId: this.tenantId, limit } },
      create: { tenantId: this.tenantId, limit, until },
      update: { until },
    });
    return this.exceeded(limit, retryAfterMs, nowMs, graphSaid);
  }

  private async exceeded(
    limit: HuntingLimit,
    waitMs: number,
    nowMs: number,
    graphSaid?: string,
  ): Promise<HuntingQuotaExceeded> {
    const when = `${new Date(nowMs + waitMs).toISOString().slice(11, 19)} UTC, in ${waitText(waitMs)}`;
    const said = graphSaid ? ` Microsoft Graph said: ${graphSaid}` : " Nothing was sent to Microsoft Graph.";
    const message =
      limit === "cpu"
        ? `The tenant's advanced hunting CPU quota for this 15-minute cycle is used up; queries can run again at ${when}.${said}`
        : `The tenant's ${HUNTING_CALLS_PER_MINUTE} advanced hunting queries a minute are used up (everyone using this console shares them); run again at ${when}.${said}`;
    return new HuntingQuotaExceeded(message, waitMs, limit, await this.state(nowMs));
  }
}
