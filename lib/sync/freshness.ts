import type { SyncEntity } from "./types";

// How fresh the cache is, entity by entity, against each entity's own cadence: alerts are pulled every sync
// interval, vulnerability data every few hours, so "4 hours old" is late for one and on time for the other. Pure,
// so the rules are tested on fixtures (freshness.test.ts) and the header only draws the verdict.

/** fresh: within its cadence. overdue: more than OVERDUE_AFTER cadences old (amber). stale: more than
 * STALE_AFTER cadences (red). failing: its last pass failed (red). never: not synced once yet (amber). */
export type FreshnessLevel = "fresh" | "overdue" | "stale" | "failing" | "never";

/** Amber once an entity has missed a pass: older than twice its cadence. */
export const OVERDUE_AFTER = 2;
/** Red once it has missed several: older than six times its cadence. */
export const STALE_AFTER = 6;

export interface SyncCadence {
  /** SYNC_INTERVAL_SECONDS in ms; 0 = no scheduler (syncs run by hand), so age alone never makes an entity late. */
  intervalMs: number;
  tvmRefreshMs: number;
  scoresRefreshMs: number;
}

export interface EntityFreshness {
  entity: string;
  label: string;
  level: FreshnessLevel;
  lastSuccessAt: string | null;
  /** How often it is pulled; null when nothing schedules it. */
  cadenceMs: number | null;
  error: string | null;
}

export interface CacheFreshness {
  /** When this verdict was reached (ISO): the "now" of every age in it. */
  at: string;
  /** The worst entity's verdict: red (failing, stale) beats amber (overdue, never) beats green. */
  tone: "green" | "amber" | "red";
  entities: EntityFreshness[];
  /** Entities not fresh, worst first. */
  late: EntityFreshness[];
  /**
   * The oldest last success among the entities pulled every interval (alerts, incidents, devices, actions): what a
   * "Synced … ago" means. Each slower entity is judged against its own cadence instead; null before they all synced.
   */
  syncedAt: string | null;
}

const LABELS: Record<SyncEntity, string> = {
  machines: "Defender devices",
  intuneDevices: "Intune devices",
  alerts: "Alerts",
  incidents: "Incidents",
  machineActions: "Response actions",
  vulnerabilities: "CVE catalogue",
  software: "Software inventory",
  recommendations: "Recommendations",
  deviceVulnerabilities: "Device vulnerabilities",
  scores: "Exposure and Secure Score",
  avHealth: "Antivirus health",
  intuneProtection: "Intune protection state",
  postureConfig: "Intune policies and connector",
  investigations: "Automated investigations",
  indicators: "Custom indicators",
  detectionRules: "Custom detection rules",
};

const TVM: readonly string[] = ["vulnerabilities", "software", "recommendations", "deviceVulnerabilities"];
/** Pulled on the scores cadence. */
const HOURLY: readonly string[] = [
  "scores",
  "avHealth",
  "intuneProtection",
  "postureConfig",
  "indicators",
  "detectionRules",
];

/**
 * An entity's cadence. The slower entities are checked on each scheduled run, so one may wait up to an interval
 * past its own refresh period before it is pulled.
 */
export function cadenceOf(entity: string, c: SyncCadence): number | null {
  if (c.intervalMs <= 0) return null;
  if (TVM.includes(entity)) return c.tvmRefreshMs + c.intervalMs;
  if (HOURLY.includes(entity)) return c.scoresRefreshMs + c.intervalMs;
  return c.intervalMs;
}

const SEVERITY: Record<FreshnessLevel, number> = { fresh: 0, never: 1, overdue: 2, stale: 3, failing: 4 };

export function entityLevel(
  e: { lastSuccessAt: string | null; lastError: string | null },
  cadenceMs: number | null,
  now: number,
): FreshnessLevel {
  if (e.lastError) return "failing";
  if (!e.lastSuccessAt) return "never";
  if (cadenceMs === null) return "fresh";
  const age = now - Date.parse(e.lastSuccessAt);
  if (age > STALE_AFTER * cadenceMs) return "stale";
  if (age > OVERDUE_AFTER * cadenceMs) return "overdue";
  return "fresh";
}

export function cacheFreshness(
  rows: readonly { entity: string; lastSuccessAt: string | null; lastError: string | null }[],
  cadence: SyncCadence,
  now: number,
): CacheFreshness {
  const entities = rows.map((r) => {
    const cadenceMs = cadenceOf(r.entity, cadence);
    return {
      entity: r.entity,
      label: LABELS[r.entity as SyncEntity] ?? r.entity,
      level: entityLevel(r, cadenceMs, now),
      lastSuccessAt: r.lastSuccessAt,
      cadenceMs,
      error: r.lastError,
    };
  });
  const late = entities.filter((e) => e.level !== "fresh").sort((a, b) => SEVERITY[b.level] - SEVERITY[a.level]);
  const worst = entities.length === 0 ? "never" : (late[0]?.level ?? "fresh");
  const frequent = entities
    .filter((e) => !TVM.includes(e.entity) && !HOURLY.includes(e.entity))
    .map((e) => e.lastSuccessAt);
  const syncedAt = frequent.length > 0 && frequent.every((s) => s !== null) ? (frequent as string[]).sort()[0] : null;
  return {
    at: new Date(now).toISOString(),
    tone: worst === "failing" || worst === "stale" ? "red" : worst === "fresh" ? "green" : "amber",
    entities,
    late,
    syncedAt,
  };
}
