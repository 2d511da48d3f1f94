import { describe, expect, it } from "vitest";
import { availableActions, supportsAction } from "./schemas";

const device = (
  platform: string,
  state: { inMde?: boolean; isolationState?: string; restrictionState?: string } = {},
) => ({
  platform,
  inMde: state.inMde ?? true,
  isolationState: state.isolationState ?? "NotIsolated",
  restrictionState: state.restrictionState ?? "NotRestricted",
});

describe("response actions a device offers", () => {
  it("offers app restriction on Windows only, and nothing on phones or devices outside Defender", () => {
    expect(availableActions(device("Windows"))).toEqual([
      "Isolate",
      "RunAntiVirusScan",
      "RestrictCodeExecution",
      "CollectInvestigationPackage",
    ]);
    expect(availableActions(device("Linux"))).toEqual(["Isolate", "RunAntiVirusScan", "CollectInvestigationPackage"]);
    expect(availableActions(device("iOS"))).toEqual([]);
    expect(availableActions(device("Windows", { inMde: false }))).toEqual([]);
  });

  it("offers the step that undoes an isolation or restriction in effect", () => {
    expect(availableActions(device("Windows", { isolationState: "Isolated", restrictionState: "Restricted" }))).toEqual(
      ["Unisolate", "RunAntiVirusScan", "UnrestrictCodeExecution", "CollectInvestigationPackage"],
    );
  });

  it("is the rule the server applies to a request", () => {
    expect(supportsAction("macOS", "RestrictCodeExecution")).toBe(false);
    expect(supportsAction("Android", "RunAntiVirusScan")).toBe(false);
    expect(supportsAction("macOS", "Isolate")).toBe(true);
  });
});
