import type { AuditContext } from "../auth/actor";
import { isAudited, recordAuditFailure, withExternalChange } from "../audit";
import { db } from "../db";
import { isIndicatorCapReached, isThrottled, type Indicator, type IndicatorInput } from "../defender";
import { describeProviderError, ProviderError, ProviderRefused, retryAfterSeconds } from "../microsoft";
import { AppError, BadRequest, UpstreamError } from "../http/errors";
import { removeIndicators, writeSubmittedIndicators } from "../cache/indicators";
import { tenantScope } from "../cache/tenant";
import {
  INDICATOR_CAP,
  INDICATORS_PER_IMPORT_CALL,
  readIndicatorCsv,
  toApiAction,
  type ImportReport,
  type ImportRowResult,
  type IndicatorCreate,
} from "./schemas";
import { indicatorWriter } from "./writer";

// Custom indicators, written to Defender and then through to the cache with their audit row in one transaction
// (lib/audit withExternalChange). Submits and imports are upserts in Defender ("Submits or Updates"), so a retry
// updates rather than duplicates; deletes are Admin-only.

/** Defender's own limit on import and batch-delete calls ("Import Indicators API", "Batch Delete Indicators API"). */
const CALLS_PER_MINUTE = 30;

function apiInput(c: IndicatorCreate): IndicatorInput {
  const { action, generateAlert } = toApiAction(c.action);
  return {
    indicatorType: c.indicatorType,
    indicatorValue: c.indicatorValue.trim(),
    action,
    generateAlert,
    severity: c.severity,
    title: c.title,
    description: c.description,
    expirationTime: c.expiresAt ? new Date(c.expiresAt).toISOString() : undefined,
    recommendedActions: c.recommendedActions,
  };
}

/** The cached form of an indicator Defender accepted in an import (the import answers only ids). */
function imported(input: IndicatorInput, id: string, by: string): Indicator {
  const now = new Date().toISOString();
  return {
    id,
    indicatorValue: input.indicatorValue,
    indicatorType: input.indicatorType,
    action: input.action,
    generateAlert: input.generateAlert ?? null,
    severity: input.severity ?? null,
    title: input.title,
    description: input.description,
    expirationTime: input.expirationTime ?? null,
    creationTimeDateTimeUtc: now,
    lastUpdateTime: now,
    createdBy: by,
    source: null,
    createdBySource: null,
    sourceType: "AadApp",
    rbacGroupNames: [],
    rbacGroupIds: [],
  } as Indicator;
}

function describeIndicatorError(err: unknown, what: string, act: string): Error {
  if (isThrottled(err)) {
    const seconds = retryAfterSeconds(err);
    return new UpstreamError(
      `Defender is throttling indicator changes (import and batch delete allow ${CALLS_PER_MINUTE} calls a minute). Try again in ${seconds} s.`,
      429,
      seconds,
    );
  }
  if (isIndicatorCapReached(err))
    return new ProviderRefused(
      `The tenant holds Defender's maximum of ${INDICATOR_CAP.toLocaleString("en-US")} indicators; delete expired or unneeded ones first. Nothing was added.`,
    );
  return describeProviderError(err, { what, act, permission: "Ti.ReadWrite.All" });
}

async function assertRoom(adding: number): Promise<void> {
  const total = await db().indicator.count({ where: tenantScope() });
  if (total + adding > INDICATOR_CAP)
    throw new ProviderRefused(
      `The tenant holds ${total.toLocaleString("en-US")} of Defender's ${INDICATOR_CAP.toLocaleString("en-US")} indicators; ${adding} more would exceed the limit (increases are not supported). Delete some first.`,
    );
}

/** Submits one indicator (an existing value is updated). */
export async function createIndicator(audit: AuditContext, input: IndicatorCreate): Promise<Indicator> {
  await assertRoom(1);
  const body = apiInput(input);
  return withExternalChange(
    audit,
    {
      action: "indicator.create",
      targetType: "indicator",
      params: {
        indicatorType: body.indicatorType,
        indicatorValue: body.indicatorValue,
        action: input.action,
        severity: body.severity,
        expirationTime: body.expirationTime ?? null,
      },
    },
    async () => {
      try {
        return await indicatorWriter().submit(body);
      } catch (err) {
        throw describeIndicatorError(err, body.indicatorValue, "indicator submission");
      }
    },
    async (tx, created) => {
      await writeSubmittedIndicators(tx, [{ ...created, createdBy: audit.actor.name }]);
      return { result: created, targetId: created.id };
    },
  );
}

/**
 * Imports a CSV of indicators: invalid rows are reported without being sent, the valid ones go to Defender 500 to a
 * call, each call audited with its write-through. A call that fails stops the import; its rows and the rest are
 * reported as not sent (what went before stays imported), with the reason.
 */
