// Deployment posture of the generated tenant, from its own seeded stream (`{seed}:posture`) so the rest of the tenant
// keeps its content. Imperfections a real tenant has, scaled with its size and never absent: stale signatures,
// real-time protection off, tamper protection off, passive mode, Intune-enrolled devices never onboarded (the
// Intune-only devices), a macOS group without the Full Disk Access profile, an ASR rule in Audit for 30 days with a
// noisy line-of-business script, a rule with no hits, mobile devices above the allowed threat level and an MTD
// connector whose heartbeat is late.
import { DAY_MS, HOUR_MS } from "../../clock";
import { Rng } from "../../random";
import type { Device } from "../model";
import { ASR_RULES, ASR_SETTING_PREFIX, type AsrMode } from "./asr-rules";
import { buildAsrEvents } from "./asr-events";
import type {
  AvState,
  CompliancePolicy,
  EntraGroup,
  MtdConnector,
  OnboardingState,
  Plan,
  Posture,
  SettingsPolicy,
  SubscribedSku,
} from "./model";
import { subscribedSkus } from "./skus";

/** The Microsoft Defender for Endpoint connector's id (the WindowsDefenderATP application id). */
export const MDE_CONNECTOR_ID = "fc780465-2017-40d4-a0c5-307022471b92";
const ASR_TEMPLATE_ID = "e8c053d6-9f95-42b1-a7f1-ebfd71c67a4b_1";
const ASR_GROUP_TEMPLATE = "19600663-e264-4c02-8f55-f2983216d6d7";

/** At least one, otherwise a share of the population. */
const scaled = (n: number, share: number) => (n === 0 ? 0 : Math.max(1, Math.round(n * share)));

function pickSome<T>(rng: Rng, items: readonly T[], count: number): Set<T> {
  return new Set(rng.shuffle([...items]).slice(0, count));
}

const isWindows = (d: Device) => d.family === "windows" || d.family === "server";
const isMobile = (d: Device) => d.family === "ios" || d.family === "android";

export interface PostureInput {
  seed: string;
  tenantId: string;
  anchorMs: number;
  plan: Plan;
  machines: Device[];
  managedDevices: Device[];
}

