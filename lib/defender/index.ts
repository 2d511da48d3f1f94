// The one door to the Defender for Endpoint and Defender XDR clients (docs/conventions.md). Comments in this folder
// name Microsoft's pages by their slug (get-alerts, isolate-machine, …): learn.microsoft.com/defender-endpoint/api/<slug>.

export { createDefenderClient, type DefenderClient, type DefenderClientOptions, type DefenderApi, type TokenSource, type RequestOp, type PagesOp } from "./client";
export { ProviderError, PagingError, isAlreadyInProgress, type Provider } from "./errors";
export type { Page, SkippedRecord } from "./paging";
export type { ProviderStats } from "./stats";
// getMachine and getIncident (and lib/graph's getManagedDevice) have no caller in the console: they are the
// contract-test surface that checks single-entity reads against the simulated tenant. Keep them.
export { alertPages, getAlert, updateAlert, batchUpdateAlerts, ALERTS_MAX_PAGE, type AlertPagesOptions, type BatchAlertUpdate } from "./alerts";
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
export { incidentPages, getIncident, updateIncident, INCIDENTS_MAX_PAGE, type IncidentPagesOptions } from "./incidents";
export * from "./schemas";

// Shared with lib/graph (same request core, paging and accounting).
export { createHttpCore, type HttpCore, type HttpCoreOptions, type HttpCall, type HttpResult, type HttpMethod, type TransportOptions } from "./http";
export { paginate, type PaginateOptions, type RawPage } from "./paging";
export { StatsRecorder } from "./stats";
export { rebaseOnto } from "./client";
export { buildQuery, odataDateTime, odataString } from "./odata";
export { parseRetryAfter, backoffDelay } from "./retry";
