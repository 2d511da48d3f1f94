import { z } from "zod";
import type { DefenderClient } from "./client";
import { odataDateTime } from "../microsoft";
import type { Page } from "../microsoft";
import { Alert, type AlertPatch } from "./schemas";

// Alerts (learn.microsoft.com/defender-endpoint/api/alerts): list with evidence, get, update, batch update.

/** $top maximum for /api/alerts (get-alerts). */
export const ALERTS_MAX_PAGE = 10_000;

export interface AlertPagesOptions {
  /** Only alerts with lastUpdateTime ≥ this (incremental sync; the caller applies its overlap window). */
  updatedSince?: Date;
  pageSize?: number;
  maxPages?: number;
}

export function alertPages(client: DefenderClient, opts: AlertPagesOptions = {}): AsyncGenerator<Page<Alert>> {
  return client.pages({
    path: "/api/alerts",
    query: {
      // Datetimes are unquoted in MDE's OData (exposed-apis-odata-samples); a quoted one is a type error.
      $filter: opts.updatedSince ? `lastUpdateTime ge ${odataDateTime(opts.updatedSince)}` : undefined,
      // Evidence is only included on lists when expanded (get-alerts; API release notes, 01.09.2020).
      $expand: "evidence",
    },
    itemSchema: Alert,
    pageSize: Math.min(opts.pageSize ?? ALERTS_MAX_PAGE, ALERTS_MAX_PAGE),
    maxPages: opts.maxPages,
  });
}

export function getAlert(client: DefenderClient, id: string): Promise<Alert> {
  return client.request({
    method: "GET",
    path: `/api/alerts/${encodeURIComponent(id)}`,
    statsPath: "/api/alerts/{id}",
    schema: Alert,
  });
}

/**
 * PATCH /api/alerts/{id} with a camelCase body (update-alert) → the updated alert. Setting the same fields twice gives
 * the same result, so the call is idempotent and may be retried on 5xx — except a `comment`, which would be added
 * twice; with a comment the call is sent once.
 */
export function updateAlert(client: DefenderClient, id: string, patch: AlertPatch): Promise<Alert> {
  return client.request({
    method: "PATCH",
    path: `/api/alerts/${encodeURIComponent(id)}`,
    statsPath: "/api/alerts/{id}",
    body: patch,
    schema: Alert,
    idempotent: patch.comment === undefined,
  });
}

export interface BatchAlertUpdate {
  alertIds: string[];
  status?: AlertPatch["status"];
  assignedTo?: string;
  classification?: AlertPatch["classification"];
  determination?: string;
  comment?: string;
}

/** POST /api/alerts/batchUpdate → 200 with an empty body. 10 calls/min, 500/h (batch-update-alerts). */
export async function batchUpdateAlerts(client: DefenderClient, update: BatchAlertUpdate): Promise<void> {
  await client.request({
    method: "POST",
    path: "/api/alerts/batchUpdate",
    body: update,
    schema: z.unknown(),
    idempotent: update.comment === undefined,
  });
}
