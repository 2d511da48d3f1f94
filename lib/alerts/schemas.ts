import { z } from "zod";
import { multi, single } from "../http/query-params";
import type { AlertListItem } from "../cache/alerts";
import { PRIORITIES, type Priority } from "../cache/alert-priority";

// Client-safe: the alert queue's URL grammar, DTOs and triage bodies. No server imports here — the browser
// bundles this file to build links and forms with the same rules the server parses them with.

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
export const DEFAULT_SORT: SortColumn = "priority";
export const GROUP_BY = ["none", "incident", "device", "title", "category"] as const;
export type GroupBy = (typeof GROUP_BY)[number];
export const SLA_STATES = ["breached", "near"] as const;

/** "@me" in a shared URL means whoever opens it; "unassigned" means nobody. */
export const ASSIGNED_TO_ME = "@me";
export const UNASSIGNED = "unassigned";

// ───────────── The queue's query string ─────────────

const text = z.string().trim().min(1).max(200);

export const AlertFilter = z.object({
  severity: multi(z.enum(SEVERITIES)),
  status: multi(z.enum(ALERT_STATUSES)),
  priority: multi(z.enum(PRIORITIES)),
  category: multi(text),
  source: multi(text),
  assignedTo: multi(text),
  technique: multi(z.string().regex(/^T\d{4}(\.\d{3})?$/, "a MITRE technique id like T1059 or T1003.001")),
  /**
   * Free text: a case-insensitive substring of the title, device, user or alert id; an incident id; a file hash
   * (evidence SHA-1/SHA-256); an IP address (evidence, or the start of the device's last IP).
   */
  q: single(z.string().trim().max(200).optional()),
  range: single(z.enum(Object.keys(TIME_RANGES) as [TimeRange, ...TimeRange[]]).default(DEFAULT_TIME_RANGE)),
  sla: single(z.enum(SLA_STATES).optional()),
  incident: single(
    z
      .string()
      .regex(/^\d{1,18}$/, "an incident id")
      .optional(),
  ),
  device: single(text.optional()),
  title: single(text.optional()),
});
export type AlertFilter = z.infer<typeof AlertFilter>;

export const AlertView = AlertFilter.extend({
  /** The default is the ranking: open alerts by derived priority, then SLA time left, then age (lib/alerts/sql.ts). */
  sort: single(z.enum(SORT_COLUMNS).default(DEFAULT_SORT)),
  dir: single(z.enum(["asc", "desc"]).optional()),
  group: single(z.enum(GROUP_BY).default("none")),
});
export type AlertView = z.infer<typeof AlertView>;

/** GET /api/alerts: the view plus paging. Unknown parameters are refused so a typo is not a silent no-op. */
export const AlertQuery = AlertView.extend({
  cursor: single(z.string().max(500).optional()),
  limit: single(z.coerce.number().int().min(1).max(200).default(50)),
}).strict();
export type AlertQuery = z.infer<typeof AlertQuery>;

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
    view.range !== DEFAULT_TIME_RANGE,
  );
}

// ───────────── DTOs ─────────────

/** One row of the queue: its columns are declared once, with the table, in lib/cache/alerts.ts. */
export type AlertRow = AlertListItem;

export interface AlertGroup {
  key: string;
  label: string;
  count: number;
}

export interface AlertPage {
  data: AlertRow[];
  nextCursor: string | null;
  /** Present on the first page of a grouped view: the largest groups and their sizes. */
  groups?: AlertGroup[];
}

export interface SlaCounts {
  breached: number;
  nearBreach: number;
  /** When the counts were taken (ISO); the badges count down from the same instant. */
  at: string;
}

export interface AlertComment {
  comment: string;
  createdBy: string | null;
  createdTime: string | null;
}

/** The comments Defender sent with an alert or incident, as the cache stores them (JSON): each field checked. */
export function storedComments(json: unknown): AlertComment[] {
  return (Array.isArray(json) ? json : []).map((c) => {
    const o = (c ?? {}) as Record<string, unknown>;
    return {
      comment: String(o.comment ?? ""),
      createdBy: typeof o.createdBy === "string" ? o.createdBy : null,
      createdTime: typeof o.createdTime === "string" ? o.createdTime : null,
    };
  });
}

