import { describe, expect, it } from "vitest";
import { adviseAsrRules, hitPath, isExcluded, type AdvisorHit } from "./advisor";
import type { AsrRuleState } from "./schemas";

// The Audit→Block advisor on a hand-built tenant: two rules in Audit for 30 days (one with no hits, one hit by one
// line-of-business app on two devices), one in Audit for 5 days, one already blocking.

const NOW = Date.parse("2026-12-06T12:00:00Z");
const daysAgo = (d: number) => new Date(NOW - d * 86_400_000).toISOString();
const policy = (mode: string, days: number, id = `p-${mode}-${days}`) => ({
  policyId: id,
  policyName: `ASR ${id}`,
  mode,
  devices: 40,
  lastModifiedAt: daysAgo(days),
});
const rule = (guid: string, policies: AsrRuleState["policies"]): AsrRuleState => ({
  guid,
  name: `Rule ${guid}`,
  inGuide: true,
  policies,
});

const QUIET = "7674ba52-37eb-4a4f-a9a1-f0f9a1619a2c";
const NOISY = "5beb7efe-fd9a-4556-801d-275e5ffc04cc";
const YOUNG = "e6db77e5-3df2-4cf1-b95a-636979351e5b";
const BLOCKING = "3b576869-a4ec-4529-8536-b80a7769e899";
const RULES = [
  rule(QUIET, [policy("audit", 30)]),
  rule(NOISY, [policy("audit", 30), policy("block", 60, "finance")]),
  rule(YOUNG, [policy("audit", 5)]),
  rule(BLOCKING, [policy("block", 30)]),
];
const APP = "C:\\Program Files\\Contoso\\PayrollSync\\PayrollSync.ps1";
const hit = (deviceId: string, mode: string, hits30: number): AdvisorHit => ({
  ruleGuid: NOISY,
  mode,
  deviceId,
  fileName: "PayrollSync.ps1",
  folderPath: APP,
  processName: "powershell.exe",
  hits14: Math.floor(hits30 / 2),
  hits30,
});
const HITS = [hit("m1", "audited", 40), hit("m2", "audited", 30), hit("m3", "blocked", 20)];
const advise = (exclusions: string[] = [], hitsKnown = true) =>
  adviseAsrRules(RULES, HITS, exclusions, { now: NOW, hitsKnown, huntingAvailable: true });
const of = (advice: ReturnType<typeof advise>, guid: string) => advice.find((a) => a.guid === guid)!;

describe("ASR Audit→Block advisor", () => {
  it("advises only rules in Audit", () => {
    expect(advise().map((a) => a.guid)).toEqual([QUIET, NOISY, YOUNG]);
  });

  it("finds a rule with no hits in 14+ days of Audit safe", () => {
    const a = of(advise(), QUIET);
    expect(a).toMatchObject({ verdict: "safe", audited30: 0, apps: [], exclusionsToAdd: [] });
  });

  it("finds a rule hitting one app not safe, naming the app and the exclusion to add", () => {
    const a = of(advise(), NOISY);
    expect(a.verdict).toBe("notSafe");
    expect(a.apps).toEqual([
      {
        path: APP,
        fileName: "PayrollSync.ps1",
        processName: "powershell.exe",
        devices: 3,
        audited14: 35,
        audited30: 70,
        blocked30: 20,
      },
    ]);
    expect(a.exclusionsToAdd).toEqual([APP]);
    expect(a).toMatchObject({ audited30: 70, blocked30: 20, excluded30: 0 });
  });

  it("finds the same rule safe once its hits all fall within the listed exclusions", () => {
    for (const ex of ["c:\\program files\\contoso\\payrollsync\\", APP, "C:\\Program Files\\Contoso\\*"]) {
      const a = of(advise([ex]), NOISY);
      expect(a.verdict, ex).toBe("safe");
      expect(a.excluded30).toBe(90);
    }
    expect(of(advise(["C:\\Program Files\\Contoso\\PayrollSyncOld"]), NOISY).verdict).toBe("notSafe");
  });

  it("says too early under 14 days of Audit, and unknown before the hits were read", () => {
    expect(of(advise(), YOUNG).verdict).toBe("tooEarly");
    expect(advise([], false).map((a) => a.verdict)).toEqual(["unknown", "unknown", "unknown"]);
  });

  it("matches paths as Defender exclusions do", () => {
    expect(hitPath({ fileName: "a.exe", folderPath: "C:\\Tools" })).toBe("C:\\Tools\\a.exe");
    expect(hitPath({ fileName: "a.exe", folderPath: "C:\\Tools\\a.exe" })).toBe("C:\\Tools\\a.exe");
    expect(isExcluded("C:\\Tools\\a.exe", ["c:/tools"])).toBe(true);
    expect(isExcluded("C:\\Toolset\\a.exe", ["C:\\Tools"])).toBe(false);
    expect(isExcluded("C:\\Users\\ann\\AppData\\x.exe", ["C:\\Users\\*\\AppData"])).toBe(true);
  });
});
