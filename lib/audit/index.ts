import { db, Prisma } from "../db";
import type { AuditContext } from "../auth/actor";
import { AppError } from "../http/errors";
import { logger } from "../log";
import type { AuditAction, AuditIntentAction } from "./actions";

// The audit log is append-only: this module inserts and reads; nothing updates or deletes audit rows.

export type TransactionClient = Prisma.TransactionClient;

export { AUDIT_ACTIONS, type AuditAction, type AuditIntentAction } from "./actions";
export { readTargetHistory } from "./history";
export { attributeComments, describeAuditEvent, type HistoryEntry } from "./describe";

export interface AuditEntry {
  action: AuditAction;
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

const alreadyAudited = new WeakSet<object>();

/** Records, in its own transaction, that a change is about to be asked of another system ("<action>.intent", pending). */
export async function recordIntent(ctx: AuditContext, entry: AuditEntry): Promise<void> {
  await db().auditEvent.create({ data: auditRow(ctx, entry, "pending", {}, `${entry.action}.intent`) });
}

/** True for an error whose outcome the domain already recorded (the route wrapper then records no failure row). */
export function isAudited(error: unknown): boolean {
  return typeof error === "object" && error !== null && alreadyAudited.has(error);
}

/**
 * A change made in another system (Defender) and then mirrored here. The intent ("<action>.intent", pending) is
 * recorded in its own transaction before the other system is asked, so a change can never take effect there
 * without a trace here, even if this process dies right after. Then the change is made; if it is refused, the
 * error goes up and the route wrapper records the failure. If it is accepted, the local write and the success row
 * share a transaction; should that transaction fail, a success row still says the change was made (and that the
 * cache lags until the next sync), and the caller gets a 500 that says so rather than a misleading failure.
 */
export async function withExternalChange<E, T>(
  ctx: AuditContext,
  entry: AuditEntry,
  external: () => Promise<E>,
  local: (
    tx: TransactionClient,
    outcome: E,
  ) => Promise<{ result: T; targetId?: string; params?: Record<string, unknown> }>,
): Promise<T> {
  await recordIntent(ctx, entry);
  const outcome = await external();
  try {
    return await withAudit(ctx, entry, (tx) => local(tx, outcome));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    logger.error("change accepted upstream but not stored", { requestId: ctx.requestId, action: entry.action, error });
    await db()
      .auditEvent.create({
        data: {
          ...auditRow(ctx, entry, "success", {}),
          error: `Applied upstream; the console's cache was not updated: ${message}`.slice(0, 2000),
        },
      })
      .catch((e: unknown) =>
        logger.error("could not record the outcome of an accepted change", { requestId: ctx.requestId, error: e }),
      );
    const reported = new AppError(
      500,
      "stored_partially",
      "Defender accepted the change, but the console could not store it; the next sync brings it. Do not repeat it.",
    );
    alreadyAudited.add(reported);
    throw reported;
  }
}

function auditRow(
  ctx: AuditContext,
  entry: AuditEntry,
  result: "success" | "failure" | "pending",
  late: { targetId?: string; params?: Record<string, unknown> },
  action: AuditAction | AuditIntentAction = entry.action,
): Prisma.AuditEventCreateInput {
  return {
    actorType: ctx.actor.type,
    actorId: ctx.actor.id,
    actorName: ctx.actor.name,
    action,
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
