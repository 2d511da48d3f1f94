import { describe, expect, it } from "vitest";
import { shortDuration, slaState } from "./sla";

describe("slaState", () => {
  const created = "2026-11-26T10:00:00Z";
  const due = "2026-11-26T11:00:00Z"; // a one-hour clock
  const at = (iso: string) => Date.parse(iso);
  it("counts down, turns near in the last quarter, then breached", () => {
    expect(slaState(due, "New", created, at("2026-11-26T10:30:00Z"))).toEqual({
      kind: "left",
      ms: 30 * 60_000,
      near: false,
    });
    expect(slaState(due, "InProgress", created, at("2026-11-26T10:50:00Z"))).toMatchObject({
      kind: "left",
      near: true,
    });
    expect(slaState(due, "New", created, at("2026-11-26T12:00:00Z"))).toEqual({ kind: "breached", ms: 3_600_000 });
  });
  it("has no clock without a deadline, and is met once resolved", () => {
    expect(slaState(null, "New", created, at(created))).toEqual({ kind: "none" });
    expect(slaState(due, "Resolved", created, at("2026-11-27T00:00:00Z"))).toEqual({ kind: "met" });
  });
});

describe("shortDuration", () => {
  it.each([
    [45_000, "45s"],
    [12 * 60_000, "12m"],
    [185 * 60_000, "3h 5m"],
    [52 * 3_600_000, "2d 4h"],
    [72 * 3_600_000, "3d"],
  ])("%d ms → %s", (ms, text) => expect(shortDuration(ms)).toBe(text));
});
