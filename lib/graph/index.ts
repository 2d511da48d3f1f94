// The one door to the Microsoft Graph client (Intune managed devices, directory users, advanced hunting, custom
// detection rules).

export {
  createGraphClient,
  type GraphApi,
  type GraphClient,
  type GraphClientOptions,
  type GraphRequestOp,
  type GraphPagesOp,
} from "./client";
export {
  managedDevicePages,
  getManagedDevice,
  MANAGED_DEVICES_MAX_PAGE,
  type ManagedDevicePagesOptions,
} from "./managed-devices";
export { ManagedDevice } from "./schemas";
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
