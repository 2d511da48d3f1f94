import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabase } from "../db";
import { availableTestDatabases, createTestDatabase, type TestDatabase } from "../db/testing";
import { runSync } from "../sync/engine";
import { rawAll, RAW_THREAT_RANK as RANK, startTestTenant, type TestTenant } from "../sync/testing";
import { getPostureSummary, listPostureTrend } from "./index";
import { POST as refreshRoute } from "@/app/api/posture/asr/refresh/route";
import { GET as summaryRoute } from "@/app/api/posture/route";
import { PUT as exclusionsRoute } from "@/app/api/posture/asr/exclusions/route";
import { permissionsOf } from "../auth/permissions";
import type { AuditContext } from "../auth/actor";
import { callRoute, sessionCookieFor, TEST_ORIGIN } from "../auth/testing";
import { cacheTenantId } from "../cache/tenant";
import { db } from "../db";
import { countDevices } from "../devices";
import { DeviceView, POSTURE_FILTERS, type PostureFilter } from "../devices/schemas";
import { HuntingService } from "../hunting";
import { getAsrAdvisor, getPostureReport, refreshAsrHits, setAsrExclusions } from "./index";
import type { PostureFigures } from "./schemas";

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

  it("equals the raw tenant's counts on every headline figure, and each links to exactly its devices", async () => {
    const { figures } = await getPostureSummary();
    const machines = await all("/api/machines?$top=10000");
    const managed = await all("/beta/deviceManagement/managedDevices?$expand=windowsProtectionState&$top=1000");
    const av = await all("/api/deviceavinfo?$top=10000");
    const sca = await all("/api/machines/SecureConfigurationsAssessmentByMachine?pageSize=500");
    const mdeAad = new Set(machines.map((m) => m.aadDeviceId).filter(Boolean));
    const aadOfMachine = new Map(machines.map((m) => [String(m.id), m.aadDeviceId as string | null]));
    const off = (field: string, configurationName: string) => {
      const keys = new Set<string>();
      for (const d of managed)
        if ((d.windowsProtectionState as Raw | null)?.[field] === false) keys.add(`aad:${d.azureADDeviceId}`);
      for (const r of sca)
        if (r.configurationName === configurationName && r.isCompliant === false) {
          const aad = aadOfMachine.get(String(r.deviceId));
          keys.add(aad ? `aad:${aad}` : `mde:${r.deviceId}`);
        }
      return keys.size;
    };
    expect(figures).toMatchObject({
      mdeDevices: machines.length,
      intuneDevices: managed.length,
      enrolledNotOnboarded: managed.filter((d) => !mdeAad.has(d.azureADDeviceId)).length,
      signaturesOutOfDate: av.filter((r) => r.avIsSignatureUpToDate === "False").length,
      passiveMode: av.filter((r) => r.avMode === "1" || r.avMode === "5").length,
      realTimeProtectionOff: off("realTimeProtectionEnabled", "Turn on real-time protection"),
      tamperProtectionOff: off("tamperProtectionEnabled", "Turn on Tamper Protection"),
    });
    for (const [figure, filter] of Object.entries(FIGURE_FILTER)) {
      expect(POSTURE_FILTERS).toContain(filter);
      expect(await countDevices(DeviceView.parse({ posture: filter })), figure).toBe(
        figures[figure as keyof PostureFigures],
      );
    }
    for (const figure of [
      "enrolledNotOnboarded",
      "signaturesOutOfDate",
      "tamperProtectionOff",
      "mobileAboveAllowed",
    ] as const)
      expect(figures[figure], figure).toBeGreaterThan(0);
  });

  it("finds the Macs without the Full Disk Access profile, as the raw assignments say", async () => {
    const report = await getPostureReport();
    const policies = await all("/beta/deviceManagement/configurationPolicies");
    const fda = policies.find((p) => String(p.name).includes("Full Disk Access"))!;
    const reached = new Set<string>();
    for (const a of await all(`/beta/deviceManagement/configurationPolicies/${fda.id}/assignments`))
      for (const m of await all(`/v1.0/groups/${(a.target as Raw).groupId}/members`)) reached.add(String(m.deviceId));
    const managed = await all("/beta/deviceManagement/managedDevices?$top=1000");
    const macs = managed.filter((d) => d.operatingSystem === "macOS");
    const issue = report.troubleshooting.find((t) => t.id === "macos-not-starting")!;
    expect(issue.affected).toBe(macs.filter((d) => !reached.has(String(d.azureADDeviceId))).length);
    expect(report.checklist).toHaveLength(18);
    expect(report.checklist.find((c) => c.id === "macos-profiles")?.state).toBe("partly");
  });

  it("reads ASR hits through advanced hunting and advises per rule in Audit", async () => {
    const actor = {
      type: "user" as const,
      id: "oid-mgr",
      name: "mgr",
      roles: ["Manager" as const],
      permissions: permissionsOf(["Manager"]),
    };
    const ctx: AuditContext = { actor, requestId: "req-asr", ip: null };
    const service = new HuntingService({ prisma: db, tenantId: cacheTenantId(), graph: () => tenant.graphClient() });
    const before = await getAsrAdvisor();
    expect(before.advice.every((a) => a.verdict === "unknown")).toBe(true);
    const advisor = await refreshAsrHits(ctx, { run: (input) => service.run(actor, input) });
    const noisy = advisor.advice.find((a) => a.guid === "5beb7efe-fd9a-4556-801d-275e5ffc04cc")!;
    expect(noisy.verdict).toBe("notSafe");
    const lob = "C:\\Program Files\\Contoso\\PayrollSync\\PayrollSync.ps1";
    expect(noisy.apps.map((a) => a.path)).toEqual([lob]);
    expect(noisy.exclusionsToAdd).toEqual([lob]);
    // The audited count, taken independently by a KQL count of the raw events.
    const raw = await service.run(actor, {
      query: `DeviceEvents | where Timestamp > ago(30d) | where ActionType == "AsrObfuscatedScriptAudited" | count`,
      timespan: "P30D",
    });
    expect(noisy.audited30).toBe(Number(raw.rows[0]!.Count));
    // A rule the tenant audits with no hits is safe.
    expect(advisor.advice.find((a) => a.guid === "7674ba52-37eb-4a4f-a9a1-f0f9a1619a2c")?.verdict).toBe("safe");
    const excluded = await setAsrExclusions(ctx, { paths: ["C:\\Program Files\\Contoso\\PayrollSync\\"] });
    expect(excluded.advice.find((a) => a.guid === noisy.guid)?.verdict).toBe("safe");
    await setAsrExclusions(ctx, { paths: [] });
  });

  it("answers Managers, refuses exclusions to Analysts, and explains a Plan 1 tenant's missing hunting", async () => {
    const manager = await sessionCookieFor("Manager");
    const res = await callRoute(summaryRoute, { path: "/api/posture", headers: { cookie: manager } });
    expect(res.status).toBe(200);
    expect((await res.json()).plan).toBe("p2");
    const analyst = await sessionCookieFor("Analyst");
    const refused = await callRoute(exclusionsRoute, {
      method: "PUT",
      path: "/api/posture/asr/exclusions",
      headers: { cookie: analyst, origin: TEST_ORIGIN },
      body: { paths: ["C:\\x"] },
    });
    expect(refused.status).toBe(403);
    const licences = await db().postureLicence.findMany();
    await db().postureLicence.updateMany({ data: { servicePlans: ["MDE_LITE"] } });
    try {
      expect((await getPostureSummary()).plan).toBe("p1");
      const p1 = await callRoute(refreshRoute, {
        method: "POST",
        path: "/api/posture/asr/refresh",
        headers: { cookie: manager, origin: TEST_ORIGIN },
      });
      expect(p1.status).toBe(409);
      expect((await p1.json()).error.code).toBe("plan_lacks_hunting");
      const report = await getPostureReport();
      expect(report.checklist.find((c) => c.id === "hunting-saved")?.evidence).toMatch(/Plan 2/);
    } finally {
      for (const l of licences)
        await db().postureLicence.update({
          where: { tenantId_skuId: { tenantId: l.tenantId, skuId: l.skuId } },
          data: { servicePlans: l.servicePlans },
        });
    }
  });

  it("keeps the day's figures as a trend point", async () => {
    const [point] = await listPostureTrend(7);
    const summary = await getPostureSummary();
    expect(point!.tamperProtectionOff).toBe(summary.figures.tamperProtectionOff);
    expect(point!.enrolledNotOnboarded).toBe(summary.figures.enrolledNotOnboarded);
  });
});

/** The inventory filter behind each headline figure (the /posture tiles link to these). */
const FIGURE_FILTER: Record<keyof PostureFigures, PostureFilter> = {
  mdeDevices: "inDefender",
  intuneDevices: "inIntune",
  enrolledNotOnboarded: "enrolledNotOnboarded",
  signaturesOutOfDate: "signaturesOutOfDate",
  passiveMode: "passiveMode",
  realTimeProtectionOff: "realTimeOff",
  tamperProtectionOff: "tamperOff",
  mobileAboveAllowed: "mobileAboveAllowed",
};

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
