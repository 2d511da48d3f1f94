import { describe, expect, it } from "vitest";
import { formatUtc } from "./time";

describe("formatUtc", () => {
  it("shows minutes in UTC from an ISO string or a Date", () => {
    expect(formatUtc("2026-11-26T14:05:59.123Z")).toBe("2026-11-26 14:05 UTC");
    expect(formatUtc(new Date("2026-11-26T14:05:59.123Z"))).toBe("2026-11-26 14:05 UTC");
  });

  it("adds seconds, and leaves out the zone where a column header names it", () => {
    expect(formatUtc("2026-11-26T14:05:59.123Z", "—", { seconds: true })).toBe("2026-11-26 14:05:59 UTC");
    expect(formatUtc("2026-11-26T14:05:59.123Z", "—", { seconds: true, zone: false })).toBe("2026-11-26 14:05:59");
    expect(formatUtc("2026-11-26T14:05:59.123Z", "—", { zone: false })).toBe("2026-11-26 14:05");
  });

  it("shows the placeholder when there is no time", () => {
    expect(formatUtc(null)).toBe("—");
    expect(formatUtc(undefined, "never")).toBe("never");
  });
});
