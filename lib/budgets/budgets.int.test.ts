import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableTestDatabases, createTestDatabase, type TestDatabase } from "../db/testing";
import { Pacer, type Budget } from "../microsoft/pacer";
import { DatabaseBudgetStore } from "./database-store";
import { budgetStore } from "./index";
import { MemoryBudgetStore } from "../microsoft/pacer";
import { getDatabase } from "../db";

// Several console instances on one PostgreSQL must together stay within Microsoft's per-application limits: the
// budget is counted in the database, under a lock, per tenant.

const kinds = await availableTestDatabases();

describe.each(kinds)("shared call budgets (%s)", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.close();
  });

  const budget: Budget = {
    family: "test.family",
    windows: [
      { limit: 5, windowMs: 60_000 },
      { limit: 8, windowMs: 3_600_000 },
    ],
  };
  const exhausted = (s: number) => `try again in ${s} s`;

  it("two instances racing for the same budget take exactly the limit, and the refused are told how long to wait", async () => {
    const now = Date.UTC(2026, 11, 4, 12, 0, 0);
    const one = new Pacer(budget, new DatabaseBudgetStore(() => database.prisma, "tenant-a"), {
      exhausted,
      now: () => now,
    });
    const two = new Pacer(budget, new DatabaseBudgetStore(() => database.prisma, "tenant-a"), {
      exhausted,
      now: () => now,
    });
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? one : two).tryTake()));
    expect(results.filter(Boolean)).toHaveLength(5);
    expect(await one.used()).toEqual([5, 5]);
    await expect(two.take(1_000)).rejects.toMatchObject({ status: 503, extra: { retryAfterSeconds: 60 } });
  });

  it("a minute later the per-minute window has room, until the hourly one is full", async () => {
    const later = Date.UTC(2026, 11, 4, 12, 1, 1);
    const pacer = new Pacer(budget, new DatabaseBudgetStore(() => database.prisma, "tenant-a"), {
      exhausted,
      now: () => later,
    });
    const taken = [await pacer.tryTake(), await pacer.tryTake(), await pacer.tryTake(), await pacer.tryTake()];
    expect(taken).toEqual([true, true, true, false]);
    expect(await pacer.used()).toEqual([3, 8]);
  });

  it("the console counts in the database only where several instances can share it (PostgreSQL), in memory on the embedded one", async () => {
    getDatabase.replaceForTests(database);
    budgetStore.replaceForTests(undefined);
    try {
      expect(budgetStore()).toBeInstanceOf(kind === "pglite" ? MemoryBudgetStore : DatabaseBudgetStore);
    } finally {
      budgetStore.replaceForTests(undefined);
    }
  });

  it("another tenant has its own budget", async () => {
    const pacer = new Pacer(budget, new DatabaseBudgetStore(() => database.prisma, "tenant-b"), {
      exhausted,
      now: () => Date.UTC(2026, 11, 4, 12, 1, 1),
    });
    expect(await pacer.tryTake()).toBe(true);
  });
});
