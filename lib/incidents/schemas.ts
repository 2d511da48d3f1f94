import { z } from "zod";
import { multi, single } from "../http/query-params";
import {
  DETERMINATIONS,
  PRIORITIES,
  requireSomeTriageField,
  SEVERITIES,
  SLA_STATES,
  TRIAGE_FIELDS,
  type BulkItemResult,
  type BulkTriageResult,
  type Priority,
} from "../alerts/schemas";
import type { HistoryEntry } from "../audit/describe";
import type { ResponseDevice } from "../actions/schemas";

// Client-safe: the incident list's query string, DTOs and the triage body.

export const INCIDENT_STATUSES = ["Active", "InProgress", "Resolved", "Redirected"] as const;
/** Statuses a person may set (Redirected is Defender's own, when it merges incidents). */
export const SETTABLE_INCIDENT_STATUSES = ["Active", "InProgress", "Resolved"] as const;

/** Statuses an incident is closed in: no SLA clock, ranked after open incidents. */
export const CLOSED_INCIDENT_STATUSES = ["Resolved", "Redirected"] as const;

/**
 * Sort columns. `priority` ranks open incidents first, then by priority, then by the time left on their SLA;
 * `sla` is the earliest deadline first (closed incidents have none and come last).
 */
export const INCIDENT_SORTS = ["priority", "sla", "updated", "created"] as const;
export type IncidentSort = (typeof INCIDENT_SORTS)[number];
export const DEFAULT_INCIDENT_SORT: IncidentSort = "priority";

const text = z.string().trim().min(1).max(200);

export const IncidentFilter = z.object({
  status: multi(z.enum(INCIDENT_STATUSES)),
  severity: multi(z.enum(SEVERITIES)),
  priority: multi(z.enum(PRIORITIES)),
  /** People, "@me" (whoever opens the link) or "unassigned". */
  assignedTo: multi(text),
  /** Free text over the incident name and id. */
  q: single(z.string().trim().max(200).optional()),
  sla: single(z.enum(SLA_STATES).optional()),
});
export type IncidentFilter = z.infer<typeof IncidentFilter>;

export const IncidentView = IncidentFilter.extend({
  sort: single(z.enum(INCIDENT_SORTS).default(DEFAULT_INCIDENT_SORT)),
  dir: single(z.enum(["asc", "desc"]).optional()),
});
export type IncidentView = z.infer<typeof IncidentView>;

/** The natural first order of a column: most urgent, soonest deadline, newest. */
export function defaultIncidentDirection(sort: IncidentSort): "asc" | "desc" {
  return sort === "sla" ? "asc" : "desc";
}

const VIEW_KEYS = ["q", "status", "severity", "priority", "assignedTo", "sla", "sort", "dir"] as const;

/** The canonical query string of a view (fixed order, sorted lists, defaults left out): equal views, equal URLs. */
export function incidentViewToSearch(view: Partial<IncidentView>): URLSearchParams {
  const out = new URLSearchParams();
  const sort = view.sort ?? DEFAULT_INCIDENT_SORT;
  for (const key of VIEW_KEYS) {
    const value = view[key];
    if (value === undefined || value === null || value === "") continue;
    if (key === "sort" && value === DEFAULT_INCIDENT_SORT) continue;
    if (key === "dir" && value === defaultIncidentDirection(sort)) continue;
    if (Array.isArray(value)) {
      if (value.length) out.set(key, [...value].sort().join(","));
    } else out.set(key, String(value));
  }
  return out;
}

/** True when a filter narrows the list (sort does not). */
export function hasIncidentFilters(filter: IncidentFilter): boolean {
  return Boolean(
    filter.q ||
    filter.status.length ||
    filter.severity.length ||
    filter.priority.length ||
    filter.assignedTo.length ||
    filter.sla,
  );
}

export const IncidentQuery = IncidentView.extend({
  cursor: single(z.string().max(500).optional()),
  limit: single(z.coerce.number().int().min(1).max(200).default(50)),
}).strict();

export interface IncidentPage {
  data: IncidentRow[];
  nextCursor: string | null;
}

export interface IncidentRow {
  id: string;
  name: string;
  status: string;
  severity: string;
  assignedTo: string | null;
  classification: string | null;
  determination: string | null;
  tags: string[];
  alertCount: number;
  deviceCount: number;
  userCount: number;
  createdTime: string;
  lastUpdateTime: string;
  /** Derived: the highest priority of its alerts, never below its severity. */
  priority: Priority;
  /** Derived: the earliest SLA deadline among its open alerts (ISO); null when closed or without a clock. */
  slaDueAt: string | null;
  /** The attached runbook's progress (list rows only); null when none is attached. */
  runbook?: { done: number; total: number } | null;
}

export interface IncidentDetail extends IncidentRow {
  comments: { comment: string; createdBy: string | null; createdTime: string | null }[];
  /** What was done to the incident through the console, newest first. */
  history: HistoryEntry[];
  alerts: {
    id: string;
    title: string;
    severity: string;
    status: string;
    priority: string;
    computerDnsName: string | null;
    userName: string | null;
    assignedTo: string | null;
    alertCreationTime: string;
  }[];
  devices: {
    id: string | null;
    name: string;
    machineId: string | null;
    riskScore: string | null;
    isolationState: string | null;
    /** Set when the device is in the cache: what its response controls need. */
    response: ResponseDevice | null;
  }[];
  users: string[];
}

/**
 * Incident triage. Defender XDR takes a determination only with a TruePositive classification
 * (learn.microsoft.com/defender-xdr/api-update-incidents); it is refused here first so the person gets a named
 * field, not an upstream error.
 */
export const IncidentTriage = z
  .object({ status: z.enum(SETTABLE_INCIDENT_STATUSES).optional(), ...TRIAGE_FIELDS })
  .strict()
  .superRefine((v, ctx) => {
    requireSomeTriageField(v, ctx);
    if (v.determination !== undefined) {
      if (v.classification !== "TruePositive")
        ctx.addIssue({
          code: "custom",
          path: ["determination"],
          message: "incidents take a determination only with classification TruePositive",
        });
      else if (!DETERMINATIONS.TruePositive.some((d) => d.value === v.determination)) {
        ctx.addIssue({
          code: "custom",
          path: ["determination"],
          message: `use one of ${DETERMINATIONS.TruePositive.map((d) => d.value).join(", ")}`,
        });
      }
    }
  });
export type IncidentTriage = z.infer<typeof IncidentTriage>;

export const IncidentRef = z.object({ id: z.string().regex(/^\d{1,18}$/, "an incident id") });

/**
 * Incidents per bulk change. Defender XDR updates one incident per call, 50 calls a minute
 * (learn.microsoft.com/defender-xdr/api-update-incidents, "Limitations"): 50 is what one minute's budget sends.
 */
export const INCIDENT_BULK_MAX = 50;

export const IncidentBulkTriage = z
  .object({
    ids: z
      .array(IncidentRef.shape.id)
      .min(1)
      .max(INCIDENT_BULK_MAX, `at most ${INCIDENT_BULK_MAX} incidents at once (Defender's limit per minute)`),
    change: IncidentTriage,
  })
  .strict();
export type IncidentBulkTriage = z.infer<typeof IncidentBulkTriage>;

export type { BulkItemResult, BulkTriageResult };
