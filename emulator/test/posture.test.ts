// Deployment posture contract: antivirus health, Intune protection state, the MTD connector, onboarding states,
// compliance threat levels, settings-catalog ASR policies and their assignments, secure configuration assessment,
// licences, the ASR hits in DeviceEvents, and the Plan 1 refusals — fields, enums, paging, permissions, and the
// planted imperfections counted from the API against the generated tenant.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Device } from "../src/tenant/model";
import { GRAPH, pageAll, startHarness, type Harness } from "./helpers";

type Row = Record<string, unknown>;
const NARROW = { clientId: "posture-narrow-app", clientSecret: "narrow-secret-value-000000000000" };

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    devices: 120,
    alerts: 150,
    vulnsPerDevice: 4,
    extraApps: [{ ...NARROW, permissions: ["Alert.Read.All", "SecurityAlert.Read.All"] }],
  });
});
afterAll(() => h.close());

const graph = { resource: GRAPH };
const get = async (path: string, opts: { resource?: string } = {}) => {
  const res = await h.call("GET", path, opts);
  expect(res.status, `${path}: ${res.text.slice(0, 300)}`).toBe(200);
  return res.json();
};
const posture = () => h.emu.tenant.posture;
const windowsIntune = () =>
  h.emu.tenant.managedDevices.filter((d) => d.family === "windows" && posture().av.has(d)) as Device[];

