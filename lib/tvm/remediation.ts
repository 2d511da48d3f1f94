import type { AuditContext } from "../auth/actor";
import { withAudit } from "../audit";
import { db } from "../db";
import { BadRequest, Conflict, NotFound } from "../http/errors";
import { REMEDIATION_SAMPLE } from "../cache/tvm-aggregates";
import { softwareIdOf } from "./recommendations";
import { burndown, isoDay, isOverdue } from "./series";
import type { RemediationRequestInput, RemediationRequestPatch, RemediationRequestRow } from "./schemas";

// Remediation requests: a Manager asks an owner to remediate one recommendation by a date. The console records the
// request (audited) and samples its progress from every TVM sync (refresh.ts); nothing is sent to Defender.
// Whoever may create requests (tvm:report) may edit, reassign, close, reopen and delete any of them: a request is
// the team's commitment, not its author's, and a Manager on leave must not leave one stuck.

function assertDueFromToday(dueOn: string, today: string): void {
  if (dueOn < today)
    throw new BadRequest("The due date is in the past.", [{ path: "dueOn", message: "must be today or later" }]);
}

export async function createRemediationRequest(
  audit: AuditContext,
  input: RemediationRequestInput,
  now: Date = new Date(),
): Promise<RemediationRequestRow> {
  const today = isoDay(now);
  assertDueFromToday(input.dueOn, today);
  const rec = await db().recommendation.findUnique({
    where: { id: input.recommendationId },
    select: { id: true, recommendationName: true },
  });
  if (!rec) throw new NotFound(`No recommendation ${input.recommendationId} in the cache.`);
  const softwareId = softwareIdOf(rec.id);
  const id = await withAudit(
    audit,
    { action: "tvm.remediation.create", targetType: "remediationRequest" },
    async (tx) => {
      const created = await tx.remediationRequest.create({
        data: {
          recommendationId: rec.id,
          recommendationName: rec.recommendationName,
          softwareId,
          // Configuration recommendations are counted tenant-wide by Defender: a group would promise what we cannot track.
          scope: softwareId ? input.scope : "",
          owner: input.owner,
          dueOn: new Date(`${input.dueOn}T00:00:00Z`),
          note: input.note,
          baselineExposed: 0,
          createdById: audit.actor.id,
          createdByName: audit.actor.name,
          createdAt: now,
        },
        select: { id: true },
      });
      // The first sample is the baseline the burndown starts from.
      await tx.$executeRawUnsafe(REMEDIATION_SAMPLE, today, now.toISOString(), created.id);
      const [sample] = await tx.$queryRawUnsafe<{ exposedDevices: number }[]>(
        `SELECT "exposedDevices" FROM "RemediationProgress" WHERE "requestId" = $1`,
        created.id,
      );
      await tx.remediationRequest.update({
        where: { id: created.id },
        data: { baselineExposed: sample?.exposedDevices ?? 0 },
      });
      return {
        result: created.id,
        targetId: created.id,
        params: {
          recommendationId: rec.id,
          scope: softwareId ? input.scope : "",
          owner: input.owner,
          dueOn: input.dueOn,
        },
      };
    },
  );
  const [row] = await listRemediationRequests({ id }, now);
  return row;
}

type Stored = { id: string; recommendationId: string; owner: string; dueOn: Date; note: string; closedAt: Date | null };

async function storedRequest(id: string): Promise<Stored> {
  const found = await db().remediationRequest.findUnique({
    where: { id },
    select: { id: true, recommendationId: true, owner: true, dueOn: true, note: true, closedAt: true },
  });
  if (!found) throw new NotFound(`No remediation request ${id}.`);
  return found;
}

/**
 * Reassigns (owner), moves the due date or rewrites the note. A due date already in the past may stay as it is
 * (the request is overdue, not invalid); a new one must be today or later. The audit row keeps each change as
 * { from, to }, so a reassignment reads as one.
 */
export async function updateRemediationRequest(
  audit: AuditContext,
  id: string,
  patch: RemediationRequestPatch,
  now: Date = new Date(),
): Promise<RemediationRequestRow> {
  const before = await storedRequest(id);
  const changes: Record<string, { from: string; to: string }> = {};
  const dueBefore = isoDay(before.dueOn);
  if (patch.owner !== undefined && patch.owner !== before.owner)
    changes.owner = { from: before.owner, to: patch.owner };
  if (patch.dueOn !== undefined && patch.dueOn !== dueBefore) {
    assertDueFromToday(patch.dueOn, isoDay(now));
    changes.dueOn = { from: dueBefore, to: patch.dueOn };
  }
  if (patch.note !== undefined && patch.note !== before.note) changes.note = { from: before.note, to: patch.note };
  await withAudit(audit, { action: "tvm.remediation.update", targetType: "remediationRequest" }, async (tx) => {
    await tx.remediationRequest.update({
      where: { id },
      data: {
        owner: changes.owner?.to,
        dueOn: changes.dueOn ? new Date(`${changes.dueOn.to}T00:00:00Z`) : undefined,
        note: changes.note?.to,
      },
    });
    return { result: null, targetId: id, params: { recommendationId: before.recommendationId, ...changes } };
  });
  const [row] = await listRemediationRequests({ id }, now);
  return row;
}

