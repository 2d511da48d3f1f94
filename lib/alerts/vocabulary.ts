import type { AlertFilter, AlertView } from "./schemas";
import { PRIORITIES, type Priority } from "../cache/priorities";

// The alert queue's words, without zod: the constants the URL grammar and triage bodies in ./schemas.ts are built
// from, and the view's canonical query string. Client components import this file (not ./schemas.ts, whose zod
// schemas would add zod's 30 KB to the alert queue's first load); ./schemas.ts re-exports all of it for the server.

export { PRIORITIES, type Priority };

/** Defender's alert severities (learn.microsoft.com/defender-endpoint/api/alerts): there is no Critical. Highest first. */
export const SEVERITIES = ["High", "Medium", "Low", "Informational", "UnSpecified"] as const;
export const ALERT_STATUSES = ["New", "InProgress", "Resolved"] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const TIME_RANGES = { "1d": 1, "3d": 3, "7d": 7, "30d": 30, "90d": 90, "180d": 180 } as const;
export type TimeRange = keyof typeof TIME_RANGES;
export const DEFAULT_TIME_RANGE: TimeRange = "30d";

export const SORT_COLUMNS = [
  "priority",
  "severity",
  "title",
  "status",
  "category",
  "technique",
  "device",
  "user",
  "source",
  "assignedTo",
  "age",
  "sla",
] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
/** The queue's ranking: open alerts by derived priority, then SLA time left, then age (lib/alerts/sql.ts). */
export const DEFAULT_SORT: SortColumn = "priority";
export const GROUP_BY = ["none", "incident", "device", "title", "category"] as const;
export type GroupBy = (typeof GROUP_BY)[number];
export const SLA_STATES = ["breached", "near"] as const;

/** "@me" in a shared URL means whoever opens it; "unassigned" means nobody. */
export const ASSIGNED_TO_ME = "@me";
export const UNASSIGNED = "unassigned";

/** Columns whose natural first order is "biggest first": newest, most urgent, most severe. */
export function defaultDirection(sort: SortColumn): "asc" | "desc" {
  return sort === "priority" || sort === "severity" || sort === "age" ? "desc" : "asc";
}

const VIEW_KEYS = [
  "severity",
  "status",
  "priority",
  "category",
  "source",
  "assignedTo",
  "technique",
  "q",
  "range",
  "sla",
  "incident",
  "device",
  "title",
  "detector",
  "sort",
  "dir",
  "group",
] as const;

/** The view as a canonical query string (defaults left out), so equal views give equal URLs and cache keys. */
export function viewToSearch(view: Partial<AlertView>): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of VIEW_KEYS) {
    const value = view[key];
    if (value === undefined || value === null || value === "") continue;
    if (key === "range" && value === DEFAULT_TIME_RANGE) continue;
    if (key === "sort" && value === DEFAULT_SORT) continue;
    if (key === "group" && value === "none") continue;
    if (key === "dir" && view.sort && value === defaultDirection(view.sort)) continue;
    if (Array.isArray(value)) {
      if (value.length) out.set(key, [...value].sort().join(","));
    } else out.set(key, String(value));
  }
  return out;
}

/** True when any filter narrows the queue (sort and grouping do not). */
export function hasFilters(view: AlertFilter): boolean {
  return Boolean(
    view.severity.length ||
    view.status.length ||
    view.priority.length ||
    view.category.length ||
    view.source.length ||
    view.assignedTo.length ||
    view.technique.length ||
    view.q ||
    view.sla ||
    view.incident ||
    view.device ||
    view.title ||
    view.detector ||
    view.range !== DEFAULT_TIME_RANGE,
  );
}

export const CLASSIFICATIONS = ["TruePositive", "InformationalExpectedActivity", "FalsePositive"] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/**
 * Determinations allowed per classification (Update alert API). `value` is what GET returns and the cache keeps;
 * `patch` is what the update page documents — three values are spelled differently there, so the console sends
 * the PATCH spelling and stores the GET one.
 */
export const DETERMINATIONS: Record<Classification, { value: string; patch: string; label: string }[]> = {
  TruePositive: [
    { value: "MultiStagedAttack", patch: "MultiStagedAttack", label: "Multistage attack" },
    { value: "MaliciousUserActivity", patch: "MaliciousUserActivity", label: "Malicious user activity" },
    { value: "CompromisedUser", patch: "CompromisedUser", label: "Compromised account" },
    { value: "Malware", patch: "Malware", label: "Malware" },
    { value: "Phishing", patch: "Phishing", label: "Phishing" },
    { value: "UnwantedSoftware", patch: "UnwantedSoftware", label: "Unwanted software" },
    { value: "Other", patch: "Other", label: "Other" },
  ],
  InformationalExpectedActivity: [
    { value: "SecurityTesting", patch: "SecurityTesting", label: "Security test" },
    { value: "LineOfBusinessApplication", patch: "LineOfBusinessApplication", label: "Line-of-business application" },
    { value: "ConfirmedUserActivity", patch: "ConfirmedActivity", label: "Confirmed activity" },
    { value: "Other", patch: "Other", label: "Other" },
  ],
  FalsePositive: [
    { value: "Clean", patch: "NotMalicious", label: "Not malicious" },
    { value: "InsufficientData", patch: "InsufficientData", label: "Not enough data to validate" },
    { value: "Other", patch: "Other", label: "Other" },
  ],
};

export const CLASSIFICATION_LABELS: Record<Classification, string> = {
  TruePositive: "True positive",
  InformationalExpectedActivity: "Informational, expected activity",
  FalsePositive: "False positive",
};

/** The cache spelling of a determination given in either spelling, or null when it does not fit the classification. */
export function normaliseDetermination(classification: Classification, determination: string): string | null {
  const match = DETERMINATIONS[classification].find((d) => d.value === determination || d.patch === determination);
  return match?.value ?? null;
}

export function patchSpelling(classification: Classification, determination: string): string {
  return (
    DETERMINATIONS[classification].find((d) => d.value === determination || d.patch === determination)?.patch ??
    determination
  );
}
