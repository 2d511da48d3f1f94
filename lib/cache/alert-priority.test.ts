import { describe, expect, it } from "vitest";
import { DEFAULT_PRIORITY_RULES, DEFAULT_SLA_MINUTES, derivePriority, slaDueAt } from "./alert-priority";

const base = {
  severity: "Medium",
  category: "Execution",
  title: "Suspicious PowerShell",
  threatName: null,
  mitreTechniques: [] as string[],
};

describe("derivePriority", () => {
  it("uses the severity when no rule fires", () => {
    expect(derivePriority(base, DEFAULT_PRIORITY_RULES)).toEqual({ priority: "Medium", rule: null });
    expect(derivePriority({ ...base, severity: "UnSpecified" }, DEFAULT_PRIORITY_RULES).priority).toBe("Low");
  });
  it("raises High ransomware and credential-access alerts to Critical, but not Medium ones", () => {
    expect(derivePriority({ ...base, severity: "High", category: "Ransomware" }, DEFAULT_PRIORITY_RULES)).toEqual({
      priority: "Critical",
      rule: "High-severity ransomware",
    });
    expect(
      derivePriority({ ...base, severity: "High", category: "CredentialAccess" }, DEFAULT_PRIORITY_RULES).priority,
    ).toBe("Critical");
    expect(
      derivePriority({ ...base, severity: "Medium", category: "Ransomware" }, DEFAULT_PRIORITY_RULES).priority,
    ).toBe("Medium");
  });
  it("raises LSASS access, T1003 (and its sub-techniques) and T1486 at any severity", () => {
    expect(
      derivePriority({ ...base, severity: "Low", title: "Suspicious access to LSASS service" }, DEFAULT_PRIORITY_RULES),
    ).toEqual({ priority: "Critical", rule: "LSASS access" });
    expect(derivePriority({ ...base, mitreTechniques: ["T1003.001"] }, DEFAULT_PRIORITY_RULES).rule).toBe(
      "OS credential dumping (T1003)",
    );
    expect(derivePriority({ ...base, mitreTechniques: ["T1059", "T1486"] }, DEFAULT_PRIORITY_RULES).priority).toBe(
      "Critical",
    );
    expect(derivePriority({ ...base, mitreTechniques: ["T10030"] }, DEFAULT_PRIORITY_RULES).priority).toBe("Medium");
  });
});

describe("slaDueAt", () => {
  const created = new Date("2026-11-26T10:00:00Z");
  it("applies the default clocks", () => {
    expect(slaDueAt(created, "Critical", DEFAULT_SLA_MINUTES)?.toISOString()).toBe("2026-11-26T10:15:00.000Z");
    expect(slaDueAt(created, "High", DEFAULT_SLA_MINUTES)?.toISOString()).toBe("2026-11-26T11:00:00.000Z");
    expect(slaDueAt(created, "Medium", DEFAULT_SLA_MINUTES)?.toISOString()).toBe("2026-11-26T18:00:00.000Z");
    expect(slaDueAt(created, "Low", DEFAULT_SLA_MINUTES)?.toISOString()).toBe("2026-11-29T10:00:00.000Z");
    expect(slaDueAt(created, "Informational", DEFAULT_SLA_MINUTES)).toBeNull();
  });
});