/** Closes a request (done, or no longer wanted): it keeps its burndown and stops being sampled. */
export async function closeRemediationRequest(
  audit: AuditContext,
  id: string,
  now: Date = new Date(),
): Promise<RemediationRequestRow> {
  const before = await storedRequest(id);
  if (before.closedAt) throw new Conflict("The remediation request is already closed.");
  await withAudit(audit, { action: "tvm.remediation.close", targetType: "remediationRequest" }, async (tx) => {
    // The condition makes two concurrent closes one: the second updates nothing and is refused.
    const { count } = await tx.remediationRequest.updateMany({
      where: { id, closedAt: null },
      data: { closedAt: now, closedByName: audit.actor.name },
    });
    if (count === 0) throw new Conflict("The remediation request is already closed.");
    return { result: null, targetId: id, params: { recommendationId: before.recommendationId, owner: before.owner } };
  });
  const [row] = await listRemediationRequests({ id }, now);
  return row;
}

/** Reopens a closed request and samples it at once, so its burndown resumes from today's figure. */
export async function reopenRemediationRequest(
  audit: AuditContext,
  id: string,
  now: Date = new Date(),
): Promise<RemediationRequestRow> {
  const before = await storedRequest(id);
  if (!before.closedAt) throw new Conflict("The remediation request is open already.");
  await withAudit(audit, { action: "tvm.remediation.reopen", targetType: "remediationRequest" }, async (tx) => {
    const { count } = await tx.remediationRequest.updateMany({
      where: { id, closedAt: { not: null } },
      data: { closedAt: null, closedByName: null },
    });
    if (count === 0) throw new Conflict("The remediation request is open already.");
    await tx.$executeRawUnsafe(REMEDIATION_SAMPLE, isoDay(now), now.toISOString(), id);
    return { result: null, targetId: id, params: { recommendationId: before.recommendationId, owner: before.owner } };
  });
  const [row] = await listRemediationRequests({ id }, now);
  return row;
}

/** Deletes a request and its samples (a duplicate or a mistake). The audit row keeps what it was. */
export async function deleteRemediationRequest(audit: AuditContext, id: string): Promise<{ id: string }> {
  const before = await storedRequest(id);
  await withAudit(audit, { action: "tvm.remediation.delete", targetType: "remediationRequest" }, async (tx) => {
    const { count } = await tx.remediationRequest.deleteMany({ where: { id } });
    if (count === 0) throw new NotFound(`No remediation request ${id}.`);
    return {
      result: null,
      targetId: id,
      params: {
        recommendationId: before.recommendationId,
        owner: before.owner,
        dueOn: isoDay(before.dueOn),
        note: before.note,
      },
    };
  });
  return { id };
}

export async function listRemediationRequests(
  filter: { id?: string; recommendationId?: string } = {},
  now: Date = new Date(),
): Promise<RemediationRequestRow[]> {
  const today = isoDay(now);
  const requests = await db().remediationRequest.findMany({
    where: { id: filter.id, recommendationId: filter.recommendationId },
    include: { samples: { orderBy: { day: "asc" }, select: { day: true, exposedDevices: true } } },
    orderBy: [{ dueOn: "asc" }, { createdAt: "desc" }],
    take: 500,
  });
  return requests.map((r) => {
    const samples = r.samples.map((s) => ({ day: isoDay(s.day), exposedDevices: s.exposedDevices }));
    const exposedNow = samples.at(-1)?.exposedDevices ?? r.baselineExposed;
    const dueOn = isoDay(r.dueOn);
    return {
      id: r.id,
      recommendationId: r.recommendationId,
      recommendationName: r.recommendationName,
      scope: r.scope,
      owner: r.owner,
      dueOn,
      note: r.note,
      createdByName: r.createdByName,
      createdAt: r.createdAt.toISOString(),
      baselineExposed: r.baselineExposed,
      exposedNow,
      status: r.closedAt ? "Closed" : exposedNow === 0 ? "Completed" : "Open",
      closedAt: r.closedAt?.toISOString() ?? null,
      closedByName: r.closedByName,
      overdue: !r.closedAt && isOverdue(dueOn, exposedNow, today),
      burndown: burndown(samples, isoDay(r.createdAt), dueOn, r.baselineExposed, today),
    };
  });
}