export function generatePosture(input: PostureInput): Posture {
  const { seed, tenantId, anchorMs, plan, machines, managedDevices } = input;
  const rng = new Rng(`${seed}:posture`);
  const all = [...machines, ...managedDevices.filter((d) => !d.inMde)];

  // Entra security groups mirroring the device groups; Intune assigns policies to them.
  const groups: EntraGroup[] = [];
  const groupOf = new Map<Device, EntraGroup>();
  const byDeviceGroup = new Map<number, EntraGroup>();
  for (const d of all) {
    let g = byDeviceGroup.get(d.group.id);
    if (!g) {
      g = { id: rng.guid(), displayName: `SG-Devices-${d.group.name.replace(/\W+/g, "")}`, members: [] };
      byDeviceGroup.set(d.group.id, g);
      groups.push(g);
    }
    if (d.aadDeviceId) {
      g.members.push(d);
      groupOf.set(d, g);
    }
  }
  const groupsWhere = (test: (d: Device) => boolean) => groups.filter((g) => g.members.some(test));

  const av = antivirus(rng, all, anchorMs);
  const currentSignatureVersion = signatureVersion(anchorMs, 0);

  // ASR: one policy per device — a strict one for Finance, the baseline everywhere else Windows runs.
  const windowsGroups = groupsWhere(isWindows);
  const finance = windowsGroups.find((g) => g.displayName === "SG-Devices-Finance") ?? null;
  const baselineModes = new Map<string, AsrMode>([
    ["3b576869-a4ec-4529-8536-b80a7769e899", "block"],
    ["75668c1f-73b5-4cf0-bb93-3ecf5cb7cc84", "block"],
    ["d3e037e1-3eb8-44c8-a917-57927947596d", "block"],
    ["9e6c4e1f-7d60-472f-ba1a-a39ef669e4b2", "block"],
    ["e6db77e5-3df2-4cf1-b95a-636979351e5b", "audit"],
    ["b2b3f03d-6a65-4f7b-a9c7-1c7ef74a9ba4", "block"],
    ["7674ba52-37eb-4a4f-a9a1-f0f9a1619a2c", "audit"],
    ["5beb7efe-fd9a-4556-801d-275e5ffc04cc", "audit"],
    ["d4f940ab-401b-4efc-aadc-ad5f3c50688a", "audit"],
  ]);
  const strictModes = new Map(baselineModes);
  strictModes.set("e6db77e5-3df2-4cf1-b95a-636979351e5b", "block");
  strictModes.set("5beb7efe-fd9a-4556-801d-275e5ffc04cc", "block");
  const asrPolicy = (name: string, modes: Map<string, AsrMode>, targets: EntraGroup[], createdDays: number) =>
    settingsPolicy(rng, anchorMs, {
      name,
      description: "Attack surface reduction rules (Endpoint security › Attack surface reduction).",
      platforms: "windows10",
      technologies: "mdm,microsoftSense",
      templateId: ASR_TEMPLATE_ID,
      templateFamily: "endpointSecurityAttackSurfaceReduction",
      templateDisplayName: "Attack Surface Reduction Rules",
      createdDays,
      modifiedDays: 30,
      settings: [asrSettings(modes)],
      targets,
      asrModes: modes,
    });
  const policies: SettingsPolicy[] = [
    asrPolicy(
      "ASR – Baseline (Windows)",
      baselineModes,
      windowsGroups.filter((g) => g !== finance),
      75,
    ),
  ];
  if (finance) policies.push(asrPolicy("ASR – Finance (strict)", strictModes, [finance], 60));

  const endpointWindowsGroups = groupsWhere((d) => d.family === "windows");
  policies.push(
    settingsPolicy(rng, anchorMs, {
      name: "MDE onboarding – Windows",
      description: "Endpoint detection and response: onboard from the connector.",
      platforms: "windows10",
      technologies: "mdm,microsoftSense",
      templateId: "0385b795-0f2f-44ac-8602-9f65bf6adede_1",
      templateFamily: "endpointSecurityEndpointDetectionAndResponse",
      templateDisplayName: "Endpoint detection and response",
      createdDays: 400,
      modifiedDays: 200,
      settings: [
        choice(
          "device_vendor_msft_windowsadvancedthreatprotection_configurationtype",
          "device_vendor_msft_windowsadvancedthreatprotection_configurationtype_autofromconnector",
        ),
      ],
      targets: endpointWindowsGroups,
      asrModes: null,
    }),
    settingsPolicy(rng, anchorMs, {
      name: "Defender Antivirus – Windows",
      description: "Next-generation protection: cloud, behaviour monitoring, real-time, PUA block.",
      platforms: "windows10",
      technologies: "mdm,microsoftSense",
      templateId: "804339ad-1553-4478-a742-138fb5807418_1",
      templateFamily: "endpointSecurityAntivirus",
      templateDisplayName: "Microsoft Defender Antivirus",
      createdDays: 380,
      modifiedDays: 90,
      settings: [
        choice("device_vendor_msft_policy_config_defender_allowcloudprotection", "_1"),
        choice("device_vendor_msft_policy_config_defender_allowbehaviormonitoring", "_1"),
        choice("device_vendor_msft_policy_config_defender_allowrealtimemonitoring", "_1"),
        choice("device_vendor_msft_policy_config_defender_puaprotection", "_1"),
      ],
      targets: windowsGroups,
      asrModes: null,
    }),
  );

  // macOS: the system-extension profile reaches every Mac group; the Full Disk Access (PPPC) profile misses one.
  const macGroups = groupsWhere((d) => d.family === "macos" && d.intune !== null);
  const missingFda = macGroups.length ? rng.pick(macGroups) : null;
  policies.push(
    settingsPolicy(rng, anchorMs, {
      name: "MDE macOS – System extensions",
      description: "Allow the Microsoft Defender system extensions.",
      platforms: "macOS",
      technologies: "mdm,appleRemoteManagement",
      templateId: "",
      templateFamily: "none",
      templateDisplayName: "",
      createdDays: 300,
      modifiedDays: 120,
      settings: [
        simple("com.apple.system-extension-policy_allowedsystemextensions", "com.microsoft.wdav.epsext"),
        simple("com.apple.system-extension-policy_allowedsystemextensions", "com.microsoft.wdav.netext"),
      ],
      targets: macGroups,
      asrModes: null,
    }),
    settingsPolicy(rng, anchorMs, {
      name: "MDE macOS – Full Disk Access (PPPC)",
      description: "Privacy preferences: Full Disk Access for Microsoft Defender.",
      platforms: "macOS",
      technologies: "mdm,appleRemoteManagement",
      templateId: "",
      templateFamily: "none",
      templateDisplayName: "",
      createdDays: 300,
      modifiedDays: 120,
      settings: [
        simple("com.apple.tcc.configuration-profile-policy_services_systempolicyallfiles", "com.microsoft.wdav"),
      ],
      targets: macGroups.filter((g) => g !== missingFda),
      asrModes: null,
    }),
  );

  // The hunting tables ask this for every ASR event they read: one policy look-up per group, then a map hit.
  const modesOfGroup = new Map<EntraGroup, Map<string, AsrMode> | null>();
  for (const g of groups)
    modesOfGroup.set(
      g,
      policies.find((p) => p.asrModes && p.assignments.some((a) => a.kind === "group" && a.groupId === g.id))
        ?.asrModes ?? null,
    );
  const modeOf = (device: Device, ruleGuid: string): AsrMode | null => {
    const g = groupOf.get(device);
    return (g && modesOfGroup.get(g)?.get(ruleGuid)) ?? null;
  };

  const compliancePolicies = compliance(rng, anchorMs, groups);
  raiseMobileThreats(rng, managedDevices);

  const asr = buildAsrEvents(seed, anchorMs, machines, (d, guid) => modeOf(d, guid));

  return {
    plan,
    av,
    groups,
    groupOf,
    configurationPolicies: policies,
    compliancePolicies,
    connectors: [mdeConnector(rng, anchorMs)],
    onboarding: onboardingStates(rng, managedDevices),
    skus: subscribedSkus(tenantId, plan, machines.length),
    asrEvents: asr.events,
    facts: {
      lobApp: asr.lobApp,
      missingFdaGroupId: missingFda?.id ?? "",
      currentSignatureVersion,
    },
    asrModeFor: modeOf,
  };
}

