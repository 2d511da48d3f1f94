// In-memory posture of the generated tenant: antivirus state per device, Entra device groups, Intune policies, the
// MTD connector, onboarding states, licences and the ASR hits planted in the hunting tables. Field names are ours;
// the API shapes are built by the serializers under defender/ and graph/.
import type { EventTemplate } from "../../hunting/tables/catalog";
import type { Device } from "../model";
import type { AsrMode } from "./asr-rules";

export type Plan = "p1" | "p2";

export interface AvState {
  /** deviceavinfo `avMode`: "0" Active, "1" Passive, "2" Disabled, "4" EDRBlocked. */
  mode: string;
  signatureUpToDate: "True" | "False" | "Unknown";
  engineUpToDate: "True" | "False" | "Unknown";
  platformUpToDate: "True" | "False" | "Unknown";
  signatureVersion: string;
  engineVersion: string;
  platformVersion: string;
  signatureUpdateMs: number;
  signaturePublishMs: number;
  engineUpdateMs: number;
  platformUpdateMs: number;
  quickScanMs: number | null;
  quickScanResult: string;
  fullScanMs: number | null;
  fullScanResult: string;
  realTimeProtection: boolean;
  tamperProtection: boolean;
  behaviorMonitoring: boolean;
  cloudProtection: boolean;
  puaProtection: boolean;
  lastReportedMs: number;
}

export interface EntraGroup {
  id: string;
  displayName: string;
  /** Devices with an Entra device id in this group. */
  members: Device[];
}

export type AssignmentTarget =
  { kind: "group"; groupId: string } | { kind: "exclusion"; groupId: string } | { kind: "allDevices" };

export interface SettingsPolicy {
  id: string;
  name: string;
  description: string;
  platforms: string;
  technologies: string;
  templateId: string;
  templateFamily: string;
  templateDisplayName: string;
  createdMs: number;
  lastModifiedMs: number;
  /** Settings-catalog setting instances (JSON as the API returns them). */
  settings: Record<string, unknown>[];
  assignments: AssignmentTarget[];
  /** Rule GUID → mode, for ASR policies. */
  asrModes: Map<string, AsrMode> | null;
}

export interface CompliancePolicy {
  id: string;
  odataType: string;
  displayName: string;
  description: string;
  createdMs: number;
  lastModifiedMs: number;
  version: number;
  /** Which managed devices it applies to. */
  family: "ios" | "android" | "windows" | "macos";
  /** deviceThreatProtectionLevel, or null where the type has no such property (v1.0 Windows, macOS). */
  requiredThreatLevel: string | null;
  assignments: AssignmentTarget[];
}

export interface MtdConnector {
  id: string;
  lastHeartbeatMs: number;
  partnerState: string;
  thresholdDays: number;
  flags: Record<string, boolean>;
}

export interface ServicePlan {
  servicePlanId: string;
  servicePlanName: string;
  provisioningStatus: string;
  appliesTo: string;
}

export interface SubscribedSku {
  id: string;
  skuId: string;
  skuPartNumber: string;
  capabilityStatus: string;
  consumedUnits: number;
  enabledUnits: number;
  servicePlans: ServicePlan[];
}

export interface OnboardingState {
  id: string;
  device: Device;
  state: string;
}

export interface PlantedAsrEvent {
  time: number;
  /** Machine index. */
  device: number;
  template: EventTemplate;
}

export interface Posture {
  plan: Plan;
  av: Map<Device, AvState>;
  groups: EntraGroup[];
  groupOf: Map<Device, EntraGroup>;
  configurationPolicies: SettingsPolicy[];
  compliancePolicies: CompliancePolicy[];
  connectors: MtdConnector[];
  onboarding: OnboardingState[];
  skus: SubscribedSku[];
  asrEvents: PlantedAsrEvent[];
  /** Planted facts the tests count. */
  facts: {
    lobApp: { path: string; fileName: string; ruleGuid: string; devices: number[] };
    missingFdaGroupId: string;
    currentSignatureVersion: string;
  };
  /** The ASR mode in force on a device for a rule, or null when no policy configures it there. */
  asrModeFor(device: Device, ruleGuid: string): AsrMode | null;
}
