import type { AuditContext } from "../auth/actor";
import { recordAudit, recordAuditFailure, recordIntent, withExternalChange } from "../audit";
import { db, Prisma } from "../db";
import { NotFound } from "../http/errors";
import { alertBatchPacer, BATCH_MAX_WAIT_MS } from "../budgets";
import { describeProviderError } from "../microsoft";
import { ALERT_LIST_SELECT, toAlertListItem } from "../cache/alerts";
import { deriveOpenAlertsOf } from "../cache/derivations";
import {
  ASSIGNED_TO_ME,
  normaliseDetermination,
  patchSpelling,
  type AlertRow,
  type AlertTriage,
  type BulkItemResult,
  type BulkTriageResult,
} from "./schemas";
import { alertWriter, type DefenderAlert, type DefenderAlertPatch } from "./writer";

// Triage: route → authorize (route wrapper) → here → intent audit row → Defender → write-through to the cache +
// outcome audit row, in one transaction. If Defender refuses, only the intent and the failure are recorded and the
// person is told why.

/** The Defender body for a change: "@me" becomes the caller, determinations take the update page's spelling. */
export function defenderPatch(change: AlertTriage, me: string): DefenderAlertPatch {
  return {
    ...(change.status ? { status: change.status } : {}),
    ...(change.assignedTo ? { assignedTo: change.assignedTo === ASSIGNED_TO_ME ? me : change.assignedTo } : {}),
    ...(change.classification ? { classification: change.classification } : {}),
    ...(change.classification && change.determination
      ? { determination: patchSpelling(change.classification, change.determination) }
      : {}),
    ...(change.comment ? { comment: change.comment } : {}),
  };
}

/** What the cache stores for a change Defender accepted without returning the alert (batch updates). */
function cachedChange(change: AlertTriage, patch: DefenderAlertPatch, at: Date) {
  return {
    ...(patch.status ? { status: patch.status, resolvedTime: patch.status === "Resolved" ? at : null } : {}),
    ...(patch.assignedTo ? { assignedTo: patch.assignedTo } : {}),
    ...(change.classification ? { classification: change.classification } : {}),
    ...(change.classification && change.determination
      ? { determination: normaliseDetermination(change.classification, change.determination) }
      : {}),
  };
}

/** The comment list after a change: Defender's own when it returned the alert, else ours appended. */
function appendComment(
  existing: Prisma.JsonValue,
  comment: string | undefined,
  by: string,
  at: Date,
): Prisma.InputJsonValue | undefined {
  if (!comment) return undefined;
  const list = Array.isArray(existing) ? existing : [];
  return [...list, { comment, createdBy: by, createdTime: at.toISOString() }] as Prisma.InputJsonValue;
}

const date = (v: string | null | undefined) => (v ? new Date(v) : null);

/** Triage one alert. Throws NotFound when the alert is not in the cache, a mapped Defender error when refused. */
export async function triageAlert(ctx: AuditContext, id: string, change: AlertTriage): Promise<AlertRow> {
  const current = await db().alert.findUnique({ where: { id }, select: { id: true, comments: true } });
  if (!current)
    throw new NotFound(`Alert ${id} is not in the console's cache. Wait for the next sync or check the id.`);
  const patch = defenderPatch(change, ctx.actor.name);
  const ask = async (): Promise<DefenderAlert> => {
    try {
      return await alertWriter().updateAlert(id, patch);
    } catch (err) {
      throw describeProviderError(err, {
        what: `alert ${id}`,
        act: "update",
        permission: "Alert.ReadWrite.All",
        nothingDone: "Nothing was changed.",
      });
    }
  };
  const now = new Date();
  return withExternalChange(
    ctx,
    { action: "alert.triage", targetType: "alert", targetId: id, params: { ...patch } },
    ask,
    async (tx, updated) => {
      // Defender's answer is the truth (it may normalise values, and its comment list includes ours).
      const row = await tx.alert.update({
        where: { id },
        data: {
          status: updated.status ?? patch.status,
          assignedTo: updated.assignedTo ?? patch.assignedTo ?? undefined,
          classification: updated.classification ?? change.classification ?? undefined,
          determination:
            updated.determination ??
            (change.classification && change.determination
              ? normaliseDetermination(change.classification, change.determination)
              : undefined) ??
            undefined,
          comments: updated.comments?.length
            ? (updated.comments as Prisma.InputJsonValue)
            : appendComment(current.comments, patch.comment, ctx.actor.name, now),
          lastUpdateTime: date(updated.lastUpdateTime) ?? now,
          resolvedTime:
            updated.status === "Resolved" ? (date(updated.resolvedTime) ?? now) : updated.status ? null : undefined,
          syncedAt: now,
        },
        select: ALERT_LIST_SELECT,
      });
      if (updated.status ?? patch.status) await deriveOpenAlertsOf(tx, [id]);
      return { result: toAlertListItem(row) };
    },
  );
}

