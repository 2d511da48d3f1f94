import type {
  DeviceAvHealth,
  IntuneProtectionState,
  PostureConnector,
  PostureDeviceState,
  PostureGroupMember,
  PostureLicence,
  PosturePolicy,
  PostureSnapshot,
} from "../generated/prisma/client";
import type { SqlExecutor } from "../db/raw-transaction";
import type { DeviceAvInfo, SecureConfigurationAssessment } from "../defender/schemas";
import type {
  CompliancePolicy,
  ConfigurationPolicy,
  ConfigurationPolicySetting,
  ManagedDeviceProtection,
  MobileThreatDefenseConnector,
  PolicyAssignment,
  SubscribedSku,
} from "../graph/schemas";
import { ASR_SETTING_PREFIX, asrChoice, type AsrMode } from "./asr-rules";
import { bulkUpsert, type BulkTable } from "./bulk";
import type { JsonRow } from "./json-row";
import { cacheTenantId } from "./tenant";

// The deployment-posture tables. Every pull is complete (no change field to page on), so a pass upserts what it saw
// and then removes the rows it did not see again (syncedAt older than the pass).

const iso = (v: string | null | undefined) => (v ? new Date(v).toISOString() : null);

// --- Defender antivirus health, with the secure-configuration verdicts merged in ---

export type AvHealthRow = JsonRow<DeviceAvHealth>;

export const AV_HEALTH_TABLE: BulkTable<AvHealthRow> = {
  table: "DeviceAvHealth",
  key: ["machineId"],
  columns: {
    machineId: "text",
    computerDnsName: "text",
    osKind: "text",
    osPlatform: "text",
    rbacGroupName: "text",
    avMode: "text",
    signatureUpToDate: "text",
    engineUpToDate: "text",
    platformUpToDate: "text",
    signatureVersion: "text",
    engineVersion: "text",
    platformVersion: "text",
    signatureUpdatedAt: "timestamp(3)",
    quickScanAt: "timestamp(3)",
    quickScanResult: "text",
    fullScanAt: "timestamp(3)",
    fullScanResult: "text",
    lastSeenAt: "timestamp(3)",
    tamperCompliant: "boolean",
    realTimeCompliant: "boolean",
    behaviorCompliant: "boolean",
    cloudCompliant: "boolean",
    puaCompliant: "boolean",
    sensorCompliant: "boolean",
    syncedAt: "timestamp(3)",
  },
};

/** Secure-configuration checks kept per device, by configuration name (their ids are community-sourced). */
const VERDICT_BY_NAME: Record<string, keyof AvVerdicts> = {
  "turn on tamper protection": "tamperCompliant",
  "turn on real-time protection": "realTimeCompliant",
  "enable microsoft defender antivirus real-time behavior monitoring": "behaviorCompliant",
  "enable cloud-delivered protection": "cloudCompliant",
  "turn on pua protection in block mode": "puaCompliant",
  "sensor enabled": "sensorCompliant",
};

export type AvVerdicts = Pick<
  AvHealthRow,
  "tamperCompliant" | "realTimeCompliant" | "behaviorCompliant" | "cloudCompliant" | "puaCompliant" | "sensorCompliant"
>;

const NO_VERDICTS: AvVerdicts = {
  tamperCompliant: null,
  realTimeCompliant: null,
  behaviorCompliant: null,
  cloudCompliant: null,
  puaCompliant: null,
  sensorCompliant: null,
};

/** Folds assessment rows into per-device verdicts (applicable rows only). */
export function addVerdicts(into: Map<string, AvVerdicts>, rows: readonly SecureConfigurationAssessment[]): void {
  for (const r of rows) {
    const key = VERDICT_BY_NAME[(r.configurationName ?? "").trim().toLowerCase()];
    if (!key || r.isApplicable === false || r.isCompliant === null || r.isCompliant === undefined) continue;
    const v = into.get(r.deviceId) ?? { ...NO_VERDICTS };
    v[key] = r.isCompliant;
    into.set(r.deviceId, v);
  }
}

