import type { AuditContext } from "../auth/actor";
import { withAudit } from "../audit";
import { db } from "../db";
import { BadRequest, NotFound } from "../http/errors";
import { REMEDIATION_SAMPLE } from "../cache/tvm-aggregates";
import { cacheTenantId, tenantKey, tenantScope } from "../cache/tenant";
import { softwareIdOf } from "./recommendations";
import { burndown, isoDay, isOverdue } from "./series";
import type { RemediationRequestInput, RemediationRequestRow } from "./schemas";

// Remediation requests: a Manager asks an owner to remediate one recommendation by a date. The console records the
// request (audited) and samples its progress from every TVM sync (refresh.ts); nothing is sent to Defender.

export async function createRemediationRequest(
  audit: AuditContext,
  input: RemediationRequestInput,
  now: Date = new Date(),
): Promise<RemediationRequestRow> {
  const today = isoDay(now);
  if (input.dueOn < today)
    throw new BadRequest("The due date is in the past.", [{ path: "dueOn", message: "must be today or later" }]);
  const rec = await db().recommendation.findUnique({
    where: tenantKey(input.recommendationId),
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
          ...tenantScope(),
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
      await tx.$executeRawUnsafe(REMEDIATION_SAMPLE, cacheTenantId(), today, now.toISOString(), created.id);
      const [sample] = await tx.$queryRawUnsafe<{ exposedDevices: number }[]>(
        `SELECT "exposedDevices" FROM "RemediationProgress" WHERE "tenantId" = $2 AND "requestId" = $1`,
        created.id,
        cacheTenantId(),
      );
      await tx.remediationRequest.update({
        where: tenantKey(created.id),
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

export async function listRemediationRequests(
  filter: { id?: string; recommendationId?: string } = {},
  now: Date = new Date(),
): Promise<RemediationRequestRow[]> {
  const today = isoDay(now);
  const requests = await db().remediationRequest.findMany({
    where: { ...tenantScope(), id: filter.id, recommendationId: filter.recommendationId },
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
      status: exposedNow === 0 ? "Completed" : "Open",
      overdue: isOverdue(dueOn, exposedNow, today),
      burndown: burndown(samples, isoDay(r.createdAt), dueOn, r.baselineExposed, today),
    };
  });
}
