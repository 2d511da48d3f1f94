import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableTestDatabases, createTestDatabase, type TestDatabase } from "../db/testing";
import { tenantScope } from "../cache/tenant";
import { postureFigures } from "../cache/posture-snapshot";
import { runSync } from "./engine";
import { rawAll, RAW_THREAT_RANK as RANK, startTestTenant, type TestTenant } from "./testing";
import type { SyncEntity } from "./types";

// The posture entities against the simulated tenant, on PGlite and PostgreSQL: after a sync, every cached count and
// headline figure equals the same count computed here from the raw API JSON (no console schema or query involved).

const kinds = await availableTestDatabases();
const ENTITIES: SyncEntity[] = ["machines", "intuneDevices", "avHealth", "intuneProtection", "postureConfig"];
type Raw = Record<string, unknown>;

let tenant: TestTenant;
const all = (path: string) => rawAll(tenant, path);
let truth: Awaited<ReturnType<typeof readTruth>>;

async function readTruth() {
  const machines = await all("/api/machines?$top=10000");
  const managed = await all("/beta/deviceManagement/managedDevices?$expand=windowsProtectionState&$top=1000");
  const av = await all("/api/deviceavinfo?$top=10000");
  const sca = await all("/api/machines/SecureConfigurationsAssessmentByMachine?pageSize=500");
  const onboarding = await all(
    "/beta/deviceManagement/advancedThreatProtectionOnboardingStateSummary/advancedThreatProtectionOnboardingDeviceSettingStates",
  );
  const compliance = await all("/v1.0/deviceManagement/deviceCompliancePolicies");
  const configuration = await all("/beta/deviceManagement/configurationPolicies");
  const aadOfMachine = new Map(machines.map((m) => [String(m.id), m.aadDeviceId as string | null]));
  const mdeAad = new Set(machines.map((m) => m.aadDeviceId).filter(Boolean));
  // A device is one key whichever side reports it: its Entra device id when it has one.
  const keyOfMachine = (id: string) => (aadOfMachine.get(id) ? `aad:${aadOfMachine.get(id)}` : `mde:${id}`);
  const keyOfManaged = (d: Raw) => `aad:${d.azureADDeviceId}`;
  const off = (intuneField: string, configurationName: string) => {
    const keys = new Set<string>();
    for (const d of managed) {
      const s = d.windowsProtectionState as Raw | null;
      if (s && s[intuneField] === false) keys.add(keyOfManaged(d));
    }
    for (const r of sca)
      if (r.configurationName === configurationName && r.isCompliant === false)
        keys.add(keyOfMachine(String(r.deviceId)));
    return keys.size;
  };
  const allowed = (os: string) =>
    Math.min(
      ...compliance
        .filter((p) => String(p["@odata.type"]).toLowerCase().includes(os.toLowerCase()))
        .map((p) => RANK[String(p.deviceThreatProtectionRequiredSecurityLevel)] ?? 99),
    );
  let members = 0;
  const groups = new Set<string>();
  for (const p of configuration)
    for (const a of await all(`/beta/deviceManagement/configurationPolicies/${p.id}/assignments`))
      groups.add(String((a.target as Raw).groupId));
  for (const p of compliance)
    for (const a of await all(`/v1.0/deviceManagement/deviceCompliancePolicies/${p.id}/assignments`))
      groups.add(String((a.target as Raw).groupId));
  for (const g of groups) members += (await all(`/v1.0/groups/${g}/members`)).length;
  let statuses = 0;
  for (const p of compliance)
    statuses += (await all(`/v1.0/deviceManagement/deviceCompliancePolicies/${p.id}/deviceStatuses`)).length;
  return {
    counts: {
      avHealth: av.length,
      protection: managed.filter((d) => d.windowsProtectionState).length,
      policies: compliance.length + configuration.length,
      onboarding: onboarding.length,
      compliance: statuses,
      members,
    },
    figures: {
      mdeDevices: machines.length,
      intuneDevices: managed.length,
      enrolledNotOnboarded: managed.filter((d) => !mdeAad.has(d.azureADDeviceId)).length,
      signaturesOutOfDate: av.filter((r) => r.avIsSignatureUpToDate === "False").length,
      passiveMode: av.filter((r) => r.avMode === "1" || r.avMode === "5").length,
      realTimeProtectionOff: off("realTimeProtectionEnabled", "Turn on real-time protection"),
      tamperProtectionOff: off("tamperProtectionEnabled", "Turn on Tamper Protection"),
      mobileAboveAllowed: managed.filter((d) => {
        const os = String(d.operatingSystem);
        if (os !== "iOS" && os !== "Android") return false;
        return (RANK[String(d.partnerReportedThreatState)] ?? 0) > allowed(os);
      }).length,
    },
    asr: await all(
      `/beta/deviceManagement/configurationPolicies?$filter=templateReference/TemplateFamily eq 'endpointSecurityAttackSurfaceReduction'`,
    ),
  };
}

