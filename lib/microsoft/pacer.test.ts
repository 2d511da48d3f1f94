import { describe, expect, it } from "vitest";
import { MemoryBudgetStore, Pacer, waitFor, type Budget } from "./pacer";

// A pacer keeps calls under a Microsoft per-minute (and per-hour) limit: a bulk job waits for slots, a single act
// that would wait too long is refused with Retry-After instead of hanging.

const threePerMinute: Budget = { family: "test", windows: [{ limit: 3, windowMs: 60_000 }] };
const exhausted = (s: number) => `used up; try again in ${s} s`;

function fakeClock() {
  const c = { now: 0, slept: [] as number[] };
  return { c, now: () => c.now, sleep: async (ms: number) => void (c.slept.push(ms), (c.now += ms)) };
}

describe("Pacer", () => {
  it("lets `limit` calls through at once, then makes the next wait for the oldest to leave the window", async () => {
    const { c, now, sleep } = fakeClock();
    const pacer = new Pacer(threePerMinute, new MemoryBudgetStore(), { exhausted, now, sleep });
    for (let i = 0; i < 3; i++) {
      await pacer.take();
      c.now += 10_000;
    }
    expect(c.slept).toEqual([]);
    await pacer.take(); // at 30 s: the first call (at 0 s) leaves the window at 60 s
    expect(c.slept).toEqual([30_000]);
  });

  it("refuses an act that would wait longer than it may, with the seconds to wait, and does not block the line", async () => {
    const { c, now, sleep } = fakeClock();
    const pacer = new Pacer({ family: "one", windows: [{ limit: 1, windowMs: 60_000 }] }, new MemoryBudgetStore(), {
      exhausted,
      now,
      sleep,
    });
    await pacer.take(10_000);
    await expect(pacer.take(10_000)).rejects.toMatchObject({
      status: 503,
      message: "used up; try again in 60 s",
      extra: { retryAfterSeconds: 60 },
    });
    await expect(pacer.take()).resolves.toBeUndefined();
    expect(c.slept).toEqual([60_000]);
  });

  it("two pacers on one store share the budget (two console instances on one database)", async () => {
    const { now, sleep } = fakeClock();
    const store = new MemoryBudgetStore();
    const a = new Pacer(threePerMinute, store, { exhausted, now, sleep });
    const b = new Pacer(threePerMinute, store, { exhausted, now, sleep });
    await a.take();
    await b.take();
    await a.take();
    expect(await b.tryTake()).toBe(false);
    expect(await a.used()).toEqual([3]);
  });
});

describe("waitFor", () => {
  it("honours every window: a free minute does not help when the hour is full", () => {
    const budget: Budget = {
      family: "x",
      windows: [
        { limit: 2, windowMs: 60_000 },
        { limit: 3, windowMs: 3_600_000 },
      ],
    };
    expect(waitFor(budget, [0, 1_000], 120_000)).toBe(0);
    expect(waitFor(budget, [0, 1_000, 2_000], 120_000)).toBe(3_600_000 - 120_000);
    expect(waitFor(budget, [100_000, 110_000], 120_000)).toBe(40_000);
  });
});