export interface AlertEvidenceRow {
  entityType: string;
  fileName: string | null;
  filePath: string | null;
  sha1: string | null;
  sha256: string | null;
  processId: number | null;
  processCommandLine: string | null;
  parentProcessFileName: string | null;
  ipAddress: string | null;
  url: string | null;
  registryKey: string | null;
  registryValue: string | null;
  accountName: string | null;
  domainName: string | null;
  userPrincipalName: string | null;
  detectionStatus: string | null;
}

export interface AlertHistoryEntry {
  at: string;
  actorName: string;
  action: string;
  result: string;
  /** Only for readers with audit:read (null otherwise). */
  params: unknown;
  error: string | null;
}

export interface AlertDetail extends AlertRow {
  description: string;
  recommendedAction: string | null;
  threatName: string | null;
  threatFamilyName: string | null;
  investigationState: string | null;
  firstEventTime: string | null;
  lastEventTime: string | null;
  resolvedTime: string | null;
  comments: AlertComment[];
  evidence: AlertEvidenceRow[];
  device: {
    id: string;
    name: string;
    riskScore: string | null;
    isolationState: string;
    exposureLevel: string | null;
    healthStatus: string | null;
  } | null;
  incident: {
    id: string;
    name: string;
    status: string;
    severity: string;
    alerts: Pick<AlertRow, "id" | "title" | "severity" | "status" | "computerDnsName">[];
  } | null;
  history: AlertHistoryEntry[];
}

// ───────────── Triage ─────────────

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

/** The triage fields an alert change and an incident change share (each adds its own `status`). */
export const TRIAGE_FIELDS = {
  /** "@me" assigns to the caller; otherwise a user principal name. */
  assignedTo: z.union([z.literal(ASSIGNED_TO_ME), z.email().max(200)]).optional(),
  classification: z.enum(CLASSIFICATIONS).optional(),
  determination: z.string().min(1).max(60).optional(),
  comment: z.string().trim().min(1).max(2000).optional(),
};

/** A triage change must change something: an empty one is a 400 on `status`, not a silent no-op. */
export function requireSomeTriageField(v: object, ctx: z.RefinementCtx): void {
  if (Object.values(v).every((x) => x === undefined)) {
    ctx.addIssue({
      code: "custom",
      path: ["status"],
      message: "give at least one of status, assignedTo, classification, determination, comment",
    });
  }
}

/** One triage change: any of status, assignment, classification (+ determination), comment. */
export const AlertTriage = z
  .object({ status: z.enum(ALERT_STATUSES).optional(), ...TRIAGE_FIELDS })
  .strict()
  .superRefine((v, ctx) => {
    requireSomeTriageField(v, ctx);
    if (v.determination !== undefined) {
      if (!v.classification)
        ctx.addIssue({ code: "custom", path: ["determination"], message: "a determination needs its classification" });
      else if (!normaliseDetermination(v.classification, v.determination)) {
        ctx.addIssue({
          code: "custom",
          path: ["determination"],
          message: `not a determination of ${v.classification}: use one of ${DETERMINATIONS[v.classification].map((d) => d.value).join(", ")}`,
        });
      }
    }
  });
export type AlertTriage = z.infer<typeof AlertTriage>;

export const BULK_MAX = 500;

export const AlertBulkTriage = z
  .object({
    ids: z.array(z.string().min(1).max(100)).min(1).max(BULK_MAX),
    change: AlertTriage,
  })
  .strict();
export type AlertBulkTriage = z.infer<typeof AlertBulkTriage>;

export interface BulkItemResult {
  id: string;
  result: "updated" | "not_found" | "failed";
  message?: string;
}

export interface BulkTriageResult {
  updated: number;
  failed: number;
  notFound: number;
  items: BulkItemResult[];
}

export const AlertRef = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[\w.:-]+$/, "an alert id"),
});
