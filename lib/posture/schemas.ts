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