export function avHealthRow(r: DeviceAvInfo, verdicts: AvVerdicts | undefined, syncedAt: string): AvHealthRow {
  return {
    machineId: r.machineId,
    computerDnsName: r.computerDnsName ?? null,
    osKind: r.osKind ?? null,
    osPlatform: r.osPlatform ?? null,
    rbacGroupName: r.rbacGroupName ?? null,
    avMode: r.avMode ?? null,
    signatureUpToDate: r.avIsSignatureUpToDate ?? null,
    engineUpToDate: r.avIsEngineUpToDate ?? null,
    platformUpToDate: r.avIsPlatformUpToDate ?? null,
    signatureVersion: r.avSignatureVersion ?? null,
    engineVersion: r.avEngineVersion ?? null,
    platformVersion: r.avPlatformVersion ?? null,
    signatureUpdatedAt: iso(r.avSignatureUpdateTime),
    quickScanAt: iso(r.quickScanTime),
    quickScanResult: r.quickScanResult || null,
    fullScanAt: iso(r.fullScanTime),
    fullScanResult: r.fullScanResult || null,
    lastSeenAt: iso(r.lastSeenTime),
    ...(verdicts ?? NO_VERDICTS),
    syncedAt,
  };
}

// --- Intune protection state and mobile threat reports ---

export type ProtectionRow = JsonRow<IntuneProtectionState>;

export const PROTECTION_TABLE: BulkTable<ProtectionRow> = {
  table: "IntuneProtectionState",
  key: ["managedDeviceId"],
  columns: {
    managedDeviceId: "text",
    deviceName: "text",
    azureADDeviceId: "text",
    malwareProtection: "boolean",
    realTimeProtection: "boolean",
    tamperProtection: "boolean",
    signatureUpdateOverdue: "boolean",
    quickScanOverdue: "boolean",
    fullScanOverdue: "boolean",
    deviceState: "text",
    productStatus: "text",
    signatureVersion: "text",
    engineVersion: "text",
    lastQuickScanAt: "timestamp(3)",
    lastFullScanAt: "timestamp(3)",
    lastReportedAt: "timestamp(3)",
    syncedAt: "timestamp(3)",
  },
};

export function protectionRow(d: ManagedDeviceProtection, syncedAt: string): ProtectionRow | null {
  const s = d.windowsProtectionState;
  if (!s) return null;
  return {
    managedDeviceId: d.id,
    deviceName: d.deviceName ?? null,
    azureADDeviceId: d.azureADDeviceId ?? null,
    malwareProtection: s.malwareProtectionEnabled ?? null,
    realTimeProtection: s.realTimeProtectionEnabled ?? null,
    tamperProtection: s.tamperProtectionEnabled ?? null,
    signatureUpdateOverdue: s.signatureUpdateOverdue ?? null,
    quickScanOverdue: s.quickScanOverdue ?? null,
    fullScanOverdue: s.fullScanOverdue ?? null,
    deviceState: s.deviceState ?? null,
    productStatus: s.productStatus ?? null,
    signatureVersion: s.signatureVersion ?? null,
    engineVersion: s.engineVersion ?? null,
    lastQuickScanAt: iso(s.lastQuickScanDateTime),
    lastFullScanAt: iso(s.lastFullScanDateTime),
    lastReportedAt: iso(s.lastReportedDateTime),
    syncedAt,
  };
}

// --- Per-device Intune states: onboarding, compliance status, mobile threat report ---

export type DeviceStateRow = JsonRow<PostureDeviceState>;
export const DEVICE_STATE_KINDS = { onboarding: "onboarding", compliance: "compliance", mobileThreat: "mobileThreat" };

export const DEVICE_STATE_TABLE: BulkTable<DeviceStateRow> = {
  table: "PostureDeviceState",
  key: ["kind", "policyId", "subject"],
  columns: {
    kind: "text",
    policyId: "text",
    subject: "text",
    state: "text",
    reportedAt: "timestamp(3)",
    syncedAt: "timestamp(3)",
  },
};

/** A mobile device's threat report from its MTD partner (partnerReportedThreatState), keyed by managed device id. */
export function mobileThreatRow(d: ManagedDeviceProtection, syncedAt: string): DeviceStateRow | null {
  const os = (d.operatingSystem ?? "").toLowerCase();
  if (os !== "ios" && os !== "android" && os !== "ipados") return null;
  const threat = d.partnerReportedThreatState;
  return {
    kind: DEVICE_STATE_KINDS.mobileThreat,
    policyId: "",
    subject: d.id,
    state: threat || "unknown",
    reportedAt: null,
    syncedAt,
  };
}

// --- Policies and who they reach ---

export type PolicyRow = JsonRow<PosturePolicy>;

