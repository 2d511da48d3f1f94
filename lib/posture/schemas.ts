import { z } from "zod";

// The deployment-posture domain's browser-safe types (docs/conventions.md): the summary DTOs the /posture page and
// its routes carry. Server code is behind "@/lib/posture".

export type DefenderPlan = "p2" | "p1" | "business" | "none";

export interface PlatformCoverage {
  platform: string;
  intune: number;
  defender: number;
  both: number;
  intuneOnly: number;
  defenderOnly: number;
}

export interface ConnectorState {
  id: string;
  isDefender: boolean;
  partnerState: string | null;
  lastHeartbeatAt: string | null;
  /** Older than the 24 hours Intune and Defender are expected to sync within. */
  heartbeatLate: boolean;
  windowsEnabled: boolean | null;
  macEnabled: boolean | null;
  iosEnabled: boolean | null;
  androidEnabled: boolean | null;
}

export interface AntivirusCounts {
  reporting: number;
  signaturesOutOfDate: number;
  passiveMode: number;
  disabled: number;
  realTimeProtectionOff: number;
  tamperProtectionOff: number;
  quickScanOverdue: number;
  fullScanOverdue: number;
}

export interface AsrPolicyMode {
  policyId: string;
  policyName: string;
  mode: string;
  /** Devices the policy's assignment reaches (members of its groups, less its excluded groups). */
  devices: number;
  /** When the policy last changed: a rule in Audit at least 14 days has been in Audit since then at least. */
  lastModifiedAt: string | null;
}

export interface AsrRuleState {
  guid: string;
  name: string;
  inGuide: boolean;
  policies: AsrPolicyMode[];
}

export interface MobileThreatLevels {
  platform: string;
  /** The strictest deviceThreatProtectionRequiredSecurityLevel of the platform's compliance policies. */
  allowedLevel: string | null;
  reported: Record<string, number>;
  aboveAllowed: number;
}

/** The headline figures (also the day's snapshot). */
export interface PostureFigures {
  mdeDevices: number;
  intuneDevices: number;
  enrolledNotOnboarded: number;
  signaturesOutOfDate: number;
  passiveMode: number;
  realTimeProtectionOff: number;
  tamperProtectionOff: number;
  mobileAboveAllowed: number;
}

export interface PostureSummary {
  figures: PostureFigures;
  coverage: PlatformCoverage[];
  connectors: ConnectorState[];
  antivirus: AntivirusCounts;
  asr: AsrRuleState[];
  mobile: MobileThreatLevels[];
  plan: DefenderPlan;
}

export interface PostureTrendPoint {
  day: string;
  mdeDevices: number;
  enrolledNotOnboarded: number;
  signaturesOutOfDate: number;
  realTimeProtectionOff: number;
  tamperProtectionOff: number;
  mobileAboveAllowed: number;
}

// ───────────── The ASR Audit→Block advisor ─────────────

/** A rule's audit hits can be judged once it has been in Audit this long (the guide's "after 2+ weeks"). */
export const ASR_AUDIT_MIN_DAYS = 14;

/**
 * safe: in Audit long enough, and every hit falls within a listed exclusion (or there are none).
 * notSafe: hits outside the exclusions: those apps would break in Block.
 * tooEarly: in Audit for less than ASR_AUDIT_MIN_DAYS.
 * unknown: no hits read from advanced hunting yet (or the plan has no advanced hunting).
 */
export type AsrVerdict = "safe" | "notSafe" | "tooEarly" | "unknown";

export interface AsrAppAtRisk {
  /** The file's full path as Defender reported it: the exclusion to add. */
  path: string;
  fileName: string;
  processName: string;
  devices: number;
  audited14: number;
  audited30: number;
  blocked30: number;
}

export interface AsrAuditPolicy {
  policyId: string;
  policyName: string;
  devices: number;
  /** The policy's last change: the rule has been in Audit at least since then. */
  since: string | null;
  days: number | null;
}

export interface AsrAdvice {
  guid: string;
  name: string;
  inGuide: boolean;
  policies: AsrAuditPolicy[];
  verdict: AsrVerdict;
  reason: string;
  audited14: number;
  audited30: number;
  blocked30: number;
  /** Hits within the listed exclusions (over 30 days). */
  excluded30: number;
  apps: AsrAppAtRisk[];
  exclusionsToAdd: string[];
}

export interface AsrHitView {
  ruleGuid: string;
  ruleName: string;
  mode: string;
  machineId: string;
  deviceName: string | null;
  /** The device's page in the console, when the device is in the inventory. */
  deviceId: string | null;
  fileName: string;
  folderPath: string;
  processName: string;
  hits14: number;
  hits30: number;
  lastAt: string | null;
}

export interface AsrRuleHits {
  guid: string;
  name: string;
  audited14: number;
  audited30: number;
  blocked14: number;
  blocked30: number;
}

export interface AsrAdvisor {
  refreshedAt: string | null;
  attemptedAt: string | null;
  error: string | null;
  /** Older than the sync's hourly cadence (or never read). */
  stale: boolean;
  huntingAvailable: boolean;
  exclusions: string[];
  advice: AsrAdvice[];
  byRule: AsrRuleHits[];
  hits: AsrHitView[];
}

// ───────────── Troubleshooting and the implementation checklist ─────────────

export type ChecklistState = "done" | "partly" | "notDone" | "cannotTell";

export interface ChecklistItem {
  id: string;
  section: "Onboarding" | "Protection policies" | "Detection and response" | "Vulnerability management and hunting";
  title: string;
  state: ChecklistState;
  evidence: string;
  /** Where to act: a console page (relative) or Microsoft's portal / documentation. */
  href: string;
  hrefLabel: string;
}

export interface TroubleshootingIssue {
  id: string;
  issue: string;
  cause: string;
  fix: string;
  /** Devices affected, or null when the API cannot tell. */
  affected: number | null;
  detection: string;
  href: string | null;
}

export interface PostureReport {
  summary: PostureSummary;
  trend: PostureTrendPoint[];
  checklist: ChecklistItem[];
  troubleshooting: TroubleshootingIssue[];
  asr: AsrAdvisor;
  lastSyncAt: string | null;
}

/** PUT /api/posture/asr/exclusions: the whole list (paths, case-insensitive, `*` as a wildcard). */
export const AsrExclusionsInput = z
  .object({
    paths: z
      .array(
        z
          .string()
          .trim()
          .min(3, "a path of at least 3 characters")
          .max(400)
          .refine((p) => !/[\u0000-\u001f]/.test(p), "no control characters"),
      )
      .max(200),
  })
  .strict();
export type AsrExclusionsInput = z.infer<typeof AsrExclusionsInput>;

export const PostureTrendQuery = z.object({ days: z.coerce.number().int().min(1).max(365).default(30) }).strict();

/** The inventory filtered to a posture figure's devices (the figure's own rule; see lib/devices POSTURE_FILTERS). */
export function postureDevicesHref(filter: string, platform?: string): string {
  const q = new URLSearchParams({ posture: filter });
  if (platform) q.set("platform", platform);
  return `/devices?${q}`;
}
