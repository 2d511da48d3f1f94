import { z } from "zod";
import type { DefenderClient } from "./client";
import { odataString, type Page } from "../microsoft";
import { Indicator, IndicatorImportResponse } from "./schemas";

// Custom indicators ("List Indicators API", "Submit or Update Indicator API", "Import Indicators API", "Delete
// Indicator API", "Batch Delete Indicators API", learn.microsoft.com/defender-endpoint/api/ti-indicator). At most
// 15,000 active indicators per tenant; import and batch delete take 500 per call and 30 calls a minute.

export const INDICATORS_MAX_PAGE = 10_000;
export const INDICATORS_PER_CALL = 500;
export const MAX_ACTIVE_INDICATORS = 15_000;

export type IndicatorType =
  "FileSha1" | "FileSha256" | "FileMd5" | "CertificateThumbprint" | "IpAddress" | "DomainName" | "Url";
/** The actions the API takes today; Alert and AlertAndBlock are retired ("Indicator resource type"). */
export type IndicatorAction = "Allowed" | "Audit" | "Warn" | "Block" | "BlockAndRemediate";

/** The submit body (camelCase, as post-ti-indicator shows). */
export interface IndicatorInput {
  indicatorValue: string;
  indicatorType: IndicatorType;
  action: IndicatorAction;
  title: string;
  description: string;
  severity?: "Informational" | "Low" | "Medium" | "High";
  expirationTime?: string;
  recommendedActions?: string;
  application?: string;
  rbacGroupNames?: string[];
  generateAlert?: boolean;
}

export interface IndicatorPagesOptions {
  indicatorType?: IndicatorType;
  indicatorValue?: string;
  pageSize?: number;
  maxPages?: number;
}

export function indicatorPages(
  client: DefenderClient,
  opts: IndicatorPagesOptions = {},
): AsyncGenerator<Page<Indicator>> {
  const clauses = [
    opts.indicatorType ? `indicatorType eq ${odataString(opts.indicatorType)}` : null,
    opts.indicatorValue ? `indicatorValue eq ${odataString(opts.indicatorValue)}` : null,
  ].filter(Boolean);
  return client.pages({
    path: "/api/indicators",
    query: { $filter: clauses.length ? clauses.join(" and ") : undefined },
    itemSchema: Indicator,
    pageSize: Math.min(opts.pageSize ?? INDICATORS_MAX_PAGE, INDICATORS_MAX_PAGE),
    maxPages: opts.maxPages,
  });
}

/** POST /api/indicators → 200 + Indicator; an existing value is updated ("Submits or Updates"), so a retry is safe. */
export function submitIndicator(client: DefenderClient, input: IndicatorInput): Promise<Indicator> {
  return client.request({ method: "POST", path: "/api/indicators", body: input, schema: Indicator, idempotent: true });
}

export interface IndicatorImportResult {
  /** Position in the caller's list. */
  row: number;
  indicatorValue: string;
  id: string | null;
  failed: boolean;
  failureReason: string | null;
}

/**
 * POST /api/indicators/import in calls of at most 500 rows ("Import Indicators API"), in order; one result per
 * input row. A retry re-submits the same values, which updates rather than duplicates, so the calls are idempotent.
 * A failed call throws; rows of the calls before it were imported (see ProviderError and `imported` on the caller).
 */
export async function importIndicators(
  client: DefenderClient,
  rows: IndicatorInput[],
  opts: { onBatch?: (done: number, total: number) => void } = {},
): Promise<IndicatorImportResult[]> {
  const out: IndicatorImportResult[] = [];
  for (let start = 0; start < rows.length; start += INDICATORS_PER_CALL) {
    const batch = rows.slice(start, start + INDICATORS_PER_CALL);
    const res = await client.request({
      method: "POST",
      path: "/api/indicators/import",
      body: { Indicators: batch },
      schema: IndicatorImportResponse,
      idempotent: true,
    });
    batch.forEach((input, i) => {
      // Results come back in request order; a missing row is reported as failed rather than guessed.
      const r = res.value[i];
      out.push({
        row: start + i,
        indicatorValue: input.indicatorValue,
        id: r?.id ?? null,
        failed: r ? r.isFailed : true,
        failureReason: r ? (r.failureReason ?? null) : "Defender returned no result for this row.",
      });
    });
    opts.onBatch?.(Math.min(start + INDICATORS_PER_CALL, rows.length), rows.length);
  }
  return out;
}

/** DELETE /api/indicators/{id} → 204; 404 if it does not exist. */
export async function deleteIndicator(client: DefenderClient, id: string): Promise<void> {
  await client.request({
    method: "DELETE",
    path: `/api/indicators/${encodeURIComponent(id)}`,
    statsPath: "/api/indicators/{id}",
    schema: z.unknown(),
    idempotent: true,
  });
}

/**
 * POST /api/indicators/BatchDelete in calls of at most 500 ids → 204 each. Defender deletes nothing in a call that
 * names an unknown id (404) or one outside the app's reach (403).
 */
export async function batchDeleteIndicators(client: DefenderClient, ids: string[]): Promise<void> {
  for (let start = 0; start < ids.length; start += INDICATORS_PER_CALL) {
    await client.request({
      method: "POST",
      path: "/api/indicators/BatchDelete",
      body: { IndicatorIds: ids.slice(start, start + INDICATORS_PER_CALL) },
      schema: z.unknown(),
      idempotent: true,
    });
  }
}
