import { db, Prisma } from "../db";
import type { AuditContext } from "../auth/actor";

// The audit log is append-only: this module inserts and reads; nothing updates or deletes audit rows.

export type TransactionClient = Prisma.TransactionClient;

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  params?: Record<string, unknown>;
}

/**
 * Runs a change and records it in the same transaction: either both are written or neither is.
 * The change may name its target once it knows it (e.g. the id of a row it created).
 */
export async function withAudit<T>(
  ctx: AuditContext,
  entry: AuditEntry,
  change: (tx: TransactionClient) => Promise<{ result: T; targetId?: string; params?: Record<string, unknown> }>,
): Promise<T> {
  return db().$transaction(async (tx) => {
    const out = await change(tx);
    await tx.auditEvent.create({
      data: auditRow(ctx, entry, "success", { targetId: out.targetId, params: out.params }),
    });
    return out.result;
  });
}

/** Records an act that failed (nothing else was written), so refused and broken attempts are traceable too. */
export async function recordAuditFailure(ctx: AuditContext, entry: AuditEntry, error: string): Promise<void> {
  await db().auditEvent.create({ data: { ...auditRow(ctx, entry, "failure", {}), error: error.slice(0, 2000) } });
}

/** Records an act whose change lives outside this database (e.g. a call to Defender), inside a caller's transaction. */
export async function recordAudit(
  tx: TransactionClient,
  ctx: AuditContext,
  entry: AuditEntry,
  result: "success" | "failure",
  error?: string,
): Promise<void> {
  await tx.auditEvent.create({ data: { ...auditRow(ctx, entry, result, {}), error: error?.slice(0, 2000) } });
}

function auditRow(
  ctx: AuditContext,
  entry: AuditEntry,
  result: "success" | "failure",
  late: { targetId?: string; params?: Record<string, unknown> },
): Prisma.AuditEventCreateInput {
  return {
    actorType: ctx.actor.type,
    actorId: ctx.actor.id,
    actorName: ctx.actor.name,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: late.targetId ?? entry.targetId ?? null,
    params: (late.params ?? entry.params ?? {}) as Prisma.InputJsonValue,
    result,
    requestId: ctx.requestId,
    ip: ctx.ip,
  };
}

export { listAuditEvents, auditEventsCsv, AuditFilter } from "./queries";
export type { AuditEventRow } from "./queries";
