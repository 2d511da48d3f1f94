import { z } from "zod";
import { multi, single } from "../http/query-params";
import { DETERMINATIONS, requireSomeTriageField, SEVERITIES, TRIAGE_FIELDS } from "../alerts/schemas";
import type { HistoryEntry } from "../audit/describe";
import type { ResponseDevice } from "../actions/schemas";

// Client-safe: the incident list's query string, DTOs and the triage body.

export const INCIDENT_STATUSES = ["Active", "InProgress", "Resolved", "Redirected"] as const;
/** Statuses a person may set (Redirected is Defender's own, when it merges incidents). */
export const SETTABLE_INCIDENT_STATUSES = ["Active", "InProgress", "Resolved"] as const;

export const IncidentFilter = z.object({
  status: multi(z.enum(INCIDENT_STATUSES)),
  severity: multi(z.enum(SEVERITIES)),
  assignedTo: multi(z.string().trim().min(1).max(200)),
  q: single(z.string().trim().max(200).optional()),
  sort: single(z.enum(["updated", "created"]).default("updated")),
});
export type IncidentFilter = z.infer<typeof IncidentFilter>;

/** The canonical query string of a filter (fixed order, defaults left out), so equal views share a cache key. */
export function incidentFilterToSearch(filter: Partial<IncidentFilter>): URLSearchParams {
  const s = new URLSearchParams();
  if (filter.q) s.set("q", filter.q);
  for (const v of filter.status ?? []) s.append("status", v);
  for (const v of filter.severity ?? []) s.append("severity", v);
  for (const v of filter.assignedTo ?? []) s.append("assignedTo", v);
  if (filter.sort && filter.sort !== "updated") s.set("sort", filter.sort);
  return s;
}

export function hasIncidentFilters(filter: IncidentFilter): boolean {
  return Boolean(
    filter.q || filter.status.length || filter.severity.length || filter.assignedTo.length || filter.sort !== "updated",
  );
}

export const IncidentQuery = IncidentFilter.extend({
  cursor: single(z.string().max(300).optional()),
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
