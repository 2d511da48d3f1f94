import { describe, expect, it } from "vitest";
import { SecurityEventLog, type Denial } from "./security-events";

// Recording refusals must not become the denial of service: rows per minute stay bounded however the attacker
// varies tokens, paths or addresses, and the counts stay exact.

function log() {
  const rows: { actorId: string; params: { count: number; reason: string; folded?: boolean } }[] = [];
  let now = 1_000_000;
  const events = new SecurityEventLog(
    async (data) => void rows.push(data as never),
    () => now,
  );
  return { rows, events, tick: (ms: number) => (now += ms) };
}

const denial = (i: number, extra: Partial<Denial> = {}): Denial => ({
  reason: "token_unknown",
  status: 401,
  method: "GET",
  path: "/api/me",
  actor: null,
  tokenPrefix: `P${String(i).padStart(7, "0")}`,
  ip: `203.0.113.${i % 250}`,
  requestId: `r${i}`,
  message: "invalid",
  ...extra,
});

describe("SecurityEventLog", () => {
  it("writes identical refusals once a minute, with the repeats as one counted row", async () => {
    const { rows, events, tick } = log();
    for (let i = 0; i < 500; i++) await events.record(denial(1));
    expect(rows).toHaveLength(1);
    tick(61_000);
    await events.record(denial(1));
    expect(rows.map((r) => r.params.count)).toEqual([1, 499, 1]);
  });

  it("folds refusals beyond 200 distinct callers a minute into one row per reason", async () => {
    const { rows, events } = log();
    for (let i = 0; i < 5000; i++) await events.record(denial(i));
    await events.flush();
    expect(rows.length).toBeLessThanOrEqual(202);
    expect(rows.reduce((sum, r) => sum + r.params.count, 0)).toBe(5000);
    expect(rows.filter((r) => r.params.folded).length).toBeGreaterThan(0);
  });
});
