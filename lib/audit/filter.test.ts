import { describe, expect, it } from "vitest";
import { AuditFilter } from "./queries";

describe("the audit filter's date range", () => {
  it("reads a bare To date as the whole of that day", () => {
    // The page's date field sends "2026-11-26"; an event at 18:00 that day must be in the range.
    const { to } = AuditFilter.parse({ to: "2026-11-26" });
    expect(to).toEqual(new Date("2026-11-27T00:00:00Z"));
    expect(new Date("2026-11-26T18:00:00Z") < to!).toBe(true);
  });

  it("keeps a full timestamp inclusive to the millisecond", () => {
    expect(AuditFilter.parse({ to: "2026-11-26T10:00:00.000Z" }).to).toEqual(new Date("2026-11-26T10:00:00.001Z"));
  });

  it("ignores an empty To and refuses one that is not a date", () => {
    expect(AuditFilter.parse({ to: "" }).to).toBeUndefined();
    expect(AuditFilter.safeParse({ to: "yesterday" }).success).toBe(false);
  });
});