describe("antivirus health (deviceavinfo)", () => {
  it("pages 20 by default, caps $top at 10,000 and serves the documented fields as strings", async () => {
    const first = await get("/api/deviceavinfo");
    expect(first["@odata.context"]).toMatch(/\$metadata#DeviceAvInfo$/);
    expect(first.value).toHaveLength(20);
    expect(first["@odata.nextLink"]).toContain("$skip=20");
    expect((await h.call("GET", "/api/deviceavinfo?$top=10001")).status).toBe(400);
    const { items, pages } = await pageAll(h, "/api/deviceavinfo?$top=50");
    expect(pages).toBeGreaterThan(1);
    const expected = h.emu.tenant.machines.filter((m) => posture().av.has(m));
    expect(items).toHaveLength(expected.length);
    for (const r of items) {
      expect(["True", "False", "Unknown"]).toContain(r.avIsSignatureUpToDate);
      expect(["0", "1", "2", "4"]).toContain(r.avMode);
      expect(["windows", "mac", "linux"]).toContain(r.osKind);
      expect(typeof r.rbacGroupId).toBe("number");
      expect(r.machineId).toMatch(/^[0-9a-f]{40}$/);
    }
  });

  it("filters on documented columns only and finds the stale and passive devices", async () => {
    const stale = (await get("/api/deviceavinfo?$top=10000&$filter=avIsSignatureUpToDate eq 'False'")).value as Row[];
    const planted = [...posture().av].filter(([d, a]) => d.inMde && a.signatureUpToDate === "False");
    expect(stale.length).toBe(planted.length);
    expect(stale.length).toBeGreaterThan(0);
    const passive = (await get("/api/deviceavinfo?$top=10000&$filter=avMode eq '1'")).value as Row[];
    expect(passive.length).toBeGreaterThan(0);
    expect((await h.call("GET", "/api/deviceavinfo?$filter=rbacGroupName eq 'Finance'")).status).toBe(400);
  });

  it("needs Machine.Read.All", async () => {
    const res = await h.call("GET", "/api/deviceavinfo", { client: NARROW });
    expect(res.status).toBe(403);
  });
});

describe("Intune windowsProtectionState", () => {
  it("serves the state of a Windows device, 404 for others, and the expand list on beta", async () => {
    const d = windowsIntune()[0]!;
    const s = await get(`/v1.0/deviceManagement/managedDevices/${d.intune!.id}/windowsProtectionState`);
    expect(s.id).toBe(d.intune!.id);
    for (const k of [
      "realTimeProtectionEnabled",
      "tamperProtectionEnabled",
      "signatureUpdateOverdue",
      "quickScanOverdue",
    ])
      expect(typeof s[k]).toBe("boolean");
    expect([
      "clean",
      "fullScanPending",
      "rebootPending",
      "manualStepsPending",
      "offlineScanPending",
      "critical",
    ]).toContain(s.deviceState);
    const mac = h.emu.tenant.managedDevices.find((x) => x.family === "ios")!;
    expect(
      (await h.call("GET", `/v1.0/deviceManagement/managedDevices/${mac.intune!.id}/windowsProtectionState`)).status,
    ).toBe(404);

    const { items } = await pageAll(
      h,
      "/beta/deviceManagement/managedDevices?$expand=windowsProtectionState&$select=id,deviceName,operatingSystem,windowsProtectionState&$top=40",
      graph,
    );
    const states = items.map((r) => r.windowsProtectionState as Row | null).filter((x): x is Row => x !== null);
    expect(states).toHaveLength(windowsIntune().length);
    const tamperOff = states.filter((x) => x.tamperProtectionEnabled === false).length;
    const rtpOff = states.filter((x) => x.realTimeProtectionEnabled === false).length;
    expect(tamperOff).toBe(windowsIntune().filter((x) => !posture().av.get(x)!.tamperProtection).length);
    expect(tamperOff).toBeGreaterThan(0);
    expect(rtpOff).toBeGreaterThan(0);
    expect(states.some((x) => String(x.productStatus).includes("avSignaturesOutOfDate"))).toBe(true);
  });
});

describe("MDE connector and onboarding", () => {
  it("lists the connector: v1.0 with the documented subset, beta with all toggles; its heartbeat is late", async () => {
    const v1 = (await get("/v1.0/deviceManagement/mobileThreatDefenseConnectors")).value as Row[];
    const beta = (await get("/beta/deviceManagement/mobileThreatDefenseConnectors", graph)).value as Row[];
    const mde = v1.find((c) => c.id === "fc780465-2017-40d4-a0c5-307022471b92")!;
    expect(mde).toBeDefined();
    expect(mde).not.toHaveProperty("windowsEnabled");
    expect(beta[0]).toHaveProperty("windowsEnabled", true);
    expect(beta[0]).toHaveProperty("microsoftDefenderForEndpointAttachEnabled", true);
    expect(["unavailable", "available", "enabled", "unresponsive"]).toContain(mde.partnerState);
    const ageHours = (h.emu.tenant.anchorMs - Date.parse(String(mde.lastHeartbeatDateTime))) / 3_600_000;
    expect(ageHours).toBeGreaterThan(24);
    const res = await h.call("GET", "/v1.0/deviceManagement/mobileThreatDefenseConnectors", {
      client: h.emu.readOnlyClient,
    });
    expect(res.status).toBe(403);
  });

  it("summarises onboarding states equal to the per-device states; enrolled-only devices are never compliant", async () => {
    const summary = await get("/beta/deviceManagement/advancedThreatProtectionOnboardingStateSummary", graph);
    const { items } = await pageAll(
      h,
      "/beta/deviceManagement/advancedThreatProtectionOnboardingStateSummary/advancedThreatProtectionOnboardingDeviceSettingStates?$top=25",
      graph,
    );
    const count = (s: string) => items.filter((i) => i.state === s).length;
    expect(summary.compliantDeviceCount).toBe(count("compliant"));
    expect(summary.nonCompliantDeviceCount).toBe(count("nonCompliant"));
    expect(summary.errorDeviceCount + summary.unknownDeviceCount).toBe(count("error") + count("unknown"));
    const neverOnboarded = new Set(h.emu.tenant.managedDevices.filter((d) => !d.inMde).map((d) => d.intune!.id));
    const pending = items.filter((i) => neverOnboarded.has(String(i.deviceId)));
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((i) => i.state !== "compliant")).toBe(true);
  });
});

describe("compliance threat levels", () => {
  it("requires Medium on iOS and Android and reports devices above it as non-compliant", async () => {
    const policies = (await get("/v1.0/deviceManagement/deviceCompliancePolicies")).value as Row[];
    const mobile = policies.filter((p) => /ios|android/.test(String(p["@odata.type"])));
    expect(mobile).toHaveLength(2);
    for (const p of mobile) expect(p.deviceThreatProtectionRequiredSecurityLevel).toBe("medium");
    const windows = policies.find((p) => p["@odata.type"] === "#microsoft.graph.windows10CompliancePolicy")!;
    expect(windows).not.toHaveProperty("deviceThreatProtectionRequiredSecurityLevel");
    let above = 0;
    for (const p of mobile) {
      const statuses = (await pageAll(h, `/v1.0/deviceManagement/deviceCompliancePolicies/${p.id}/deviceStatuses`))
        .items;
      const byName = new Map(h.emu.tenant.managedDevices.map((d) => [d.hostName, d]));
      for (const s of statuses) {
        const d = byName.get(String(s.deviceDisplayName))!;
        if (["highSeverity", "compromised"].includes(d.intune!.partnerReportedThreatState)) {
          above++;
          expect(s.status).toBe("nonCompliant");
          expect(d.intune!.complianceState).toBe("noncompliant");
        }
      }
      const assignments = (await get(`/v1.0/deviceManagement/deviceCompliancePolicies/${p.id}/assignments`))
        .value as Row[];
      expect(assignments.length).toBeGreaterThan(0);
    }
    expect(above).toBeGreaterThan(0);
  });
});

