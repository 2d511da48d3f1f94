import { z } from "zod";
import { multi, single } from "../http/query-params";

// Client-safe: the device inventory's URL grammar and DTOs. No server imports — the browser builds links and
// forms with the same rules the server parses them with.

/** The inventory's platform tabs. "mobile" is iOS and Android together. */
export const PLATFORM_TABS = ["all", "windows", "macos", "linux", "mobile"] as const;
export type PlatformTab = (typeof PLATFORM_TABS)[number];
export const PLATFORM_TAB_LABELS: Record<PlatformTab, string> = {
  all: "All",
  windows: "Windows",
  macos: "macOS",
  linux: "Linux",
  mobile: "Mobile",
};
/** Device.platform values behind each tab (the sync normalises the OS name to these). */
export const PLATFORMS_OF_TAB: Record<Exclude<PlatformTab, "all">, string[]> = {
  windows: ["Windows"],
  macos: ["macOS"],
  linux: ["Linux"],
  mobile: ["iOS", "Android"],
};

// Defender's and Intune's values (Defender's machine, Graph's managedDevice). Stored as text; these are the filter options.
export const RISK_SCORES = ["High", "Medium", "Low", "Informational", "None"] as const;
export const EXPOSURE_LEVELS = ["High", "Medium", "Low", "None"] as const;
export const HEALTH_STATUSES = [
  "Active",
  "Inactive",
  "ImpairedCommunication",
  "NoSensorData",
  "NoSensorDataImpairedCommunication",
  "Unknown",
] as const;
export const ONBOARDING_STATUSES = ["Onboarded", "CanBeOnboarded", "Unsupported", "InsufficientInfo"] as const;
export const COMPLIANCE_STATES = [
  "compliant",
  "noncompliant",
  "inGracePeriod",
  "conflict",
  "error",
  "configManager",
  "unknown",
] as const;
export const ISOLATION_STATES = ["Isolated", "NotIsolated"] as const;

/**
 * One-click narrowing of the inventory, AND-combined with the column filters.
 * - highRisk: Defender risk score High.
 * - inactive: the sensor is not reporting — health other than Active, or not seen by Defender for 7 days.
 * - notOnboarded: not in Defender at all (Intune only) or onboarding status other than Onboarded.
 * - nonCompliant: Intune compliance state noncompliant.
 * - isolated: Defender reported a successful isolation last.
 */
export const DEVICE_FLAGS = ["highRisk", "inactive", "notOnboarded", "nonCompliant", "isolated"] as const;
export type DeviceFlag = (typeof DEVICE_FLAGS)[number];
export const DEVICE_FLAG_LABELS: Record<DeviceFlag, string> = {
  highRisk: "High risk",
  inactive: "Inactive sensor",
  notOnboarded: "Not onboarded",
  nonCompliant: "Non-compliant",
  isolated: "Isolated",
};
/** A sensor silent this long counts as inactive even if its last health report said Active. */
export const INACTIVE_AFTER_DAYS = 7;

/**
 * Why a response action on this device may never run, or null: Defender delivers an action when the sensor next
 * checks in, so on a sensor that is not Active (machine healthStatus: Inactive, ImpairedCommunication,
 * NoSensorData) or silent for INACTIVE_AFTER_DAYS the action waits as Pending and may time out
 * (learn.microsoft.com/defender-endpoint/api/machine, "healthStatus"). The same rule as the Inactive sensor filter.
 */
export function inactiveSensorWarning(
  device: { inMde: boolean; healthStatus: string | null; lastSeen: string | null },
  now: number,
): string | null {
  if (!device.inMde) return null;
  const days = device.lastSeen ? Math.floor((now - Date.parse(device.lastSeen)) / 86_400_000) : null;
  const seen =
    days === null
      ? "no last-seen time"
      : `last seen ${days === 0 ? "today" : days === 1 ? "1 day ago" : `${days} days ago`}`;
  const silent = days === null || days >= INACTIVE_AFTER_DAYS;
  if ((device.healthStatus ?? "") !== "Active" || silent) {
    const health = device.healthStatus ? `reports ${device.healthStatus}` : "reports no health status";
    return `This device's sensor ${health} (${seen}). Defender delivers the action when the sensor checks in, so it may stay Pending and time out.`;
  }
  return null;
}

