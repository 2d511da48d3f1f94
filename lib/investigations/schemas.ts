import { z } from "zod";
import { multi, single, viewToSearch } from "../http/query-params";

// Client-safe: the investigations list's URL filter, its rows, and the approval-expiry arithmetic.

/** The 18 states of the "Investigation resource type" (learn.microsoft.com/defender-endpoint/api/investigation). */
export const INVESTIGATION_STATES = [
  "Unknown",
  "Terminated",
  "SuccessfullyRemediated",
  "Benign",
  "Failed",
  "PartiallyRemediated",
  "Running",
  "PendingApproval",
  "PendingResource",
  "PartiallyInvestigated",
  "TerminatedByUser",
  "TerminatedBySystem",
  "Queued",
  "InnerFailure",
  "PreexistingAlert",
  "UnsupportedOs",
  "UnsupportedAlertType",
  "SuppressedAlert",
] as const;

/** States in which Defender still works on (or waits in) an investigation. */
export const OPEN_STATES: readonly string[] = ["Queued", "Running", "PendingApproval", "PendingResource"];

/**
 * "Pending actions time out after 7 days. If an action times out, the behavior is the same as if the action is
 * rejected" ("Review and approve remediation actions following automated investigations",
 * learn.microsoft.com/defender-endpoint/auto-investigation-action-center).
 */
export const APPROVAL_TIMEOUT_DAYS = 7;
const DAY_MS = 86_400_000;

/** Where approvals happen: Defender offers no API to approve or reject pending actions. */
export const ACTION_CENTER_URL = "https://security.microsoft.com/action-center";

export interface ApprovalExpiry {
  /** The earliest the pending actions can time out (ISO). */
  expiresAt: string;
  /** Whole days left, rounded down; 0 on the last day and after. */
  daysLeft: number;
  expired: boolean;
}

/**
 * When a pending approval times out. Defender does not say when an investigation's actions began to wait, only
 * when it started, and they cannot wait from before that: start + 7 days is the earliest they can time out, so the
 * console counts down to it (telling a person to act by then is never too late).
 */
export function approvalExpiry(startTime: string | null, now: Date): ApprovalExpiry | null {
  if (!startTime) return null;
  const expires = Date.parse(startTime) + APPROVAL_TIMEOUT_DAYS * DAY_MS;
  const left = expires - now.getTime();
  return {
    expiresAt: new Date(expires).toISOString(),
    daysLeft: left <= 0 ? 0 : Math.floor(left / DAY_MS),
    expired: left <= 0,
  };
}

/** What an open investigation waits for, in words; null once it ended. */
export function waitingFor(state: string, statusDetails: string | null): string | null {
  switch (state) {
    case "PendingApproval":
      // The deadline and the way to the action center are shown beside it.
      return "Approval of its remediation actions";
    case "PendingResource":
      return statusDetails ?? "The device (offline or busy)";
    case "Queued":
      return "A free slot to start";
    case "Running":
      return statusDetails ?? "Its analysis to finish";
    default:
      return null;
  }
}

export const INVESTIGATION_VIEWS = ["all", "pending"] as const;

export const InvestigationFilter = z.object({
  view: single(z.enum(INVESTIGATION_VIEWS).default("all")),
  state: multi(z.enum(INVESTIGATION_STATES), INVESTIGATION_STATES.length),
  /** Defender's machine id: that device's investigations. */
  machine: single(z.string().max(100).optional()),
  /** Device name (substring) or the triggering alert's id. */
  q: single(z.string().trim().max(200).optional()),
});
export type InvestigationFilter = z.infer<typeof InvestigationFilter>;

export const InvestigationQuery = InvestigationFilter.extend({
  cursor: single(z.string().max(500).optional()),
  limit: single(z.coerce.number().int().min(1).max(200).default(50)),
}).strict();

export function investigationFilterToSearch(filter: Partial<InvestigationFilter>): URLSearchParams {
  return viewToSearch(filter, ["view", "state", "machine", "q"], { view: "all" });
}

export interface InvestigationView {
  id: string;
  state: string;
  startTime: string | null;
  endTime: string | null;
  /** Run time so far (open) or in all (ended), in ms; null without a start. */
  durationMs: number | null;
  machineId: string;
  /** The console's device id, when the device is in the cache. */
  deviceId: string | null;
  deviceName: string | null;
  triggeringAlertId: string | null;
  alertTitle: string | null;
  statusDetails: string | null;
  waitingFor: string | null;
  /** Pending approval only. */
  expiry: ApprovalExpiry | null;
  startedBy: string | null;
}

export interface InvestigationPage {
  data: InvestigationView[];
  nextCursor: string | null;
}

export const StartInvestigationBody = z
  .object({ comment: z.string().trim().min(1, "say why (Defender requires a comment)").max(1000) })
  .strict();
export type StartInvestigationBody = z.infer<typeof StartInvestigationBody>;
