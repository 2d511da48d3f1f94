import { describe, expect, it } from "vitest";
import { StatusReadBudget, statusReadDue, statusReadIntervalMs, STATUS_READS_PER_MINUTE } from "./status-reads";
import { ACTION_POSTS_PER_MINUTE } from "./pacer";

const t0 = Date.parse("2026-11-26T10:00:00Z");

describe("following an action's status", () => {
  it("re-reads a fresh action every 1.5 s, an older one less often, and one left pending for hours once a minute", () => {
    expect(statusReadIntervalMs(2_000)).toBe(1_500);
    expect(statusReadIntervalMs(60_000)).toBe(6_000);
    expect(statusReadIntervalMs(10 * 60_000)).toBe(60_000);
    expect(statusReadIntervalMs(3 * 86_400_000)).toBe(60_000);
  });

  it("is due when never read, or when the interval for its age has passed since the last read", () => {
    const created = new Date(t0);
    expect(statusReadDue(created, null, t0 + 100)).toBe(true);
    expect(statusReadDue(created, new Date(t0 + 1_000), t0 + 2_000)).toBe(false);
    expect(statusReadDue(created, new Date(t0 + 1_000), t0 + 2_600)).toBe(true);
    // Ten minutes old: one read a minute.
    expect(statusReadDue(created, new Date(t0 + 600_000), t0 + 630_000)).toBe(false);
    expect(statusReadDue(created, new Date(t0 + 600_000), t0 + 661_000)).toBe(true);
  });

  it("leaves the response actions their share of Defender's 100 calls a minute", () => {
    expect(STATUS_READS_PER_MINUTE + ACTION_POSTS_PER_MINUTE).toBe(100);
    let now = t0;
    const budget = new StatusReadBudget(3, 60_000, () => now);
    expect([budget.tryTake(), budget.tryTake(), budget.tryTake(), budget.tryTake()]).toEqual([true, true, true, false]);
    now += 59_999;
    expect(budget.tryTake()).toBe(false);
    now += 1;
    expect(budget.tryTake()).toBe(true);
  });
});
