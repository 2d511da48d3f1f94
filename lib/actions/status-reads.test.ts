import { describe, expect, it } from "vitest";
import { StatusReads, statusReadIntervalMs } from "./status-reads";
import { MemoryBudgetStore, type Budget } from "../microsoft/pacer";

const t0 = Date.parse("2026-11-26T10:00:00Z");

/** Plans one read per action in turn (as polls arrive), never side by side. */
async function planEach(reads: StatusReads, ids: string[], created: Date, opts?: { responder?: boolean }) {
  const plans = [];
  for (const id of ids) plans.push(await reads.plan(id, created, null, opts));
  return plans;
}

function clock() {
  let now = t0;
  return { now: () => now, advance: (ms: number) => void (now += ms), at: (ms: number) => new Date(t0 + ms) };
}

describe("following an action's status", () => {
  it("re-reads a fresh action every 2 s, an older one less often, and one left pending for hours once a minute", async () => {
    expect(statusReadIntervalMs(3_000)).toBe(2_000);
    expect(statusReadIntervalMs(60_000)).toBe(12_000);
    expect(statusReadIntervalMs(10 * 60_000)).toBe(60_000);
    expect(statusReadIntervalMs(3 * 86_400_000)).toBe(60_000);
  });

  it("reads when due, once however many tabs poll together, and not again before the interval for the action's age", async () => {
    const c = clock();
    const reads = new StatusReads(100, 1_000, c.now);
    const created = c.at(0);
    c.advance(2_500);
    expect(await reads.plan("a", created, c.at(0))).toEqual({ read: true });
    expect(await reads.plan("a", created, c.at(0))).toEqual({ read: false, error: null });
    reads.succeeded("a");
    c.advance(1_000);
    expect(await reads.plan("a", created, c.at(2_500))).toEqual({ read: false, error: null });
    c.advance(1_000);
    expect(await reads.plan("a", created, c.at(2_500))).toEqual({ read: true });
    // Ten minutes old and read a moment ago: next read in a minute.
    c.advance(600_000);
    expect(await reads.plan("a", created, c.at(600_000))).toEqual({ read: false, error: null });
    c.advance(61_000);
    expect(await reads.plan("a", created, c.at(600_000))).toEqual({ read: true });
  });

  it("keeps reporting a failed read until one succeeds, and waits out Defender's Retry-After", async () => {
    const c = clock();
    const reads = new StatusReads(100, 1_000, c.now);
    const created = c.at(0);
    c.advance(2_500);
    expect((await reads.plan("a", created, c.at(0))).read).toBe(true);
    reads.failed("a", "Defender is throttling status reads; next try in 30 s.", 30_000);
    c.advance(10_000);
    expect(await reads.plan("a", created, c.at(0))).toEqual({
      read: false,
      error: "Defender is throttling status reads; next try in 30 s.",
    });
    c.advance(20_000);
    expect(await reads.plan("a", created, c.at(0))).toEqual({ read: true });
    reads.succeeded("a");
    expect(await reads.plan("a", created, c.at(32_500))).toEqual({ read: false, error: null });
  });

  it("leaves response actions their share of Defender's limits: per minute and per hour", async () => {
    const c = clock();
    const reads = new StatusReads(2, 3, c.now);
    const created = c.at(0);
    c.advance(5_000);
    expect((await planEach(reads, ["a", "b", "c"], created)).map((p) => p.read)).toEqual([true, true, false]);
    c.advance(60_000);
    expect((await planEach(reads, ["c", "d"], created)).map((p) => p.read)).toEqual([true, false]);
    c.advance(3_600_000);
    expect((await reads.plan("d", created, null)).read).toBe(true);
  });
});

describe("the status-read budget under readers who cannot respond", () => {
  it("keeps half of it for responders, and says when a read was skipped", async () => {
    const c = clock();
    const reads = new StatusReads(100, 10, c.now);
    const created = c.at(0);
    c.advance(5_000);
    const viewer = await planEach(reads, ["a", "b", "c", "d", "e", "f", "g"], created, { responder: false });
    expect(viewer.map((p) => p.read)).toEqual([true, true, true, true, true, false, false]);
    expect(viewer[5]).toEqual({ read: false, error: expect.stringMatching(/kept for responders/) });
    // A responder following an isolation still gets its reads.
    expect((await planEach(reads, ["x", "y", "z"], created, { responder: true })).map((p) => p.read)).toEqual([
      true,
      true,
      true,
    ]);
  });

  it("reports a read skipped because the whole budget is used up, instead of staying silent", async () => {
    const c = clock();
    const reads = new StatusReads(1, 100, c.now);
    const created = c.at(0);
    c.advance(5_000);
    expect((await reads.plan("a", created, null)).read).toBe(true);
    expect(await reads.plan("b", created, null)).toEqual({
      read: false,
      error: expect.stringMatching(/budget .* used up/),
    });
  });
});

describe("when the budget cannot be counted", () => {
  it("refuses the read (the caller keeps the cached status) and does not count it as attempted", async () => {
    const c = clock();
    let broken = true;
    const store = new MemoryBudgetStore();
    const flaky = {
      tryTake: (budget: Budget, now: number) =>
        broken ? Promise.reject(new Error("database unavailable")) : store.tryTake(budget, now),
      used: (budget: Budget, now: number) => store.used(budget, now),
      freeIn: (budget: Budget, now: number) => store.freeIn(budget, now),
    };
    const reads = new StatusReads(100, 1_000, c.now, flaky);
    const created = c.at(0);
    c.advance(2_500);
    await expect(reads.plan("a", created, c.at(0))).rejects.toThrow("database unavailable");
    broken = false;
    // At once, not an interval later: the failed attempt was not recorded.
    expect(await reads.plan("a", created, c.at(0))).toEqual({ read: true });
  });
});
