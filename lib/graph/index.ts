// The one door to the Microsoft Graph client (Intune managed devices, directory users, advanced hunting, custom
// detection rules).

export {
  createGraphClient,
  type GraphClient,
  type GraphClientOptions,
  type GraphRequestOp,
  type GraphPagesOp,
  type GraphVersion,
} from "./client";
export {
  managedDevicePages,
  getManagedDevice,
  MANAGED_DEVICES_MAX_PAGE,
  type ManagedDevicePagesOptions,
} from "./managed-devices";
export {
  createDetectionRule,
  deleteDetectionRule,
  detectionRulePages,
  getDetectionRule,
  listDetectionRules,
  updateDetectionRule,
  DETECTION_RULES_PAGE,
  type DetectionRule,
} from "./detection-rules";
export { type DetectionRuleInput } from "./detection-rule-schemas";
export {
  windowsProtectionStatePages,
  getWindowsProtectionState,
  mobileThreatDefenseConnectors,
  atpOnboardingSummary,
  atpOnboardingStatePages,
  compliancePolicies,
  compliancePolicyAssignments,
  complianceDeviceStatusPages,
  configurationPolicies,
  configurationPolicySettings,
  configurationPolicyAssignments,
  subscribedSkus,
  groupMemberPages,
  MDE_CONNECTOR_ID,
  ASR_TEMPLATE_FAMILY,
} from "./posture";
export {
  ManagedDevice,
  WindowsProtectionState,
  ManagedDeviceProtection,
  MobileThreatDefenseConnector,
  AtpOnboardingSummary,
  AtpOnboardingDeviceState,
  CompliancePolicy,
  ComplianceDeviceStatus,
  PolicyAssignment,
  ConfigurationPolicy,
  ConfigurationPolicySetting,
  SubscribedSku,
  GroupMember,
} from "./schemas";
export { searchDirectoryUsers, DirectoryUser, DIRECTORY_SEARCH_MAX } from "./users";
export { ProviderError, PagingError, type Page, type SkippedRecord, type ProviderStats } from "../microsoft";
export {
  runHuntingQuery,
  huntingFailure,
  HuntingQueryResults,
  HUNTING_ROW_CAP,
  HUNTING_TIMEOUT_MS,
  type HuntingQueryInput,
  type HuntingFailure,
  type HuntingLimit,
} from "./hunting";
