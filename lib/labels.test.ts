import { describe, expect, it } from "vitest";
import { humanize, label, labeller } from "./labels";

describe("label", () => {
  it("gives the words for the raw values the review found on screen", () => {
    expect(label("alertStatus", "InProgress")).toBe("In progress");
    expect(label("classification", "TruePositive")).toBe("True positive");
    expect(label("determination", "MultiStagedAttack")).toBe("Multistage attack");
    expect(label("isolationState", "NotIsolated")).toBe("Not isolated");
    expect(label("severity", "UnSpecified")).toBe("Unspecified");
    expect(label("actionStatus", "AwaitingApproval")).toBe("Awaiting approval");
    expect(label("managementAgent", "configurationManagerClient")).toBe("Configuration Manager");
    expect(label("complianceState", "noncompliant")).toBe("Not compliant");
    expect(label("complianceState", "configManager")).toBe("Managed by Configuration Manager");
  });

  it("labels both spellings Microsoft uses for one determination", () => {
    expect(label("determination", "Clean")).toBe("Not malicious");
    expect(label("determination", "NotMalicious")).toBe("Not malicious");
    expect(label("determination", "ConfirmedActivity")).toBe("Confirmed activity");
    expect(label("determination", "ConfirmedUserActivity")).toBe("Confirmed activity");
    expect(label("determination", "NoEnoughDataToValidate")).toBe("Not enough data to validate");
  });

  it("ignores case, so Graph's camelCase and Defender's PascalCase read the same", () => {
    expect(label("alertStatus", "inProgress")).toBe("In progress");
    expect(label("onboardingStatus", "onboarded")).toBe("Onboarded");
    expect(label("classification", "falsePositive")).toBe("False positive");
    expect(label("healthStatus", "noSensorDataImpairedCommunication")).toBe("No sensor data, impaired communication");
  });

  it("reads a value it does not know as words, and an empty one as the fallback", () => {
    expect(label("incidentStatus", "unknownFutureValue")).toBe("Unknown future value");
    expect(label("category", "SuspiciousActivity")).toBe("Suspicious activity");
    expect(label("actionType", "CollectInvestigationPackage")).toBe("Collect investigation package");
    expect(label("riskScore", null)).toBe("—");
    expect(label("riskScore", "", "none")).toBe("none");
    expect(labeller("actionStatus")("TimeOut")).toBe("Timed out");
  });
});

describe("humanize", () => {
  it("keeps acronyms and splits at case changes", () => {
    expect(humanize("UnsupportedOs")).toBe("Unsupported os");
    expect(humanize("CustomerTI")).toBe("Customer TI");
    expect(humanize("TVMRecommendation")).toBe("TVM recommendation");
    expect(humanize("command_and_control")).toBe("Command and control");
    expect(humanize("Execution")).toBe("Execution");
  });
});
