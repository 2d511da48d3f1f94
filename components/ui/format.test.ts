import { describe, expect, it } from "vitest";
import { formatRelative, formatUtc } from "./format";

describe("formatRelative", () => {
  const now = Date.parse("2026-11-26T12:00:00Z");
  it.each([
    ["2026-11-26T11:57:00Z", "3 minutes ago"],
    ["2026-11-26T14:00:00Z", "in 2 hours"],
    ["2026-11-25T12:00:00Z", "yesterday"],
    ["2026-11-26T12:00:00Z", "now"],
  ])("%s → %s", (iso, expected) => {
    expect(formatRelative(iso, now)).toBe(expected);
  });
});

describe("formatUtc", () => {
  it("shows minutes in UTC, or the placeholder when there is no time", () => {
    expect(formatUtc("2026-11-26T14:05:59.123Z")).toBe("2026-11-26 14:05 UTC");
    expect(formatUtc(null)).toBe("—");
    expect(formatUtc(undefined, "never")).toBe("never");
  });
});