describe("settings-catalog ASR policies", () => {
  const ASR = "endpointSecurityAttackSurfaceReduction";
  it("filters by template family and carries the rules with their documented setting ids and modes", async () => {
    const asr = (
      await get(
        `/beta/deviceManagement/configurationPolicies?$filter=templateReference/TemplateFamily eq '${ASR}'`,
        graph,
      )
    ).value as Row[];
    expect(asr.length).toBeGreaterThanOrEqual(1);
    expect(asr.every((p) => (p.templateReference as Row).templateFamily === ASR)).toBe(true);
    expect((asr[0]!.templateReference as Row).templateId).toBe("e8c053d6-9f95-42b1-a7f1-ebfd71c67a4b_1");
    const settings = (await get(`/beta/deviceManagement/configurationPolicies('${asr[0]!.id}')/settings`, graph))
      .value as Row[];
    const top = settings[0]!.settingInstance as Row;
    expect(top.settingDefinitionId).toBe("device_vendor_msft_policy_config_defender_attacksurfacereductionrules");
    const children = ((top.groupSettingCollectionValue as Row[])[0]!.children as Row[]).map((c) => ({
      id: String(c.settingDefinitionId),
      value: String((c.choiceSettingValue as Row).value),
    }));
    const obfuscated = children.find((c) => c.id.endsWith("_blockexecutionofpotentiallyobfuscatedscripts"))!;
    expect(obfuscated.value).toMatch(/_(audit|block)$/);
    expect(children.length).toBe(9);
    for (const c of children) expect(c.value.startsWith(`${c.id}_`)).toBe(true);
    expect(
      (await h.call("GET", "/beta/deviceManagement/configurationPolicies?$filter=name eq 'x'", graph)).status,
    ).toBe(400);
  });

  it("pages policies, resolves assignments to group members, and leaves one Mac group without Full Disk Access", async () => {
    const { items, pages } = await pageAll(h, "/beta/deviceManagement/configurationPolicies?$top=2", graph);
    expect(pages).toBeGreaterThan(1);
    const fda = items.find((p) => String(p.name).includes("Full Disk Access"))!;
    const sysext = items.find((p) => String(p.name).includes("System extensions"))!;
    const groupsOf = async (p: Row) =>
      ((await get(`/beta/deviceManagement/configurationPolicies/${p.id}/assignments`, graph)).value as Row[]).map((a) =>
        String((a.target as Row).groupId),
      );
    const fdaGroups = await groupsOf(fda);
    const sysextGroups = await groupsOf(sysext);
    const missing = sysextGroups.filter((g) => !fdaGroups.includes(g));
    expect(missing).toEqual([posture().facts.missingFdaGroupId]);
    const members = (await pageAll(h, `/v1.0/groups/${missing[0]}/members`)).items;
    expect(members.some((m) => m.operatingSystem === "MacMDM")).toBe(true);
    expect((await get(`/v1.0/groups/${missing[0]}`)).displayName).toMatch(/^SG-Devices-/);
  });
});

describe("secure configuration assessment", () => {
  it("pages by pageSize, stops at $top, and reports tamper protection as the antivirus state says", async () => {
    const path = "/api/machines/SecureConfigurationsAssessmentByMachine";
    const { items, pages } = await pageAll(h, `${path}?pageSize=300`);
    expect(pages).toBeGreaterThan(1);
    const top = await get(`${path}?$top=5`);
    expect(top.value).toHaveLength(5);
    expect(top).not.toHaveProperty("@odata.nextLink");
    const tamperRows = items.filter((r) => r.configurationName === "Turn on Tamper Protection");
    const assessed = [...posture().av].filter(([d]) => d.inMde && (d.family === "windows" || d.family === "server"));
    expect(tamperRows).toHaveLength(assessed.length);
    expect(tamperRows.filter((r) => r.isCompliant === false).length).toBe(
      assessed.filter(([, a]) => !a.tamperProtection).length,
    );
    expect(String(items[0]!.timestamp)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/);
    expect((await h.call("GET", `${path}?pageSize=200001`)).status).toBe(400);
  });
});

