import { z } from "zod";
import { multi, single } from "../http/query-params";
import type { AlertListItem } from "../cache/alerts";
import {
  ALERT_STATUSES,
  ASSIGNED_TO_ME,
  CLASSIFICATIONS,
  DEFAULT_SORT,
  DEFAULT_TIME_RANGE,
  DETERMINATIONS,
  GROUP_BY,
  normaliseDetermination,
  PRIORITIES,
  SEVERITIES,
  SLA_STATES,
  SORT_COLUMNS,
  TIME_RANGES,
  type TimeRange,
} from "./vocabulary";
import type { HistoryEntry } from "../audit/describe";
import type { ResponseDevice } from "../actions/schemas";

// Client-safe: the alert queue's URL grammar, DTOs and triage bodies. No server imports here. The browser imports
// the zod-free half, ./vocabulary.ts (the same constants and link builders), so zod stays out of its bundles.

export * from "./vocabulary";

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
  /** The alerts a custom detection rule raised: Defender gives them the rule's detectorId. */
  detector: single(text.optional()),
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

/** A line of the alert's history in this console, as a sentence (lib/audit/describe.ts). */
export type AlertHistoryEntry = HistoryEntry;

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
  /** The alert's device, with what its response controls need. */
  device: (ResponseDevice & { riskScore: string | null; exposureLevel: string | null }) | null;
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
