import type { AuditContext } from "../auth/actor";
import { withExternalChange } from "../audit";
import { db, Prisma } from "../db";
import { NotFound } from "../http/errors";
import { describeProviderError } from "../microsoft";
import { ASSIGNED_TO_ME } from "../alerts/schemas";
import { deriveOpenAlertsOf } from "../cache/derivations";
import { toIncidentRow } from "./queries";
import type { IncidentRow, IncidentTriage } from "./schemas";
import { incidentWriter, type DefenderIncident, type DefenderIncidentPatch } from "./writer";

// Incident triage: Defender XDR first, then the cache and the audit row in one transaction. XDR cascades an
// incident's status and assignee to its alerts, so the cached alerts take the values XDR returns for them.

export async function triageIncident(ctx: AuditContext, id: string, change: IncidentTriage): Promise<IncidentRow> {
  const key = BigInt(id);
  const current = await db().incident.findUnique({ where: { id: key }, select: { id: true } });
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
        where: { id: key },
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
          where: { id: a.alertId },
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
      return { result: toIncidentRow(row) };
    },
  );
}