/** Security-intelligence builds move ~3 a day; `ageDays` old builds have lower numbers. */
function signatureVersion(atMs: number, ageDays: number): string {
  const build = Math.floor((atMs - Date.UTC(2024, 0, 1)) / (8 * HOUR_MS)) - ageDays * 3;
  return `1.${403 + Math.floor(build / 1000)}.${build % 1000}.0`;
}

function antivirus(rng: Rng, all: Device[], anchorMs: number): Map<Device, AvState> {
  // Defender AV runs on Windows (also before MDE onboarding), macOS and Linux; mobile devices have no AV engine here.
  const covered = all.filter((d) => !isMobile(d) && (d.inMde || d.family === "windows"));
  const intuneWindows = covered.filter((d) => d.family === "windows" && d.intune !== null);
  const mdeWindows = covered.filter((d) => d.inMde && isWindows(d));
  const stale = new Set(covered.filter((d) => d.defenderAvStatus === "NotUpdated"));
  if (stale.size === 0 && mdeWindows.length) stale.add(rng.pick(mdeWindows));
  const rtpOff = pickSome(rng, intuneWindows, scaled(intuneWindows.length, 0.03));
  const tamperOff = pickSome(rng, intuneWindows, scaled(intuneWindows.length, 0.05));
  // Passive mode: servers behind another vendor's antivirus first, then a few workstations.
  const servers = mdeWindows.filter((d) => d.family === "server");
  const passive = pickSome(rng, servers.length ? servers : mdeWindows, scaled(mdeWindows.length, 0.04));
  const out = new Map<Device, AvState>();
  for (const d of covered) {
    const isStale = stale.has(d);
    const sigAge = isStale ? rng.int(4, 21) : 0;
    const sigUpdate = anchorMs - sigAge * DAY_MS - rng.int(1, 20) * HOUR_MS;
    const unknown = d.defenderAvStatus === "NotReporting";
    const quickOverdue = rng.chance(0.06);
    const fullOverdue = quickOverdue || rng.chance(0.08);
    out.set(d, {
      mode: d.defenderAvStatus === "Disabled" ? "2" : passive.has(d) ? "1" : "0",
      signatureUpToDate: unknown ? "Unknown" : isStale ? "False" : "True",
      engineUpToDate: unknown ? "Unknown" : isStale && rng.chance(0.5) ? "False" : "True",
      platformUpToDate: unknown ? "Unknown" : rng.chance(0.93) ? "True" : "False",
      signatureVersion: signatureVersion(anchorMs, sigAge),
      engineVersion: isStale ? "1.1.24080.9" : "1.1.24090.11",
      platformVersion: d.family === "macos" || d.family === "linux" ? "101.24092.0011" : "4.18.24090.11",
      signatureUpdateMs: sigUpdate,
      signaturePublishMs: sigUpdate - rng.int(1, 6) * HOUR_MS,
      engineUpdateMs: anchorMs - rng.int(5, 40) * DAY_MS,
      platformUpdateMs: anchorMs - rng.int(10, 60) * DAY_MS,
      quickScanMs: anchorMs - (quickOverdue ? rng.int(3, 12) * DAY_MS : rng.int(1, 22) * HOUR_MS),
      quickScanResult: rng.chance(0.97) ? "Completed" : "Failed",
      fullScanMs: rng.chance(0.05) ? null : anchorMs - (fullOverdue ? rng.int(9, 40) : rng.int(0, 6)) * DAY_MS,
      fullScanResult: rng.chance(0.95) ? "Completed" : "Canceled",
      realTimeProtection: !rtpOff.has(d),
      tamperProtection: !tamperOff.has(d) && (d.intune !== null || rng.chance(0.95)),
      behaviorMonitoring: !rtpOff.has(d) && rng.chance(0.98),
      cloudProtection: rng.chance(0.97),
      puaProtection: rng.chance(0.9),
      lastReportedMs: Math.min(anchorMs, d.lastSeenMs),
    });
  }
  return out;
}

