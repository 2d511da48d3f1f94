import { describe, expect, it } from "vitest";
import { formatRelative } from "./format";

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
