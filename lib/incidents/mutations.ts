import type { AuditContext } from "../auth/actor";
import { recordAuditFailure, withExternalChange } from "../audit";
import { db, Prisma } from "../db";
import { NotFound } from "../http/errors";
import { tenantKey, tenantScope } from "../cache/tenant";
import { describeProviderError } from "../microsoft";
import { ASSIGNED_TO_ME } from "../alerts/schemas";
import { deriveOpenAlertsOf } from "../cache/derivations";
import { toIncidentRow } from "./queries";
import type { BulkItemResult, BulkTriageResult, IncidentRow, IncidentTriage } from "./schemas";
import { incidentUpdatePacer } from "../budgets";
import { deriveIncidentFigures } from "../cache/derivations";
import { incidentWriter, type DefenderIncident, type DefenderIncidentPatch } from "./writer";

// Incident triage: Defender XDR first, then the cache and the audit row in one transaction. XDR cascades an
// incident's status and assignee to its alerts, so the cached alerts take the values XDR returns for them.

export async function triageIncident(ctx: AuditContext, id: string, change: IncidentTriage): Promise<IncidentRow> {
  const key = BigInt(id);
  const current = await db().incident.findUnique({ where: tenantKey(key), select: { id: true } });
  if (!current)
    throw new NotFound(`Incident ${id} is not in the console's cache. Wait for the next sync or check the id.`);
  const patch: DefenderIncidentPatch = {
    ...(change.status ? { status: change.status } : {}),
    ...(change.assignedTo
      ? { assignedTo: change.assignedTo === ASSIGNED_TO_ME ? ctx.actor.name : change.assignedTo }
      : {}),
    ...(change.classification ? { classification: change.classification } : {}),
    ...(change.determination ? { determination: change.determination } : {}),
    ...(change.comment ? { comment: change.comment } : {}),
  };
  const ask = async (): Promise<DefenderIncident> => {
    try {
      await incidentUpdatePacer().take(INCIDENT_UPDATE_MAX_WAIT_MS);
      return await incidentWriter().updateIncident(id, patch);
    } catch (err) {
      throw describeProviderError(err, {
        what: `incident ${id}`,
        act: "update",
        permission: "Incident.ReadWrite.All",
        nothingDone: "Nothing was changed.",
      });
    }
  };
  const now = new Date();
  return withExternalChange(
    ctx,
    { action: "incident.triage", targetType: "incident", targetId: id, params: { ...patch } },
    ask,
    async (tx, updated) => {
      const row = await tx.incident.update({
        where: tenantKey(key),
        data: {
          status: updated.status,
          assignedTo: updated.assignedTo ?? null,
          classification: updated.classification ?? null,
          determination: updated.determination ?? null,
          comments: (updated.comments ?? []) as Prisma.InputJsonValue,
          lastUpdateTime: new Date(updated.lastUpdateTime),
          syncedAt: now,
        },
      });
      for (const a of updated.alerts ?? []) {
        if (!a.alertId) continue;
        await tx.alert.updateMany({
          where: { ...tenantScope(), id: a.alertId },
          data: {
            ...(a.status ? { status: a.status } : {}),
            ...(a.assignedTo !== undefined ? { assignedTo: a.assignedTo ?? null } : {}),
            ...(a.classification ? { classification: a.classification } : {}),
            ...(a.determination ? { determination: a.determination } : {}),
            ...(a.status === "Resolved" ? { resolvedTime: a.resolvedTime ? new Date(a.resolvedTime) : now } : {}),
            syncedAt: now,
          },
        });
      }
      // XDR cascades a status to the incident's alerts: their devices' open-alert counts follow.
      await deriveOpenAlertsOf(
        tx,
        (updated.alerts ?? []).filter((a) => a.alertId && a.status).map((a) => a.alertId!),
      );
      // The alerts' new statuses move the incident's SLA deadline (none once closed) and maybe its priority.
      await deriveIncidentFigures(tx, [key]);
      const derived = await tx.incident.findUniqueOrThrow({ where: tenantKey(key) });
      return { result: toIncidentRow({ ...row, priority: derived.priority, slaDueAt: derived.slaDueAt }) };
    },
  );
}

/** How long one update waits for a slot of Defender XDR's per-minute budget before it is refused (503). */
export const INCIDENT_UPDATE_MAX_WAIT_MS = 20_000;

/** Updates a bulk change keeps in flight at once: the budget, not this, sets the pace. */
const BULK_CONCURRENCY = 4;

/**
 * One change to many incidents. Defender XDR has no batch update for incidents, so each is one PATCH through
 * triageIncident (the budget's queue, its own intent and outcome audit rows, write-through); a refused one is
 * reported per item and leaves that incident untouched. When none went through, Defender's first error is the answer.
 */
export async function bulkTriageIncidents(
  ctx: AuditContext,
  ids: readonly string[],
  change: IncidentTriage,
): Promise<BulkTriageResult> {
  const unique = [...new Set(ids)];
  const items: BulkItemResult[] = [];
  let firstError: unknown = null;
  let next = 0;
  const worker = async () => {
    while (next < unique.length) {
      const id = unique[next++];
      try {
        await triageIncident(ctx, id, change);
        items.push({ id, result: "updated" });
      } catch (err) {
        if (err instanceof NotFound) {
          items.push({ id, result: "not_found", message: "not in the console's cache" });
          continue;
        }
        firstError ??= err;
        items.push({ id, result: "failed", message: err instanceof Error ? err.message : String(err) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(BULK_CONCURRENCY, unique.length) }, worker));
  // Each refused incident's history shows the refusal (its intent row is already there).
  for (const item of items.filter((i) => i.result === "failed")) {
    await recordAuditFailure(
      ctx,
      { action: "incident.triage", targetType: "incident", targetId: item.id, params: { ...change } },
      item.message ?? "failed",
    );
  }
  const updated = items.filter((i) => i.result === "updated").length;
  if (updated === 0 && firstError) throw firstError;
  const order = new Map(unique.map((id, n) => [id, n]));
  items.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return {
    updated,
    failed: items.filter((i) => i.result === "failed").length,
    notFound: items.filter((i) => i.result === "not_found").length,
    items,
  };
}