beforeAll(async () => {
  tenant = await startTestTenant({ seed: "posture-sync", devices: 150, alerts: 40, vulnsPerDevice: 2 });
  truth = await readTruth();
}, 120_000);
afterAll(async () => {
  await tenant?.close();
});

describe.each(kinds)("posture sync on %s", (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  it("caches every posture record and snapshots figures equal to the raw tenant's", async () => {
    const summaries = await runSync({
      db: db.prisma,
      sources: tenant.sources({ pageSize: { avHealth: 40, intuneProtection: 50 } }),
      entities: ENTITIES,
      full: true,
    });
    expect(summaries.filter((s) => s.status !== "ok").map((s) => `${s.entity}: ${s.error}`)).toEqual([]);
    const p = db.prisma;
    const where = tenantScope();
    expect({
      avHealth: await p.deviceAvHealth.count({ where }),
      protection: await p.intuneProtectionState.count({ where }),
      policies: await p.posturePolicy.count({ where }),
      onboarding: await p.postureDeviceState.count({ where: { ...where, kind: "onboarding" } }),
      compliance: await p.postureDeviceState.count({ where: { ...where, kind: "compliance" } }),
      members: await p.postureGroupMember.count({ where }),
    }).toEqual(truth.counts);
    const figures = await postureFigures(p);
    expect(figures).toEqual(truth.figures);
    for (const k of ["signaturesOutOfDate", "passiveMode", "realTimeProtectionOff", "tamperProtectionOff"] as const)
      expect(figures[k], k).toBeGreaterThan(0);
    const snapshot = await p.postureSnapshot.findFirstOrThrow({ where });
    expect(snapshot.tamperProtectionOff).toBe(truth.figures.tamperProtectionOff);
    // ASR modes: the baseline's obfuscated-scripts rule (5beb7efe…) is in Audit, as Intune's settings say.
    const baseline = await p.posturePolicy.findFirstOrThrow({ where: { ...where, id: String(truth.asr[0]!.id) } });
    expect((baseline.asrModes as Record<string, string>)["5beb7efe-fd9a-4556-801d-275e5ffc04cc"]).toBe("audit");
    const licence = await p.postureLicence.findFirstOrThrow({ where });
    expect(licence.servicePlans).toContain("WINDEFATP");
    expect((await p.postureConnector.findFirstOrThrow({ where })).windowsEnabled).toBe(true);
    // On PostgreSQL every antivirus-health page drew a slot from the shared budget first (at most one spare slot
    // for the look past the last page).
    if (kind === "postgresql") {
      const slots = await p.providerCall.count({ where: { ...where, family: "defender.deviceavinfo" } });
      const pages = Math.ceil(truth.counts.avHealth / 40);
      expect(slots).toBeGreaterThanOrEqual(pages);
      expect(slots).toBeLessThanOrEqual(pages + 1);
    }
  });

  it("reads the protection state incrementally: only devices synced since the watermark, changes applied", async () => {
    const t = tenant.emulator.tenant;
    const device = t.managedDevices.find((d) => d.family === "windows" && t.posture.av.get(d)?.tamperProtection)!;
    t.posture.av.get(device)!.tamperProtection = false;
    device.intune!.lastSyncMs = Date.now() + 60_000;
    const [summary] = await runSync({
      db: db.prisma,
      sources: tenant.sources(),
      entities: ["intuneProtection"],
      policy: { scoresRefreshMs: 0 },
    });
    expect(summary!.status).toBe("ok");
    expect(summary!.mode).toBe("incremental");
    expect(summary!.fetched).toBeGreaterThan(0);
    expect(summary!.fetched).toBeLessThan(t.managedDevices.length);
    const row = await db.prisma.intuneProtectionState.findFirstOrThrow({
      where: { ...tenantScope(), managedDeviceId: device.intune!.id },
    });
    expect(row.tamperProtection).toBe(false);
    // Put the tenant back for the next database.
    t.posture.av.get(device)!.tamperProtection = true;
  });

  it("a second pass within the cadence is not due; a full pass keeps the same rows", async () => {
    const again = await runSync({ db: db.prisma, sources: tenant.sources(), entities: ["avHealth"] });
    expect(again[0]!.status).toBe("not-due");
    const before = await db.prisma.deviceAvHealth.count({ where: tenantScope() });
    const full = await runSync({ db: db.prisma, sources: tenant.sources(), entities: ["avHealth"], full: true });
    expect(full[0]!.status).toBe("ok");
    expect(await db.prisma.deviceAvHealth.count({ where: tenantScope() })).toBe(before);
  });
});
