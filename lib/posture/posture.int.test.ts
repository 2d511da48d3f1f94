import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabase } from "../db";
import { availableTestDatabases, createTestDatabase, type TestDatabase } from "../db/testing";
import { runSync } from "../sync/engine";
import { rawAll, RAW_THREAT_RANK as RANK, startTestTenant, type TestTenant } from "../sync/testing";
import { getPostureSummary, listPostureTrend } from "./index";

// The posture summary after a sync of the simulated tenant, on PGlite and PostgreSQL: coverage, antivirus and
// tamper counts, each ASR rule's mode per policy with the devices it reaches, and mobile threat levels against the
// allowed level, each equal to the same figure computed here from the raw API JSON.

const kinds = await availableTestDatabases();
type Raw = Record<string, unknown>;

let tenant: TestTenant;
const all = (path: string) => rawAll(tenant, path);

beforeAll(async () => {
  tenant = await startTestTenant({ seed: "posture-domain", devices: 120, alerts: 30, vulnsPerDevice: 2 });
}, 120_000);
afterAll(async () => {
  await tenant?.close();
});

describe.each(kinds)("posture summary on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    getDatabase.replaceForTests(database);
    const summaries = await runSync({
      db: database.prisma,
      sources: tenant.sources(),
      entities: ["machines", "intuneDevices", "avHealth", "intuneProtection", "postureConfig"],
      full: true,
    });
    expect(summaries.filter((s) => s.status !== "ok")).toEqual([]);
  });
  afterAll(async () => {
    await database?.close();
  });

  it("counts coverage, antivirus and mobile threat levels as the raw tenant does", async () => {
    const summary = await getPostureSummary();
    const machines = await all("/api/machines?$top=10000");
    const managed = await all("/beta/deviceManagement/managedDevices?$expand=windowsProtectionState&$top=1000");
    const av = await all("/api/deviceavinfo?$top=10000");
    const mdeAad = new Set(machines.map((m) => m.aadDeviceId).filter(Boolean));
    const total = (k: "intune" | "defender" | "intuneOnly") => summary.coverage.reduce((s, c) => s + c[k], 0);
    expect(total("intune")).toBe(managed.length);
    expect(total("defender")).toBe(machines.length);
    expect(total("intuneOnly")).toBe(managed.filter((d) => !mdeAad.has(d.azureADDeviceId)).length);
    expect(summary.antivirus.reporting).toBe(av.length);
    expect(summary.antivirus.disabled).toBe(av.filter((r) => r.avMode === "2").length);
    const states = managed.map((d) => d.windowsProtectionState as Raw | null).filter((s): s is Raw => s !== null);
    expect(summary.antivirus.quickScanOverdue).toBe(states.filter((s) => s.quickScanOverdue === true).length);

    const compliance = await all("/v1.0/deviceManagement/deviceCompliancePolicies");
    for (const m of summary.mobile) {
      const allowed = compliance.find((p) => String(p["@odata.type"]).toLowerCase().includes(m.platform.toLowerCase()));
      expect(m.allowedLevel).toBe(allowed?.deviceThreatProtectionRequiredSecurityLevel);
      const above = managed.filter(
        (d) =>
          d.operatingSystem === m.platform &&
          (RANK[String(d.partnerReportedThreatState)] ?? 0) > RANK[m.allowedLevel!]!,
      ).length;
      expect(m.aboveAllowed, m.platform).toBe(above);
    }
    expect(summary.mobile.reduce((s, m) => s + m.aboveAllowed, 0)).toBe(summary.figures.mobileAboveAllowed);
    expect(summary.figures.mobileAboveAllowed).toBeGreaterThan(0);
    expect(summary.plan).toBe("p2");
    expect(summary.connectors.find((c) => c.isDefender)?.heartbeatLate).toBe(true);
  });

  it("reports each ASR rule's mode per policy and the devices its assignment reaches", async () => {
    const summary = await getPostureSummary();
    const policies = await all(
      "/beta/deviceManagement/configurationPolicies?$filter=templateReference/TemplateFamily eq 'endpointSecurityAttackSurfaceReduction'",
    );
    expect(policies.length).toBeGreaterThan(0);
    for (const p of policies) {
      const settings = await all(`/beta/deviceManagement/configurationPolicies/${p.id}/settings`);
      const children = ((settings[0]!.settingInstance as Raw).groupSettingCollectionValue as Raw[]).flatMap(
        (g) => g.children as Raw[],
      );
      const assignments = await all(`/beta/deviceManagement/configurationPolicies/${p.id}/assignments`);
      let devices = 0;
      for (const a of assignments) devices += (await all(`/v1.0/groups/${(a.target as Raw).groupId}/members`)).length;
      for (const c of children) {
        const id = String(c.settingDefinitionId);
        const mode = String((c.choiceSettingValue as Raw).value).slice(id.length + 1);
        const cached = summary.asr.flatMap((r) => r.policies.filter((x) => x.policyId === p.id).map((x) => ({ r, x })));
        const match = cached.find(({ r }) => settingSuffixOf(r.guid) === id.split("_").pop());
        expect(match?.x.mode, id).toBe(mode);
        expect(match?.x.devices).toBe(devices);
      }
    }
    const obfuscated = summary.asr.find((r) => r.guid === "5beb7efe-fd9a-4556-801d-275e5ffc04cc")!;
    expect(obfuscated.name).toBe("Block execution of potentially obfuscated scripts");
    expect(obfuscated.inGuide).toBe(true);
    expect(summary.asr.filter((r) => r.inGuide)).toHaveLength(8);
  });

  it("keeps the day's figures as a trend point", async () => {
    const [point] = await listPostureTrend(7);
    const summary = await getPostureSummary();
    expect(point!.tamperProtectionOff).toBe(summary.figures.tamperProtectionOff);
    expect(point!.enrolledNotOnboarded).toBe(summary.figures.enrolledNotOnboarded);
  });
});

const SUFFIX: Record<string, string> = {
  "3b576869-a4ec-4529-8536-b80a7769e899": "blockofficeapplicationsfromcreatingexecutablecontent",
  "75668c1f-73b5-4cf0-bb93-3ecf5cb7cc84": "blockofficeapplicationsfrominjectingcodeintootherprocesses",
  "d3e037e1-3eb8-44c8-a917-57927947596d": "blockjavascriptorvbscriptfromlaunchingdownloadedexecutablecontent",
  "9e6c4e1f-7d60-472f-ba1a-a39ef669e4b2": "blockcredentialstealingfromwindowslocalsecurityauthoritysubsystem",
  "e6db77e5-3df2-4cf1-b95a-636979351e5b": "blockpersistencethroughwmieventsubscription",
  "b2b3f03d-6a65-4f7b-a9c7-1c7ef74a9ba4": "blockuntrustedunsignedprocessesthatrunfromusb",
  "7674ba52-37eb-4a4f-a9a1-f0f9a1619a2c": "blockadobereaderfromcreatingchildprocesses",
  "5beb7efe-fd9a-4556-801d-275e5ffc04cc": "blockexecutionofpotentiallyobfuscatedscripts",
  "d4f940ab-401b-4efc-aadc-ad5f3c50688a": "blockallofficeapplicationsfromcreatingchildprocesses",
};
/** The documented setting-id suffix of a rule, written out here independently of the console's catalogue. */
const settingSuffixOf = (guid: string) => SUFFIX[guid];
