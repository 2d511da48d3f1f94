import type { DefenderClient } from "./client";
import { odataDateTime, odataString, type Page } from "../microsoft";
import { Investigation } from "./schemas";

// Automated investigations ("List Investigations API", "Get Investigation API", "Start Investigation API",
// learn.microsoft.com/defender-endpoint/api/investigation). Approving an investigation's pending actions has no
// API: it happens in the Defender action center.

export const INVESTIGATIONS_MAX_PAGE = 10_000;

export interface InvestigationPagesOptions {
  /** Only this state, e.g. "PendingApproval" (state is filterable). */
  state?: string;
  machineId?: string;
  /** Only investigations with startTime ≥ this. */
  startedSince?: Date;
  pageSize?: number;
  maxPages?: number;
}

export function investigationPages(
  client: DefenderClient,
  opts: InvestigationPagesOptions = {},
): AsyncGenerator<Page<Investigation>> {
  const clauses = [
    opts.state ? `state eq ${odataString(opts.state)}` : null,
    opts.machineId ? `machineId eq ${odataString(opts.machineId)}` : null,
    opts.startedSince ? `startTime ge ${odataDateTime(opts.startedSince)}` : null,
  ].filter(Boolean);
  return client.pages({
    path: "/api/investigations",
    query: { $filter: clauses.length ? clauses.join(" and ") : undefined },
    itemSchema: Investigation,
    pageSize: Math.min(opts.pageSize ?? INVESTIGATIONS_MAX_PAGE, INVESTIGATIONS_MAX_PAGE),
    maxPages: opts.maxPages,
  });
}

/** By investigation id or by the id of the alert that triggered it (get-investigation-object). */
export function getInvestigation(client: DefenderClient, idOrAlertId: string): Promise<Investigation> {
  return client.request({
    method: "GET",
    path: `/api/investigations/${encodeURIComponent(idOrAlertId)}`,
    statsPath: "/api/investigations/{id}",
    schema: Investigation,
  });
}

/**
 * POST /api/machines/{id}/startInvestigation → 201 + Investigation. Sent once: a 5xx or lost answer is not
 * repeated (an investigation may have started), and a 429 is not waited out either — the limit is 50 calls an hour,
 * so the person is told when to try again instead.
 */
export function startInvestigation(client: DefenderClient, machineId: string, comment: string): Promise<Investigation> {
  return client.request({
    method: "POST",
    path: `/api/machines/${encodeURIComponent(machineId)}/startInvestigation`,
    statsPath: "/api/machines/{id}/startInvestigation",
    body: { Comment: comment },
    schema: Investigation,
    idempotent: false,
    maxRetries: 0,
  });
}
