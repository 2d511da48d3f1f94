import { describe, expect, it } from "vitest";
import { approvalExpiry, waitingFor } from "./schemas";

// A pending approval times out 7 days after its actions began to wait; Defender says only when the investigation
// started, so the countdown runs to start + 7 days (the earliest possible timeout).

describe("approvalExpiry", () => {
  const start = "2026-03-01T10:00:00Z";
  const at = (iso: string) => new Date(iso);

  it("counts whole days left to start + 7 days", () => {
    expect(approvalExpiry(start, at("2026-03-01T10:00:00Z"))).toEqual({
      expiresAt: "2026-03-08T10:00:00.000Z",
      daysLeft: 7,
      expired: false,
    });
    expect(approvalExpiry(start, at("2026-03-05T09:00:00Z"))?.daysLeft).toBe(3);
    // On the last day: less than a day left reads as 0 days, not yet expired.
    expect(approvalExpiry(start, at("2026-03-08T09:59:59Z"))).toMatchObject({ daysLeft: 0, expired: false });
  });

  it("is expired (treated as rejected) from the deadline on", () => {
    expect(approvalExpiry(start, at("2026-03-08T10:00:00Z"))).toMatchObject({ daysLeft: 0, expired: true });
    expect(approvalExpiry(start, at("2026-04-01T00:00:00Z"))).toMatchObject({ daysLeft: 0, expired: true });
  });

  it("has no deadline without a start time", () => {
    expect(approvalExpiry(null, at("2026-03-01T00:00:00Z"))).toBeNull();
  });
});

describe("waitingFor", () => {
  it("names the approval for a pending approval and nothing once ended", () => {
    expect(waitingFor("PendingApproval", null)).toMatch(/Approval/);
    expect(waitingFor("PendingResource", null)).toMatch(/device/);
    expect(waitingFor("Benign", null)).toBeNull();
  });
});
