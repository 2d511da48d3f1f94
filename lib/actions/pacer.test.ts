import { describe, expect, it } from "vitest";
import { ActionPacer } from "./pacer";

// The pacer keeps response-action POSTs under Defender's per-minute limit: a bulk scan waits for slots, a single
// action that would wait too long is refused with Retry-After instead of hanging.

describe("ActionPacer", () => {
  it("lets perWindow calls through at once, then makes the next wait for the oldest to leave the window", async () => {
    let clock = 0;
    const slept: number[] = [];
    const pacer = new ActionPacer(3, 60_000, () => clock, async (ms) => {
      slept.push(ms);
      clock += ms;
    });
    for (let i = 0; i < 3; i++) {
      await pacer.take();
      clock += 10_000;
    }
    expect(slept).toEqual([]);
    await pacer.take(); // at 30 s: the first call (at 0 s) leaves the window at 60 s
    expect(slept).toEqual([30_000]);
  });

  it("refuses a single action that would wait longer than it may, with the seconds to wait", async () => {
    const pacer = new ActionPacer(1, 60_000, () => 0, async () => {});
    await pacer.take(10_000);
    await expect(pacer.take(10_000)).rejects.toMatchObject({ status: 503, extra: { retryAfterSeconds: 60 } });
    // The refusal does not block the queue for the next caller.
    await expect(pacer.take()).resolves.toBeUndefined();
  });
});