/**
 * The deployment-posture figures as inventory filters (the /posture page links every figure here, so its devices can
 * be worked and exported). Each matches the figure's own rule (lib/posture):
 * - inDefender / inIntune: listed by that side now (not missing from its last complete pass).
 * - enrolledNotOnboarded: in Intune (and still there) but not in Defender.
 * - signaturesOutOfDate / passiveMode / avDisabled: Defender's antivirus health (avIsSignatureUpToDate False; avMode
 *   1 or 5 passive, 2 disabled).
 * - realTimeOff / tamperOff: off by Intune's protection state or Defender's secure-configuration assessment.
 * - quickScanOverdue / fullScanOverdue: Intune's protection state.
 * - mobileAboveAllowed: the MTD partner reports a threat above the strictest level the platform's compliance allows.
 */
export const POSTURE_FILTERS = [
  "inDefender",
  "inIntune",
  "enrolledNotOnboarded",
  "signaturesOutOfDate",
  "passiveMode",
  "avDisabled",
  "realTimeOff",
  "tamperOff",
  "quickScanOverdue",
  "fullScanOverdue",
  "mobileAboveAllowed",
] as const;
export type PostureFilter = (typeof POSTURE_FILTERS)[number];
export const POSTURE_FILTER_LABELS: Record<PostureFilter, string> = {
  inDefender: "In Defender",
  inIntune: "In Intune",
  enrolledNotOnboarded: "Enrolled, not onboarded",
  signaturesOutOfDate: "Signatures out of date",
  passiveMode: "Antivirus passive",
  avDisabled: "Antivirus disabled",
  realTimeOff: "Real-time protection off",
  tamperOff: "Tamper protection off",
  quickScanOverdue: "Quick scan overdue",
  fullScanOverdue: "Full scan overdue",
  mobileAboveAllowed: "Mobile threat above allowed",
};

export const DEVICE_SORT_COLUMNS = [
  "name",
  "platform",
  "risk",
  "exposure",
  "health",
  "onboarding",
  "lastSeen",
  "group",
  "compliance",
  "user",
  "openAlerts",
  "vulnerabilities",
  "isolation",
  "lastIntuneSync",
] as const;
export type DeviceSortColumn = (typeof DEVICE_SORT_COLUMNS)[number];

/** Columns whose natural first order is "biggest first". */
export function defaultDeviceDirection(sort: DeviceSortColumn): "asc" | "desc" {
  return ["risk", "exposure", "lastSeen", "openAlerts", "vulnerabilities", "lastIntuneSync"].includes(sort)
    ? "desc"
    : "asc";
}

const text = z.string().trim().min(1).max(200);

export const DeviceFilter = z.object({
  platform: single(z.enum(PLATFORM_TABS).default("all")),
  flag: multi(z.enum(DEVICE_FLAGS)),
  risk: multi(z.enum(RISK_SCORES)),
  exposure: multi(z.enum(EXPOSURE_LEVELS)),
  health: multi(z.enum(HEALTH_STATUSES)),
  onboarding: multi(z.enum(ONBOARDING_STATUSES)),
  compliance: multi(z.enum(COMPLIANCE_STATES)),
  isolation: multi(z.enum(ISOLATION_STATES)),
  group: multi(text),
  tag: multi(text),
  posture: multi(z.enum(POSTURE_FILTERS)),
  /** Device name or primary user (name or UPN): case-insensitive substring; an IP address or its start: prefix of the last IP. */
  q: single(z.string().trim().max(200).optional()),
});
export type DeviceFilter = z.infer<typeof DeviceFilter>;

export const DeviceView = DeviceFilter.extend({
  sort: single(z.enum(DEVICE_SORT_COLUMNS).default("name")),
  dir: single(z.enum(["asc", "desc"]).optional()),
});
export type DeviceView = z.infer<typeof DeviceView>;

/** GET /api/devices. Unknown parameters are refused so a typo is not a silent no-op. */
export const DeviceQuery = DeviceView.extend({
  cursor: single(z.string().max(600).optional()),
  limit: single(z.coerce.number().int().min(1).max(200).default(50)),
}).strict();
export type DeviceQuery = z.infer<typeof DeviceQuery>;

/** GET /api/devices/export: the view without paging. */
export const DeviceExportQuery = DeviceView.strict();

const VIEW_KEYS = [
  "platform",
  "flag",
  "risk",
  "exposure",
  "health",
  "onboarding",
  "compliance",
  "isolation",
  "group",
  "tag",
  "posture",
  "q",
  "sort",
  "dir",
] as const;