/** A policy as the generator describes it: ages in days and target groups instead of dates and assignments. */
type PolicySpec = Omit<SettingsPolicy, "id" | "createdMs" | "lastModifiedMs" | "assignments"> & {
  createdDays: number;
  modifiedDays: number;
  targets: EntraGroup[];
};

function settingsPolicy(rng: Rng, anchorMs: number, s: PolicySpec): SettingsPolicy {
  return {
    id: rng.guid(),
    name: s.name,
    description: s.description,
    platforms: s.platforms,
    technologies: s.technologies,
    templateId: s.templateId,
    templateFamily: s.templateFamily,
    templateDisplayName: s.templateDisplayName,
    createdMs: anchorMs - s.createdDays * DAY_MS - rng.int(0, 80_000) * 1000,
    lastModifiedMs: anchorMs - s.modifiedDays * DAY_MS - rng.int(0, 80_000) * 1000,
    settings: s.settings,
    assignments: s.targets.map((g) => ({ kind: "group", groupId: g.id })),
    asrModes: s.asrModes,
  };
}

function choice(definitionId: string, value: string): Record<string, unknown> {
  return {
    "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
    settingDefinitionId: definitionId,
    choiceSettingValue: { value: value.startsWith("_") ? definitionId + value : value, children: [] },
  };
}

function simple(definitionId: string, value: string): Record<string, unknown> {
  return {
    "@odata.type": "#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance",
    settingDefinitionId: definitionId,
    simpleSettingValue: {
      "@odata.type": "#microsoft.graph.deviceManagementConfigurationStringSettingValue",
      value,
    },
  };
}

function asrSettings(modes: Map<string, AsrMode>): Record<string, unknown> {
  return {
    "@odata.type": "#microsoft.graph.deviceManagementConfigurationGroupSettingCollectionInstance",
    settingDefinitionId: ASR_SETTING_PREFIX,
    settingInstanceTemplateReference: { settingInstanceTemplateId: ASR_GROUP_TEMPLATE },
    groupSettingCollectionValue: [
      {
        children: ASR_RULES.filter((r) => modes.has(r.guid)).map((r) =>
          choice(`${ASR_SETTING_PREFIX}_${r.settingSuffix}`, `_${modes.get(r.guid)}`),
        ),
      },
    ],
  };
}

