import { describe, expect, it } from "vitest";
import { inactiveSensorWarning } from "./schemas";

const NOW = Date.parse("2026-12-05T12:00:00Z");
const ago = (days: number) => new Date(NOW - days * 86_400_000).toISOString();

describe("inactiveSensorWarning", () => {
  it("stays quiet for an active sensor seen recently and for a device Defender does not know", () => {
    expect(inactiveSensorWarning({ inMde: true, healthStatus: "Active", lastSeen: ago(1) }, NOW)).toBeNull();
    expect(inactiveSensorWarning({ inMde: false, healthStatus: null, lastSeen: null }, NOW)).toBeNull();
  });

  it("warns for an inactive sensor, one silent for a week or more, and one never seen", () => {
    expect(inactiveSensorWarning({ inMde: true, healthStatus: "Inactive", lastSeen: ago(54) }, NOW)).toBe(
      "This device's sensor reports Inactive (last seen 54 days ago). Defender delivers the action when the sensor checks in, so it may stay Pending and time out.",
    );
    expect(inactiveSensorWarning({ inMde: true, healthStatus: "Active", lastSeen: ago(8) }, NOW)).toContain(
      "reports Active (last seen 8 days ago)",
    );
    expect(inactiveSensorWarning({ inMde: true, healthStatus: "NoSensorData", lastSeen: null }, NOW)).toContain(
      "no last-seen time",
    );
  });
});