/** Ids per batchUpdate call: small enough that one refused call fails few items. */
export const BATCH_CHUNK = 100;

/**
 * Triage many alerts through Defender's batch endpoint, queued under its 10/min limit. Each chunk Defender
 * accepts is written through and audited (one audit row per alert, so each alert's history shows it); a chunk it
 * refuses is reported per item and leaves those alerts untouched.
 */
export async function bulkTriageAlerts(
  ctx: AuditContext,
  ids: readonly string[],
  change: AlertTriage,
): Promise<BulkTriageResult> {
  const unique = [...new Set(ids)];
  const known = await db().alert.findMany({ where: { id: { in: unique } }, select: { id: true, comments: true } });
  const byId = new Map(known.map((a) => [a.id, a]));
  const items: BulkItemResult[] = unique
    .filter((id) => !byId.has(id))
    .map((id) => ({ id, result: "not_found" as const, message: "not in the console's cache" }));
  const patch = defenderPatch(change, ctx.actor.name);
  const present = unique.filter((id) => byId.has(id));
  let firstError: unknown = null;

  for (let i = 0; i < present.length; i += BATCH_CHUNK) {
    const chunk = present.slice(i, i + BATCH_CHUNK);
    try {
      await alertBatchPacer().take(BATCH_MAX_WAIT_MS);
      // Before Defender is asked: the change can then never be made there without a trace here.
      await recordIntent(ctx, { action: "alert.bulk_triage", targetType: "alert", params: { ...patch, ids: chunk } });
      await alertWriter().batchUpdate(chunk, patch);
    } catch (err) {
      const mapped = describeProviderError(err, {
        what: `${chunk.length} alerts`,
        act: "update",
        permission: "Alert.ReadWrite.All",
        nothingDone: "Nothing was changed.",
      });
      firstError ??= mapped;
      const message = mapped.message;
      items.push(...chunk.map((id) => ({ id, result: "failed" as const, message })));
      continue;
    }
    const now = new Date();
    const data = cachedChange(change, patch, now);
    await db().$transaction(async (tx) => {
      if (patch.comment) {
        // Comments differ per alert (each keeps its own list), so those rows are updated one by one.
        for (const id of chunk) {
          await tx.alert.update({
            where: { id },
            data: {
              ...data,
              comments: appendComment(byId.get(id)!.comments, patch.comment, ctx.actor.name, now),
              lastUpdateTime: now,
              syncedAt: now,
            },
          });
        }
      } else {
        await tx.alert.updateMany({
          where: { id: { in: chunk } },
          data: { ...data, lastUpdateTime: now, syncedAt: now },
        });
      }
      if (patch.status) await deriveOpenAlertsOf(tx, chunk);
      for (const id of chunk) {
        await recordAudit(
          tx,
          ctx,
          {
            action: "alert.bulk_triage",
            targetType: "alert",
            targetId: id,
            params: { ...patch, batch: present.length },
          },
          "success",
        );
      }
    });
    items.push(...chunk.map((id) => ({ id, result: "updated" as const })));
  }

  const updated = items.filter((i) => i.result === "updated").length;
  // Nothing reached Defender: answer with its error (and status) rather than a 200 full of failures; the route
  // wrapper records the failure. A partial failure is recorded here, per alert, so each history shows it.
  if (updated === 0 && firstError) throw firstError;
  for (const item of items.filter((i) => i.result === "failed")) {
    await recordAuditFailure(
      ctx,
      { action: "alert.bulk_triage", targetType: "alert", targetId: item.id, params: { ...patch } },
      item.message ?? "failed",
    );
  }
  const order = new Map(unique.map((id, n) => [id, n]));
  items.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return {
    updated,
    failed: items.filter((i) => i.result === "failed").length,
    notFound: items.filter((i) => i.result === "not_found").length,
    items,
  };
}
