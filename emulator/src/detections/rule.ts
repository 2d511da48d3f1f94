// A custom detection rule as the emulator stores it (Graph beta "detectionRule resource type"): the current shape is
// kept (status, schedule.frequency, entityMappings, tactics, automatedActions); the deprecated members (isEnabled,
// schedule.period, category, mitreTechniques, impactedAssets, responseActions, lastRunDetails, detectorId) are derived
// from it when a response carries them.
import { DAY_MS, HOUR_MS, MINUTE_MS } from "../clock";

export type RuleStatus = "enabled" | "disabled" | "autoDisabled";
export type Severity = "informational" | "low" | "medium" | "high";

export interface MitreTactic {
  tactic: string;
  techniques: { technique: string; subTechniques?: string[] }[];
}

/** entityMappings: collection name → mappings, each a set of `…Column` properties naming result columns. */
export type EntityMappings = Record<string, Record<string, string>[]>;

export interface AlertTemplateSpec {
  title: string;
  description: string | null;
  severity: Severity;
  recommendedActions: string | null;
  entityMappings: EntityMappings;
  tactics: MitreTactic[];
  customDetails: Record<string, string> | null;
  /** Legacy impactedAssets exactly as a legacy client sent them (echoed back), else derived. */
  legacyImpactedAssets: Record<string, unknown>[] | null;
  /** Legacy category when the client sent one that is not simply the first tactic. */
  legacyCategory: string | null;
}

export interface DetectionActionSpec {
  alertTemplate: AlertTemplateSpec;
  automatedActions: Record<string, Record<string, unknown>[]> | null;
  responseActions: Record<string, unknown>[];
  organizationalScope: { scopeType: string; scopeNames: string[] } | null;
  isExcludedFromIncidentCorrelation: boolean;
}

/** "runDetails resource type": huntingRuleRunStatus and huntingRuleErrorCode. */
export type RunStatus = "running" | "completed" | "failed" | "partiallyFailed";
export type RunErrorCode =
  | "queryExecutionFailed"
  | "queryExecutionThrottling"
  | "queryExceededResultSize"
  | "queryLimitsExceeded"
  | "queryTimeout"
  | "alertCreationFailed"
  | "alertReportNotFound"
  | "partialRowsFailed";

export interface RunDetails {
  lastRunMs: number | null;
  status: RunStatus | null;
  failureReason: string | null;
  errorCode: RunErrorCode | null;
}

export interface DetectionRule {
  id: string;
  displayName: string;
  description: string | null;
  status: RuleStatus;
  queryText: string;
  /** The table the query starts from (its family decides the columns that identify an event). */
  sourceTable: string;
  queryModifiedMs: number;
  /** 0 = continuous (NRT). */
  frequencyMs: number;
  action: DetectionActionSpec;
  createdBy: string;
  createdMs: number;
  lastModifiedBy: string;
  lastModifiedMs: number;
  detectorId: string;
  nextRunMs: number;
  /** End of the window the previous run covered; null before the first run (which looks back 30 days). */
  lastWindowEndMs: number | null;
  lastRun: RunDetails;
  /** Events already alerted on (same event and entities ⇒ one alert, "Create custom detection rules"). */
  alerted: Set<string>;
}

/** Continuous rules are served as a one-minute schedule here. */
export const CONTINUOUS_INTERVAL_MS = MINUTE_MS;
export const FIRST_RUN_LOOKBACK_MS = 30 * DAY_MS;

/** Frequency ↔ legacy period ↔ lookback ("Create custom detection rules", Rule frequency). */
export const FREQUENCIES: readonly { ms: number; frequency: string; period: string; lookbackMs: number }[] = [
  { ms: 0, frequency: "PT0S", period: "0", lookbackMs: 0 },
  { ms: HOUR_MS, frequency: "PT1H", period: "1H", lookbackMs: 4 * HOUR_MS },
  { ms: 3 * HOUR_MS, frequency: "PT3H", period: "3H", lookbackMs: 12 * HOUR_MS },
  { ms: 12 * HOUR_MS, frequency: "PT12H", period: "12H", lookbackMs: 48 * HOUR_MS },
  { ms: 24 * HOUR_MS, frequency: "P1D", period: "24H", lookbackMs: 30 * DAY_MS },
];

export function frequencyEntry(ms: number) {
  return FREQUENCIES.find((f) => f.ms === ms)!;
}

/** ISO 8601 duration → ms (PT1H, P1D, PT24H, PT0S); null when not a duration. */
export function parseDuration(text: string): number | null {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i.exec(text.trim());
  if (!m || /^P$|T$/i.test(text.trim())) return null;
  const [d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number];
  return d * DAY_MS + h * HOUR_MS + mi * MINUTE_MS + s * 1000;
}
