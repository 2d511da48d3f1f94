import { describe, expect, it } from "vitest";
import { DEFAULT_PRIORITY_RULES } from "@/lib/cache/alert-priority";
import { clockMinutes, draftProblem, fromDraft, newRuleId, toClockDraft, toDraft } from "./triage-drafts";

describe("rule drafts", () => {
  it("round-trips the default rules through the form unchanged", () => {
    expect(DEFAULT_PRIORITY_RULES.map((r) => fromDraft(toDraft(r)))).toEqual(DEFAULT_PRIORITY_RULES);
  });

  it("turns comma lists into conditions and leaves empty ones out", () => {
    const rule = fromDraft({
      id: "r",
      name: " Lateral movement ",
      severities: [],
      categories: "LateralMovement, ,Discovery",
      techniques: "t1021, T1570",
      text: " ",
      raiseTo: "High",
    });
    expect(rule).toEqual({
      id: "r",
      name: "Lateral movement",
      when: { categories: ["LateralMovement", "Discovery"], mitreTechniques: ["T1021", "T1570"] },
      raiseTo: "High",
    });
  });

  it("refuses a rule without a condition (it would raise every alert) or without a name", () => {
    const empty = {
      id: "r",
      name: "All",
      severities: [],
      categories: "",
      techniques: "",
      text: "",
      raiseTo: "Critical" as const,
    };
    expect(draftProblem(empty, 0)).toMatch(/no condition/);
    expect(draftProblem({ ...empty, name: " ", text: "x" }, 2)).toBe("Rule 3 needs a name.");
    expect(
      newRuleId([
        { ...empty, id: "rule-2" },
        { ...empty, id: "rule-3" },
      ]),
    ).toBe("rule-4");
  });
});

describe("SLA clocks with units", () => {
  it("shows stored minutes in the largest unit that divides them", () => {
    expect(toClockDraft(15)).toEqual({ amount: "15", unit: "minutes" });
    expect(toClockDraft(480)).toEqual({ amount: "8", unit: "hours" });
    expect(toClockDraft(4320)).toEqual({ amount: "3", unit: "days" });
    expect(toClockDraft(null)).toEqual({ amount: "", unit: "hours" });
  });

  it("stores minutes as before, empty as no clock, and flags a non-positive amount", () => {
    expect(clockMinutes({ amount: "3", unit: "days" })).toBe(4320);
    expect(clockMinutes({ amount: "1.5", unit: "hours" })).toBe(90);
    expect(clockMinutes({ amount: "", unit: "days" })).toBeNull();
    expect(clockMinutes({ amount: "-5", unit: "minutes" })).toBeNaN();
  });
});
