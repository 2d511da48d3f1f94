import type { PrismaClient } from "../db";
import type { Budget, BudgetStore } from "../microsoft/pacer";

// Calls taken against a Microsoft limit, counted in the database so every console instance sees the others'.
// Each take runs in one transaction under an advisory lock on (tenant, family): two instances never both take the
// last slot. Per window, the limit-th newest call decides: while it is inside the window, the window is full, and
// a slot frees when it leaves.

const isoAt = (ms: number) => new Date(ms).toISOString();

/** A take is a few indexed statements; waiting longer than this for a connection means the pool is exhausted. */
const TAKE_TRANSACTION = { maxWait: 10_000, timeout: 10_000 };

export class DatabaseBudgetStore implements BudgetStore {
  constructor(
    private readonly prisma: () => PrismaClient,
    private readonly tenantId: string,
  ) {}

  async tryTake(budget: Budget, nowMs: number): Promise<number> {
    const longest = Math.max(...budget.windows.map((w) => w.windowMs));
    return this.prisma().$transaction(async (tx) => {
      await tx.$queryRawUnsafe(
        `SELECT pg_advisory_xact_lock(hashtext($1))::text`,
        `budget:${this.tenantId}:${budget.family}`,
      );
      const wait = await this.waitIn(tx, budget, nowMs);
      if (wait > 0) return wait;
      await tx.$executeRawUnsafe(
        `DELETE FROM "ProviderCall" WHERE "tenantId" = $1 AND "family" = $2 AND "takenAt" <= $3::timestamptz`,
        this.tenantId,
        budget.family,
        isoAt(nowMs - longest),
      );
      await tx.$executeRawUnsafe(
        `INSERT INTO "ProviderCall" ("tenantId", "family", "takenAt") VALUES ($1, $2, $3::timestamptz)`,
        this.tenantId,
        budget.family,
        isoAt(nowMs),
      );
      return 0;
    }, TAKE_TRANSACTION);
  }

  freeIn(budget: Budget, nowMs: number): Promise<number> {
    return this.waitIn(this.prisma(), budget, nowMs);
  }

  /** Per window, the limit-th newest call still inside it keeps the window full until it leaves. */
  private async waitIn(tx: Pick<PrismaClient, "$queryRawUnsafe">, budget: Budget, nowMs: number): Promise<number> {
    let wait = 0;
    for (const w of budget.windows) {
      const full = await tx.$queryRawUnsafe<{ takenAt: Date }[]>(
        `SELECT "takenAt" FROM "ProviderCall" WHERE "tenantId" = $1 AND "family" = $2 AND "takenAt" > $3::timestamptz
         ORDER BY "takenAt" DESC OFFSET $4 LIMIT 1`,
        this.tenantId,
        budget.family,
        isoAt(nowMs - w.windowMs),
        w.limit - 1,
      );
      if (full[0]) wait = Math.max(wait, full[0].takenAt.getTime() + w.windowMs - nowMs);
    }
    return wait;
  }

  async used(budget: Budget, nowMs: number): Promise<number[]> {
    const counts: number[] = [];
    for (const w of budget.windows) {
      const [row] = await this.prisma().$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM "ProviderCall" WHERE "tenantId" = $1 AND "family" = $2 AND "takenAt" > $3::timestamptz`,
        this.tenantId,
        budget.family,
        isoAt(nowMs - w.windowMs),
      );
      counts.push(row?.n ?? 0);
    }
    return counts;
  }
}