describe("ASR hits in DeviceEvents", () => {
  const hunt = async (query: string) => {
    const res = await h.call("POST", "/v1.0/security/runHuntingQuery", { body: { Query: query } });
    expect(res.status, res.text.slice(0, 300)).toBe(200);
    return res.json().results as Row[];
  };

  it("reports each hit as the device's configured mode says, with a noisy LOB script for weeks and a silent rule", async () => {
    const rows = await hunt(
      "DeviceEvents | where ActionType startswith 'Asr' | project DeviceId, ActionType, FolderPath, Timestamp",
    );
    const byId = new Map(h.emu.tenant.machines.map((m) => [m.id, m]));
    const guidOf: Record<string, string> = {
      ObfuscatedScript: "5beb7efe-fd9a-4556-801d-275e5ffc04cc",
      LsassCredentialTheft: "9e6c4e1f-7d60-472f-ba1a-a39ef669e4b2",
      PersistenceThroughWmi: "e6db77e5-3df2-4cf1-b95a-636979351e5b",
      OfficeChildProcess: "d4f940ab-401b-4efc-aadc-ad5f3c50688a",
      ExecutableOfficeContent: "3b576869-a4ec-4529-8536-b80a7769e899",
      ScriptExecutableDownload: "d3e037e1-3eb8-44c8-a917-57927947596d",
    };
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      const [, stem, outcome] = /^Asr(\w+?)(Audited|Blocked)$/.exec(String(r.ActionType))!;
      const mode = posture().asrModeFor(byId.get(String(r.DeviceId))!, guidOf[stem!]!);
      expect(mode, String(r.ActionType)).toBe(outcome === "Blocked" ? "block" : "audit");
    }
    const lob = rows.filter(
      (r) => r.FolderPath === posture().facts.lobApp.path && r.ActionType === "AsrObfuscatedScriptAudited",
    );
    const days = new Set(lob.map((r) => String(r.Timestamp).slice(0, 10)));
    expect(days.size).toBeGreaterThanOrEqual(25);
    expect(rows.some((r) => String(r.ActionType).startsWith("AsrAdobeReaderChildProcess"))).toBe(false);
  });
});

describe("licences and the plan switch", () => {
  it("a Plan 2 tenant carries WINDEFATP; subscribedSkus refuses $filter", async () => {
    const skus = (await get("/v1.0/subscribedSkus")).value as Row[];
    const plans = skus.flatMap((s) => (s.servicePlans as Row[]).map((p) => p.servicePlanName));
    expect(plans).toContain("WINDEFATP");
    expect((await h.call("GET", "/v1.0/subscribedSkus?$filter=skuPartNumber eq 'SPE_E5'")).status).toBe(400);
  });

  it("a Plan 1 tenant carries MDE_LITE and its Plan 2 APIs answer 403 DisabledFeature", async () => {
    const p1 = await startHarness({ devices: 20, alerts: 20, vulnsPerDevice: 2, plan: "p1" });
    try {
      const skus = (await p1.call("GET", "/v1.0/subscribedSkus")).json().value as Row[];
      const plans = skus.flatMap((s) => (s.servicePlans as Row[]).map((p) => p.servicePlanName));
      expect(plans).toContain("MDE_LITE");
      expect(plans).not.toContain("WINDEFATP");
      for (const [method, path, body] of [
        ["POST", "/v1.0/security/runHuntingQuery", { Query: "DeviceInfo | take 1" }],
        ["GET", "/api/vulnerabilities?$top=1", undefined],
        ["GET", "/api/exposureScore", undefined],
      ] as const) {
        const res = await p1.call(method, path, body ? { body } : {});
        expect(res.status, path).toBe(403);
        const error = res.json().error;
        expect(error.code).toBe(path.startsWith("/v1.0/") ? "accessDenied" : "DisabledFeature");
        expect(error.message).toContain("Tenant feature isn't enabled");
      }
      expect((await p1.call("GET", "/api/deviceavinfo")).status).toBe(200);
      expect((await p1.call("GET", "/api/alerts?$top=1")).status).toBe(200);
    } finally {
      await p1.close();
    }
  });
});