export const POLICY_TABLE: BulkTable<PolicyRow> = {
  table: "PosturePolicy",
  key: ["id"],
  columns: {
    id: "text",
    kind: "text",
    name: "text",
    odataType: "text",
    templateFamily: "text",
    platforms: "text",
    requiredThreatLevel: "text",
    settingIds: "text[]",
    asrModes: "jsonb",
    groupIds: "text[]",
    excludedGroupIds: "text[]",
    createdAt: "timestamp(3)",
    lastModifiedAt: "timestamp(3)",
    syncedAt: "timestamp(3)",
  },
};

function targets(assignments: readonly PolicyAssignment[]): Pick<PolicyRow, "groupIds" | "excludedGroupIds"> {
  const groupIds: string[] = [];
  const excludedGroupIds: string[] = [];
  for (const a of assignments) {
    const type = a.target["@odata.type"] ?? "";
    const id = a.target.groupId;
    if (type.endsWith("exclusionGroupAssignmentTarget") && id) excludedGroupIds.push(id);
    else if (id) groupIds.push(id);
    else if (type.endsWith("allDevicesAssignmentTarget")) groupIds.push("allDevices");
    else if (type.endsWith("allLicensedUsersAssignmentTarget")) groupIds.push("allLicensedUsers");
  }
  return { groupIds, excludedGroupIds };
}

export function compliancePolicyRow(
  p: CompliancePolicy,
  assignments: readonly PolicyAssignment[],
  syncedAt: string,
): PolicyRow {
  return {
    id: p.id,
    kind: "compliance",
    name: p.displayName ?? p.id,
    odataType: p["@odata.type"] ?? null,
    templateFamily: null,
    platforms: null,
    // The MDE-specific level (beta) wins where both are set; Microsoft does not document their precedence.
    requiredThreatLevel:
      p.advancedThreatProtectionRequiredSecurityLevel ?? p.deviceThreatProtectionRequiredSecurityLevel ?? null,
    settingIds: [],
    asrModes: null,
    ...targets(assignments),
    createdAt: iso(p.createdDateTime),
    lastModifiedAt: iso(p.lastModifiedDateTime),
    syncedAt,
  };
}

/** Setting ids anywhere in a settings tree (children of group collections included). */
function settingIdsOf(node: unknown, out: Set<string>): void {
  if (Array.isArray(node)) for (const n of node) settingIdsOf(n, out);
  else if (node && typeof node === "object") {
    const o = node as Record<string, unknown>;
    if (typeof o.settingDefinitionId === "string") out.add(o.settingDefinitionId);
    for (const v of Object.values(o)) if (v && typeof v === "object") settingIdsOf(v, out);
  }
}

/** ASR rule modes in a settings-catalog policy: the rules' choice children of the ASR group collection. */
export function asrModesOf(settings: readonly ConfigurationPolicySetting[]): Record<string, AsrMode> {
  const modes: Record<string, AsrMode> = {};
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== "object") return;
    const o = node as Record<string, unknown>;
    const choice = o.choiceSettingValue as { value?: unknown } | undefined;
    if (typeof o.settingDefinitionId === "string" && typeof choice?.value === "string") {
      const hit = asrChoice(o.settingDefinitionId, choice.value);
      if (hit) modes[hit.rule.guid] = hit.mode;
    }
    for (const v of Object.values(o)) if (v && typeof v === "object") visit(v);
  };
  for (const s of settings)
    if (s.settingInstance.settingDefinitionId.toLowerCase().startsWith(ASR_SETTING_PREFIX)) visit(s.settingInstance);
  return modes;
}

export function configurationPolicyRow(
  p: ConfigurationPolicy,
  settings: readonly ConfigurationPolicySetting[],
  assignments: readonly PolicyAssignment[],
  syncedAt: string,
): PolicyRow {
  const ids = new Set<string>();
  settingIdsOf(settings, ids);
  const modes = asrModesOf(settings);
  return {
    id: p.id,
    kind: "configuration",
    name: p.name ?? p.id,
    odataType: null,
    templateFamily: p.templateReference?.templateFamily ?? null,
    platforms: p.platforms ?? null,
    requiredThreatLevel: null,
    settingIds: [...ids].sort(),
    asrModes: Object.keys(modes).length ? modes : null,
    ...targets(assignments),
    createdAt: iso(p.createdDateTime),
    lastModifiedAt: iso(p.lastModifiedDateTime),
    syncedAt,
  };
}

export type GroupMemberRow = JsonRow<PostureGroupMember>;

export const GROUP_MEMBER_TABLE: BulkTable<GroupMemberRow> = {
  table: "PostureGroupMember",
  key: ["groupId", "aadDeviceId"],
  columns: { groupId: "text", aadDeviceId: "text", groupName: "text", syncedAt: "timestamp(3)" },
};