/** The view as a canonical query string (defaults left out): equal views give equal URLs and cache keys. */
export function deviceViewToSearch(view: Partial<DeviceView>): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of VIEW_KEYS) {
    const value = view[key];
    if (value === undefined || value === null || value === "") continue;
    if (key === "platform" && value === "all") continue;
    if (key === "sort" && value === "name") continue;
    if (key === "dir" && value === defaultDeviceDirection(view.sort ?? "name")) continue;
    if (Array.isArray(value)) {
      if (value.length) out.set(key, [...value].sort().join(","));
    } else out.set(key, String(value));
  }
  return out;
}

/** True when anything narrows the inventory (the platform tab included; sort does not). */
export function hasDeviceFilters(view: DeviceFilter): boolean {
  return Boolean(
    view.platform !== "all" ||
    view.flag.length ||
    view.risk.length ||
    view.exposure.length ||
    view.health.length ||
    view.onboarding.length ||
    view.compliance.length ||
    view.isolation.length ||
    view.group.length ||
    view.tag.length ||
    view.posture.length ||
    view.q,
  );
}

// ───────────── DTOs ─────────────

export interface DeviceRow {
  id: string;
  name: string;
  platform: string;
  osPlatform: string | null;
  osVersion: string | null;
  osBuild: string | null;
  inMde: boolean;
  inIntune: boolean;
  mdeMachineId: string | null;
  riskScore: string | null;
  exposureLevel: string | null;
  healthStatus: string | null;
  onboardingStatus: string | null;
  lastSeen: string | null;
  rbacGroupName: string | null;
  machineTags: string[];
  lastIpAddress: string | null;
  isolationState: string;
  restrictionState: string;
  openAlerts: number;
  vulnCritical: number;
  vulnHigh: number;
  vulnMedium: number;
  vulnLow: number;
  complianceState: string | null;
  isEncrypted: boolean | null;
  managementAgent: string | null;
  primaryUserUpn: string | null;
  primaryUserName: string | null;
  lastIntuneSync: string | null;
}

export interface DevicePage {
  data: DeviceRow[];
  nextCursor: string | null;
  /** On the first page only: how many devices match the filters. */
  total?: number;
  /** A broad text search: at least `total` match (the exact count is not taken). */
  totalCapped?: boolean;
}

export interface DeviceFilterOptions {
  groups: string[];
  tags: string[];
}

export interface DeviceAlert {
  id: string;
  title: string;
  severity: string;
  status: string;
  priority: string;
  alertCreationTime: string;
}

export interface DeviceVulnerabilityRow {
  cveId: string;
  severity: string;
  cvssV3: number | null;
  productName: string;
  productVendor: string;
  productVersion: string;
  fixingKbId: string | null;
  publicExploit: boolean;
  firstSeenAt: string;
}

export interface DeviceRecommendationRow {
  id: string;
  recommendationName: string;
  productName: string | null;
  vendor: string | null;
  severityScore: number;
  remediationType: string | null;
  publicExploit: boolean;
}

export interface DeviceLogonUserRow {
  accountName: string;
  accountDomain: string;
  firstSeen: string | null;
  lastSeen: string | null;
  logonTypes: string | null;
  isDomainAdmin: boolean;
}

export interface DeviceTimelineEntry {
  at: string;
  kind: "alert" | "action" | "request" | "status" | "sync" | "audit";
  title: string;
  detail: string | null;
  href: string | null;
}

export interface DeviceDetail extends DeviceRow {
  aadDeviceId: string | null;
  intuneDeviceId: string | null;
  agentVersion: string | null;
  deviceValue: string | null;
  lastExternalIpAddress: string | null;
  firstSeen: string | null;
  model: string | null;
  manufacturer: string | null;
  serialNumber: string | null;
  mdeMissingSince: string | null;
  intuneMissingSince: string | null;
  syncedAt: string;
  alerts: DeviceAlert[];
  vulnerabilities: DeviceVulnerabilityRow[];
  recommendations: DeviceRecommendationRow[];
  logonUsers: DeviceLogonUserRow[];
  timeline: DeviceTimelineEntry[];
}

/** A cache row id (uuid) as it appears in /devices/[id] and /api/devices/[id]. */
export const DeviceRef = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[\w.:-]+$/, "a device id"),
});
