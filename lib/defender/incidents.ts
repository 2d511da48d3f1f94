import type { DefenderClient } from "./client";
import { odataDateTime } from "../microsoft";
import type { Page } from "../microsoft";
import { Incident, IncidentListItem, type IncidentPatch } from "./schemas";

// Defender XDR incidents (learn.microsoft.com/defender-xdr/api-incident): XDR_API_URL and the
// https://api.security.microsoft.com token.

/** $top maximum for incidents; 50 calls/min (learn.microsoft.com/defender-xdr/api-list-incidents). */
export const INCIDENTS_MAX_PAGE = 100;

export interface IncidentPagesOptions {
  updatedSince?: Date;
  pageSize?: number;
  maxPages?: number;
}

export function incidentPages(
  client: DefenderClient,
  opts: IncidentPagesOptions = {},
): AsyncGenerator<Page<IncidentListItem>> {
  return client.pages({
    api: "xdr",
    path: "/api/incidents",
    query: { $filter: opts.updatedSince ? `lastUpdateTime ge ${odataDateTime(opts.updatedSince)}` : undefined },
    itemSchema: IncidentListItem,
    pageSize: Math.min(opts.pageSize ?? INCIDENTS_MAX_PAGE, INCIDENTS_MAX_PAGE),
    maxPages: opts.maxPages,
    idField: "incidentId",
  });
}

export function getIncident(client: DefenderClient, id: number | string): Promise<Incident> {
  return client.request({
    api: "xdr",
    method: "GET",
    path: `/api/incidents/${encodeURIComponent(String(id))}`,
    statsPath: "/api/incidents/{id}",
    schema: Incident,
  });
}

/** PATCH /api/incidents/{id} → the updated incident. A comment is added on every call, so then it is not retried. */
export function updateIncident(client: DefenderClient, id: number | string, patch: IncidentPatch): Promise<Incident> {
  return client.request({
    api: "xdr",
    method: "PATCH",
    path: `/api/incidents/${encodeURIComponent(String(id))}`,
    statsPath: "/api/incidents/{id}",
    body: patch,
    schema: Incident,
    idempotent: patch.comment === undefined,
  });
}
