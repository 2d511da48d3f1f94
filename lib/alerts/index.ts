// The alert domain's server-side door (docs/conventions.md). Client code imports "@/lib/alerts/schemas" instead.

export {
  listAlerts,
  countAlerts,
  groupCounts,
  slaCounts,
  alertCacheState,
  getAlertDetail,
  listFilterOptions,
  type ListOptions,
  type AlertFilterOptions,
} from "./queries";
export { triageAlert, bulkTriageAlerts, defenderPatch, BATCH_CHUNK } from "./mutations";
export {
  getTriageSettings,
  cachedTriageSettings,
  previewTriageSettings,
  saveTriageSettings,
  TriageSettingsInput,
  SETTING_KEYS,
  type TriageSettings,
} from "./settings";
export { NEAR_BREACH_SHARE } from "./sql";
export { alertWriter, defenderAlertWriter, type AlertWriter } from "./writer";
