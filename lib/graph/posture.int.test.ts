import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDefenderClient, deviceAvInfoPages, secureConfigurationPages } from "../defender";
import { drainPages, FAST_RETRIES, startEmulatedTenant, type EmulatedTenant } from "../defender/testing";
import {
  ASR_TEMPLATE_FAMILY,
  atpOnboardingStatePages,
  atpOnboardingSummary,
  complianceDeviceStatusPages,
  compliancePolicies,
  configurationPolicies,
  configurationPolicyAssignments,
  configurationPolicySettings,
  createGraphClient,
  getWindowsProtectionState,
  groupMemberPages,
  MDE_CONNECTOR_ID,
  mobileThreatDefenseConnectors,
  ProviderError,
  subscribedSkus,
  windowsProtectionStatePages,
} from "./index";

// The posture clients (Defender antivirus health and secure configuration, Intune and directory objects on Graph
// v1.0 and beta) against the emulator: every function parses what the service sends and pages to the end.

let tenant: EmulatedTenant;
const graph = () =>
  createGraphClient({
    baseUrl: tenant.emu.graphUrl,
    tokens: tenant.tokens(),
    fetch: tenant.transport.fetch,
    ...FAST_RETRIES,
  });
const defender = () =>
  createDefenderClient({
    baseUrl: tenant.emu.defenderUrl,
    xdrBaseUrl: tenant.emu.defenderUrl,
    tokens: tenant.tokens(),
    fetch: tenant.transport.fetch,
    ...FAST_RETRIES,
  });

beforeAll(async () => {
  tenant = await startEmulatedTenant({ seed: "posture-client", devices: 60, alerts: 20, vulnsPerDevice: 2 });
});
afterAll(async () => {
  await tenant?.close();
});

describe("Defender antivirus health and secure configuration", () => {
  it("reads every device's antivirus row and every assessment row across pages", async () => {
    const posture = tenant.emu.tenant.posture;
    const av = await drainPages(deviceAvInfoPages(defender(), { pageSize: 25 }));
    expect(av.items).toHaveLength(tenant.emu.tenant.machines.filter((m) => posture.av.has(m)).length);
    expect(av.skipped).toEqual([]);
    expect(av.items.filter((r) => r.avIsSignatureUpToDate === "False").length).toBeGreaterThan(0);
    const sca = await drainPages(secureConfigurationPages(defender(), { pageSize: 50 }));
    const assessed = tenant.emu.tenant.machines.filter(
      (m) => posture.av.has(m) && (m.family === "windows" || m.family === "server"),
    );
    expect(new Set(sca.items.map((r) => r.deviceId)).size).toBe(assessed.length);
    expect(
      sca.items.filter((r) => r.configurationName === "Turn on Tamper Protection" && r.isCompliant === false).length,
    ).toBe(assessed.filter((m) => !posture.av.get(m)!.tamperProtection).length);
  });
});

describe("Intune and directory objects", () => {
  it("reads protection states in one listing and one device by id", async () => {
    const all = await drainPages(windowsProtectionStatePages(graph()));
    const windows = all.items.filter((d) => d.windowsProtectionState);
    expect(windows.length).toBeGreaterThan(0);
    const one = await getWindowsProtectionState(graph(), windows[0]!.id);
    expect(one.tamperProtectionEnabled).toBe(windows[0]!.windowsProtectionState!.tamperProtectionEnabled);
  });

  it("reads the connector, onboarding, compliance, settings-catalog policies, licences and group members", async () => {
    const c = graph();
    const connectors = await mobileThreatDefenseConnectors(c);
    expect(connectors.find((x) => x.id === MDE_CONNECTOR_ID)?.windowsEnabled).toBe(true);
    const summary = await atpOnboardingSummary(c);
    const states = await drainPages(atpOnboardingStatePages(c));
    expect(summary.compliantDeviceCount).toBe(states.items.filter((s) => s.state === "compliant").length);
    const compliance = await compliancePolicies(c);
    const mobile = compliance.filter((p) => p.deviceThreatProtectionRequiredSecurityLevel === "medium");
    expect(mobile).toHaveLength(2);
    let statuses = 0;
    for (const p of mobile) statuses += (await drainPages(complianceDeviceStatusPages(c, p.id))).items.length;
    expect(statuses).toBe(
      tenant.emu.tenant.managedDevices.filter((d) => d.family === "ios" || d.family === "android").length,
    );
    const asr = await configurationPolicies(c, { templateFamily: ASR_TEMPLATE_FAMILY });
    expect(asr.length).toBeGreaterThan(0);
    const settings = await configurationPolicySettings(c, asr[0]!.id);
    expect(settings[0]!.settingInstance.settingDefinitionId).toBe(
      "device_vendor_msft_policy_config_defender_attacksurfacereductionrules",
    );
    const assignments = await configurationPolicyAssignments(c, asr[0]!.id);
    const members = await drainPages(groupMemberPages(c, assignments[0]!.target.groupId!));
    expect(members.items.every((m) => typeof m.deviceId === "string")).toBe(true);
    const skus = await subscribedSkus(c);
    expect(skus.flatMap((s) => s.servicePlans.map((p) => p.servicePlanName))).toContain("WINDEFATP");
  });

  it("a missing permission is a ProviderError with the status", async () => {
    const narrow = createGraphClient({
      baseUrl: tenant.emu.graphUrl,
      tokens: tenant.tokens(tenant.emu.readOnlyClient),
      fetch: tenant.transport.fetch,
      ...FAST_RETRIES,
    });
    const err = await mobileThreatDefenseConnectors(narrow).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).status).toBe(403);
  });
});
