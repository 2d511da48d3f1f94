import { describe, expect, it } from "vitest";
import { afterQuietHours, backoffMs, ruleMatches, scheduleFor, type MatchableRule } from "./matching";
import { RuleFilter } from "./schemas";

const rule = (over: Partial<MatchableRule> = {}): MatchableRule => ({
  id: "r1",
  eventType: "alert.created",
  filter: RuleFilter.parse({}),
  digest: "immediate",
  quietHours: null,
  timeZone: "UTC",
  ...over,
});
const alert = (payload: Record<string, unknown>) => ({
  type: "alert.created",
  payload: { title: "t", summary: "", path: "/alerts/1", ...payload },
});

describe("ruleMatches", () => {
  it("matches its event type only; an empty filter takes every event of that type", () => {
    expect(ruleMatches(rule(), alert({ severity: "Low" }))).toBe(true);
    expect(ruleMatches(rule({ eventType: "incident.created" }), alert({}))).toBe(false);
  });
  it("needs every filled facet to match (any listed value, case-insensitive)", () => {
    const r = rule({ filter: RuleFilter.parse({ severities: ["High"], deviceGroups: ["Finance", "Servers"] }) });
    expect(ruleMatches(r, alert({ severity: "high", deviceGroup: "Servers" }))).toBe(true);
    expect(ruleMatches(r, alert({ severity: "High", deviceGroup: "Lab" }))).toBe(false);
    expect(ruleMatches(r, alert({ severity: "High" }))).toBe(false);
  });
  it("sync failing: only once it has failed for the rule's minutes", () => {
    const r = rule({ eventType: "sync.failing", filter: RuleFilter.parse({ syncFailingMinutes: 30 }) });
    const failing = (m: number) => ({
      type: "sync.failing",
      payload: { title: "", summary: "", path: "/sync", failingMinutes: m },
    });
    expect(ruleMatches(r, failing(29))).toBe(false);
    expect(ruleMatches(r, failing(30))).toBe(true);
  });
});

describe("scheduleFor", () => {
  const now = new Date("2026-12-06T10:07:30Z");
  it("sends an immediate rule now", () => {
    expect(scheduleFor(rule(), now)).toEqual({ nextAttemptAt: now, digestKey: null });
  });
  it("holds a digest rule to the end of its window, one key per window", () => {
    const a = scheduleFor(rule({ digest: "15m" }), now);
    const b = scheduleFor(rule({ digest: "15m" }), new Date("2026-12-06T10:14:59Z"));
    expect(a.nextAttemptAt.toISOString()).toBe("2026-12-06T10:15:00.000Z");
    expect(b.digestKey).toBe(a.digestKey);
    expect(scheduleFor(rule({ digest: "1h" }), now).nextAttemptAt.toISOString()).toBe("2026-12-06T11:00:00.000Z");
  });
});

describe("afterQuietHours", () => {
  it("waits until the quiet hours end, in the rule's time zone, across midnight", () => {
    // 23:30 in Paris (UTC+1 in December) is inside 22:00–07:00; it ends at 07:00 Paris = 06:00 UTC.
    const at = new Date("2026-12-06T22:30:00Z");
    expect(afterQuietHours(at, { start: "22:00", end: "07:00" }, "Europe/Paris").toISOString()).toBe(
      "2026-12-07T06:00:00.000Z",
    );
  });
  it("leaves a time outside the quiet hours alone", () => {
    const at = new Date("2026-12-06T12:00:00Z");
    expect(afterQuietHours(at, { start: "22:00", end: "07:00" }, "Europe/Paris")).toEqual(at);
  });
});

describe("backoffMs", () => {
  it("doubles per attempt, with jitter of ±20 %, capped at 30 minutes", () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4].map((n) => backoffMs(n, 10_000, mid))).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect(backoffMs(1, 10_000, () => 0)).toBe(8_000);
    expect(backoffMs(30, 10_000, mid)).toBe(30 * 60_000);
  });
});