function compliance(rng: Rng, anchorMs: number, groups: EntraGroup[]): CompliancePolicy[] {
  const targets = (family: Device["family"]) =>
    groups
      .filter((g) => g.members.some((d) => d.family === family && d.intune))
      .map((g) => ({ kind: "group" as const, groupId: g.id }));
  const make = (
    family: CompliancePolicy["family"],
    odataType: string,
    displayName: string,
    requiredThreatLevel: string | null,
  ): CompliancePolicy => ({
    id: rng.guid(),
    odataType,
    displayName,
    description: requiredThreatLevel ? "Maximum allowed device threat level: Medium (Defender for Endpoint)." : "",
    createdMs: anchorMs - rng.int(200, 500) * DAY_MS,
    lastModifiedMs: anchorMs - rng.int(20, 150) * DAY_MS,
    version: rng.int(1, 9),
    family,
    requiredThreatLevel,
    assignments: targets(family),
  });
  return [
    make("ios", "#microsoft.graph.iosCompliancePolicy", "iOS – Defender threat level", "medium"),
    make("android", "#microsoft.graph.androidCompliancePolicy", "Android – Defender threat level", "medium"),
    make("windows", "#microsoft.graph.windows10CompliancePolicy", "Windows – BitLocker and Defender", null),
    make("macos", "#microsoft.graph.macOSCompliancePolicy", "macOS – FileVault", null),
  ];
}

const ABOVE_MEDIUM = new Set(["highSeverity", "compromised"]);

/**
 * Mobile devices above the allowed level (Medium): the generated Intune records already carry some highSeverity
 * reports; a small tenant gets at least one. Such a device fails its compliance policy, so Conditional Access
 * blocks it: its compliance state follows.
 */
function raiseMobileThreats(rng: Rng, managedDevices: Device[]): void {
  const mobile = managedDevices.filter(isMobile);
  if (!mobile.length) return;
  const wanted = scaled(mobile.length, 0.03);
  const above = mobile.filter((d) => ABOVE_MEDIUM.has(d.intune!.partnerReportedThreatState));
  for (const d of rng.shuffle(mobile.filter((d) => !above.includes(d))).slice(0, Math.max(0, wanted - above.length)))
    d.intune!.partnerReportedThreatState = "highSeverity";
  for (const d of mobile)
    if (ABOVE_MEDIUM.has(d.intune!.partnerReportedThreatState)) d.intune!.complianceState = "noncompliant";
}

/** The MDE connector: enabled, but its last heartbeat is older than the 24 hours the services are expected to keep. */
function mdeConnector(rng: Rng, anchorMs: number): MtdConnector {
  return {
    id: MDE_CONNECTOR_ID,
    lastHeartbeatMs: anchorMs - rng.int(30, 52) * HOUR_MS - rng.int(0, 3599) * 1000,
    partnerState: "enabled",
    thresholdDays: 7,
    flags: {
      androidEnabled: true,
      iosEnabled: true,
      windowsEnabled: true,
      macEnabled: true,
      androidMobileApplicationManagementEnabled: true,
      iosMobileApplicationManagementEnabled: true,
      windowsMobileApplicationManagementEnabled: false,
      androidDeviceBlockedOnMissingPartnerData: false,
      iosDeviceBlockedOnMissingPartnerData: false,
      windowsDeviceBlockedOnMissingPartnerData: false,
      macDeviceBlockedOnMissingPartnerData: false,
      partnerUnsupportedOsVersionBlocked: false,
      allowPartnerToCollectIOSApplicationMetadata: false,
      allowPartnerToCollectIOSPersonalApplicationMetadata: false,
      allowPartnerToCollectIosCertificateMetadata: false,
      allowPartnerToCollectIosPersonalCertificateMetadata: false,
      microsoftDefenderForEndpointAttachEnabled: true,
    },
  };
}

/**
 * Intune's onboarding-policy state per Windows device: onboarded devices are compliant; enrolled devices never seen
 * by Defender are pending, failing or unknown.
 */
function onboardingStates(rng: Rng, managedDevices: Device[]): OnboardingState[] {
  return managedDevices
    .filter((d) => d.family === "windows")
    .map((d) => ({
      id: rng.guid(),
      device: d,
      state:
        d.inMde && d.onboardingStatus === "Onboarded"
          ? "compliant"
          : rng.weighted([
              ["nonCompliant", 5],
              ["error", 2],
              ["unknown", 3],
            ] as const),
    }));
}

export type { SubscribedSku };