export async function importIndicatorCsv(audit: AuditContext, csv: string): Promise<ImportReport> {
  const { rows, error } = readIndicatorCsv(csv);
  if (error) throw new BadRequest(error, [{ path: "csv", message: error }]);
  const results = new Map<number, ImportRowResult>();
  const valid: { line: number; input: IndicatorInput }[] = [];
  for (const r of rows) {
    if (r.ok) valid.push({ line: r.line, input: apiInput(r.input) });
    else results.set(r.line, { line: r.line, indicatorValue: r.value, outcome: "invalid", id: null, reason: r.reason });
  }
  await assertRoom(valid.length);
  let calls = 0;
  let failure: string | null = null;
  const notSent = (batch: typeof valid, reason: string) => {
    for (const b of batch)
      results.set(b.line, {
        line: b.line,
        indicatorValue: b.input.indicatorValue,
        outcome: "not_sent",
        id: null,
        reason,
      });
  };
  for (let start = 0; start < valid.length; start += INDICATORS_PER_IMPORT_CALL) {
    const batch = valid.slice(start, start + INDICATORS_PER_IMPORT_CALL);
    if (failure) {
      notSent(batch, failure);
      continue;
    }
    const entry = {
      action: "indicator.import" as const,
      targetType: "indicator",
      params: { rows: batch.length, call: calls + 1, firstLine: batch[0]!.line, lastLine: batch.at(-1)!.line },
    };
    calls++;
    try {
      const answer = await withExternalChange(
        audit,
        entry,
        async () => {
          try {
            return await indicatorWriter().importBatch(batch.map((b) => b.input));
          } catch (err) {
            throw describeIndicatorError(err, `${batch.length} indicators`, "indicator import");
          }
        },
        async (tx, out) => {
          const accepted = out.filter((o) => !o.failed && o.id);
          await writeSubmittedIndicators(
            tx,
            accepted.map((o) => imported(batch[o.row]!.input, o.id!, audit.actor.name)),
          );
          return {
            result: out,
            params: { ...entry.params, imported: accepted.length, failed: out.length - accepted.length },
          };
        },
      );
      for (const o of answer) {
        const b = batch[o.row]!;
        results.set(b.line, {
          line: b.line,
          indicatorValue: b.input.indicatorValue,
          outcome: o.failed ? "failed" : "imported",
          id: o.id,
          reason: o.failed ? o.failureReason : null,
        });
      }
    } catch (err) {
      // A refusal or failure Defender answered is reported per row and the import stops; anything else is a bug.
      if (!(err instanceof AppError)) throw err;
      const message = err.message;
      // withExternalChange recorded the intent (and, for a stored_partially, the outcome); the refusal is recorded
      // here because the import goes on to report instead of throwing.
      if (!isAudited(err)) await recordAuditFailure(audit, entry, message);
      failure = `Not sent: an earlier import call failed. ${message}`;
      notSent(batch, message);
    }
  }
  const list = [...results.values()].sort((a, b) => a.line - b.line);
  return {
    rows: list,
    imported: list.filter((r) => r.outcome === "imported").length,
    failed: list.filter((r) => r.outcome !== "imported").length,
    calls,
    error: failure ? failure.replace(/^Not sent: an earlier import call failed\. /, "") : null,
  };
}

/** Deletes indicators in Defender (one call for one id, batch deletes of 500 for more), then from the cache. */
export async function deleteIndicators(audit: AuditContext, ids: string[]): Promise<{ deleted: number }> {
  const unique = [...new Set(ids)];
  const known = await db().indicator.findMany({
    where: { ...tenantScope(), id: { in: unique } },
    select: { id: true, indicatorValue: true },
  });
  return withExternalChange(
    audit,
    {
      action: "indicator.delete",
      targetType: "indicator",
      targetId: unique.length === 1 ? unique[0] : undefined,
      params: { ids: unique, values: known.map((k) => k.indicatorValue).slice(0, 50) },
    },
    async () => {
      try {
        if (unique.length === 1) await indicatorWriter().delete(unique[0]!);
        else await indicatorWriter().batchDelete(unique);
      } catch (err) {
        if (err instanceof ProviderError && err.status === 404)
          throw new ProviderRefused(
            unique.length === 1
              ? `Defender no longer has indicator ${unique[0]} (deleted elsewhere?); the next sync removes it here.`
              : "Defender does not know one of these indicators and deleted none of them; refresh the list and try again.",
          );
        throw describeIndicatorError(err, `${unique.length} indicator(s)`, "indicator deletion");
      }
    },
    async (tx) => ({ result: { deleted: await removeIndicators(tx, unique) } }),
  );
}