export type ConnectorRow = JsonRow<PostureConnector>;

export const CONNECTOR_TABLE: BulkTable<ConnectorRow> = {
  table: "PostureConnector",
  key: ["id"],
  columns: {
    id: "text",
    partnerState: "text",
    lastHeartbeatAt: "timestamp(3)",
    thresholdDays: "integer",
    androidEnabled: "boolean",
    iosEnabled: "boolean",
    windowsEnabled: "boolean",
    macEnabled: "boolean",
    settingsManagementEnabled: "boolean",
    syncedAt: "timestamp(3)",
  },
};

export function connectorRow(c: MobileThreatDefenseConnector, syncedAt: string): ConnectorRow {
  return {
    id: c.id,
    partnerState: c.partnerState ?? null,
    lastHeartbeatAt: iso(c.lastHeartbeatDateTime),
    thresholdDays: c.partnerUnresponsivenessThresholdInDays ?? null,
    androidEnabled: c.androidEnabled ?? null,
    iosEnabled: c.iosEnabled ?? null,
    windowsEnabled: c.windowsEnabled ?? null,
    macEnabled: c.macEnabled ?? null,
    settingsManagementEnabled: c.microsoftDefenderForEndpointAttachEnabled ?? null,
    syncedAt,
  };
}

export type LicenceRow = JsonRow<PostureLicence>;

export const LICENCE_TABLE: BulkTable<LicenceRow> = {
  table: "PostureLicence",
  key: ["skuId"],
  columns: {
    skuId: "text",
    skuPartNumber: "text",
    capabilityStatus: "text",
    servicePlans: "text[]",
    syncedAt: "timestamp(3)",
  },
};

/** Only successfully provisioned plans count towards the Defender plan. */
export function licenceRow(s: SubscribedSku, syncedAt: string): LicenceRow {
  return {
    skuId: s.skuId ?? s.id,
    skuPartNumber: s.skuPartNumber ?? null,
    capabilityStatus: s.capabilityStatus ?? null,
    servicePlans: s.servicePlans
      .filter((p) => (p.provisioningStatus ?? "Success") === "Success" && p.servicePlanName)
      .map((p) => p.servicePlanName!),
    syncedAt,
  };
}

// --- Writes ---

export function writeRows<Row>(execute: SqlExecutor, table: BulkTable<Row>, rows: readonly Row[]): Promise<number> {
  return bulkUpsert(execute, table, rows);
}

/** Removes the rows a complete pass did not see again (optionally only those of some kinds). */
export function deleteUnseen(
  execute: SqlExecutor,
  table: string,
  seenSince: string,
  kinds?: readonly string[],
): Promise<number> {
  return kinds
    ? execute(
        `DELETE FROM "${table}" WHERE "tenantId" = $1 AND "syncedAt" < $2::timestamp(3) AND kind IN (SELECT json_array_elements_text($3::json))`,
        cacheTenantId(),
        seenSince,
        JSON.stringify(kinds),
      )
    : execute(
        `DELETE FROM "${table}" WHERE "tenantId" = $1 AND "syncedAt" < $2::timestamp(3)`,
        cacheTenantId(),
        seenSince,
      );
}

// --- The day's headline figures ---

export type SnapshotRow = JsonRow<PostureSnapshot>;

const SNAPSHOT_TABLE: BulkTable<SnapshotRow> = {
  table: "PostureSnapshot",
  key: ["day"],
  columns: {
    day: "date",
    mdeDevices: "integer",
    intuneDevices: "integer",
    enrolledNotOnboarded: "integer",
    signaturesOutOfDate: "integer",
    passiveMode: "integer",
    realTimeProtectionOff: "integer",
    tamperProtectionOff: "integer",
    mobileAboveAllowed: "integer",
    time: "timestamp(3)",
  },
};

export function writePostureSnapshot(execute: SqlExecutor, row: SnapshotRow): Promise<number> {
  return bulkUpsert(execute, SNAPSHOT_TABLE, [row]);
}

/** deviceThreatProtectionLevel and partnerReportedThreatState on one scale (secured < low < medium < high). */
export const THREAT_LEVEL_RANK: Record<string, number> = {
  secured: 1,
  low: 2,
  medium: 3,
  high: 4,
  lowSeverity: 2,
  mediumSeverity: 3,
  highSeverity: 4,
  compromised: 4,
};
