// The one door to the Defender for Endpoint and Defender XDR clients (docs/conventions.md: one door per module).

export {
  createDefenderClient,
  type DefenderClient,
  type DefenderClientOptions,
  type DefenderApi,
  type TokenSource,
  type RequestOp,
  type PagesOp,
} from "./client";
export {
  isAlreadyInProgress,
  isNoAutomationLevel,
  isThrottled,
  isIndicatorCapReached,
  isIndicatorCapReason,
  describeLiveResponseRefusal,
} from "./errors";
// The request core is lib/microsoft; its error and page types are re-exported for the callers of these endpoints.
export {
  ProviderError,
  PagingError,
  type Provider,
  type Page,
  type SkippedRecord,
  type ProviderStats,
} from "../microsoft";
export {
  alertPages,
  getAlert,
  updateAlert,
  batchUpdateAlerts,
  ALERTS_MAX_PAGE,
  type AlertPagesOptions,
  type BatchAlertUpdate,
} from "./alerts";
export { machinePages, getMachine, logonUsers, MACHINES_MAX_PAGE, type MachinePagesOptions } from "./machines";
export {
  machineActionPages,
  getMachineAction,
  requestMachineAction,
  cancelMachineAction,
  pendingMachineActions,
  MACHINE_ACTIONS_MAX_PAGE,
  type ResponseAction,
  type ResponseActionBody,
  type MachineActionPagesOptions,
  type GetMachineActionOptions,
} from "./machine-actions";
export {
  vulnerabilityPages,
  machineVulnerabilityPages,
  recommendationPages,
  softwarePages,
  exposureScore,
  exposureScoreByGroups,
  configurationScore,
  TVM_MAX_PAGE,
  type TvmPagesOptions,
} from "./tvm";
export {
  deviceAvInfoPages,
  secureConfigurationPages,
  DEVICE_AV_INFO_MAX_PAGE,
  SECURE_CONFIGURATION_MAX_PAGE,
  type AvHealthPagesOptions,
} from "./av-health";
export { incidentPages, getIncident, updateIncident, INCIDENTS_MAX_PAGE, type IncidentPagesOptions } from "./incidents";
export {
  investigationPages,
  getInvestigation,
  startInvestigation,
  INVESTIGATIONS_MAX_PAGE,
  type InvestigationPagesOptions,
} from "./investigations";
export {
  runLiveResponse,
  getLiveResponseAction,
  getLiveResponseResultLink,
  downloadLiveResponseResult,
  parseScriptResult,
  listLibraryFiles,
  uploadLibraryFile,
  deleteLibraryFile,
  LIBRARY_FILE_NAME,
  LIBRARY_MAX_BYTES,
  type LiveResponseCommandInput,
  type LiveResponseResultFile,
  type LibraryUpload,
} from "./live-response";
export {
  indicatorPages,
  submitIndicator,
  importIndicators,
  deleteIndicator,
  batchDeleteIndicators,
  INDICATORS_MAX_PAGE,
  INDICATORS_PER_CALL,
  MAX_ACTIVE_INDICATORS,
  type IndicatorType,
  type IndicatorAction,
  type IndicatorInput,
  type IndicatorPagesOptions,
  type IndicatorImportResult,
} from "./indicators";
export * from "./schemas";
