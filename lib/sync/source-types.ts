import type { Page as SourcePage } from "../microsoft";
import type {
  SourceAlert,
  SourceMachine,
  SourceManagedDevice,
  SourceMachineAction,
  SourceIncident,
  SourceVulnerability,
  SourceMachineVulnerability,
  SourceRecommendation,
  SourceSoftware,
  SourceScore,
} from "../cache/source-types";
import type { DeviceAvInfo, Indicator, Investigation, SecureConfigurationAssessment } from "../defender/schemas";
import type {
  AtpOnboardingDeviceState,
  ComplianceDeviceStatus,
  CompliancePolicy,
  ConfigurationPolicy,
  ConfigurationPolicySetting,
  GroupMember,
  ManagedDeviceProtection,
  MobileThreatDefenseConnector,
  PolicyAssignment,
  SubscribedSku,
} from "../graph/schemas";
import type { DetectionRule } from "../graph/detection-rules";

/** The Intune and directory objects of the deployment posture, each a complete (small) listing. */
export interface PostureConfigSources {
  connectors(): Promise<MobileThreatDefenseConnector[]>;
  onboardingStatePages(): AsyncIterable<SourcePage<AtpOnboardingDeviceState>>;
  compliancePolicies(): Promise<CompliancePolicy[]>;
  compliancePolicyAssignments(policyId: string): Promise<PolicyAssignment[]>;
  complianceDeviceStatusPages(policyId: string): AsyncIterable<SourcePage<ComplianceDeviceStatus>>;
  configurationPolicies(): Promise<ConfigurationPolicy[]>;
  configurationPolicySettings(policyId: string): Promise<ConfigurationPolicySetting[]>;
  configurationPolicyAssignments(policyId: string): Promise<PolicyAssignment[]>;
  groupMemberPages(groupId: string): AsyncIterable<SourcePage<GroupMember>>;
  subscribedSkus(): Promise<SubscribedSku[]>;
}

/** Everything the sync pulls, as async page streams. Implemented over the real clients in sources.ts. */
export interface SyncSources {
  alertPages(opts: { updatedSince?: Date }): AsyncIterable<SourcePage<SourceAlert>>;
  incidentPages(opts: { updatedSince?: Date }): AsyncIterable<SourcePage<SourceIncident>>;
  machinePages(opts: { seenSince?: Date }): AsyncIterable<SourcePage<SourceMachine>>;
  managedDevicePages(opts: { syncedSince?: Date }): AsyncIterable<SourcePage<SourceManagedDevice>>;
  machineActionPages(opts: { createdSince?: Date }): AsyncIterable<SourcePage<SourceMachineAction>>;
  vulnerabilityPages(): AsyncIterable<SourcePage<SourceVulnerability>>;
  machineVulnerabilityPages(): AsyncIterable<SourcePage<SourceMachineVulnerability>>;
  recommendationPages(): AsyncIterable<SourcePage<SourceRecommendation>>;
  softwarePages(): AsyncIterable<SourcePage<SourceSoftware>>;
  exposureScore(): Promise<SourceScore>;
  exposureScoreByGroups(): Promise<(SourceScore & { rbacGroupName: string })[]>;
  configurationScore(): Promise<SourceScore>;
  deviceAvInfoPages(): AsyncIterable<SourcePage<DeviceAvInfo>>;
  secureConfigurationPages(): AsyncIterable<SourcePage<SecureConfigurationAssessment>>;
  protectionStatePages(opts: { syncedSince?: Date }): AsyncIterable<SourcePage<ManagedDeviceProtection>>;
  investigationPages(opts: { startedSince?: Date }): AsyncIterable<SourcePage<Investigation>>;
  indicatorPages(): AsyncIterable<SourcePage<Indicator>>;
  posture: PostureConfigSources;
  detectionRulePages(): AsyncIterable<SourcePage<DetectionRule>>;
  /** HTTP calls made so far (all providers, retries included). */
  calls(): number;
  /** Runs `work` and counts the HTTP calls made on its behalf alone, even while other work runs alongside. */
  countCalls<T>(
    work: () => Promise<T>,
  ): Promise<{ ok: true; result: T; calls: number } | { ok: false; error: unknown; calls: number }>;
}
