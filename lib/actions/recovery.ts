import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { AuditContext } from "../auth/actor";
import { recordAudit } from "../audit";
import { hasTenant } from "../config/env";
import { db } from "../db";
import { cacheTenantId, tenantKey, tenantScope } from "../cache/tenant";
import { logger } from "../log";
import { sendToDefender } from "./mutations";

// Requests a stopped console left behind. A bulk scan drains in the process that accepted it, and a single action
// is Sending only while its one Defender call runs; a restart at the wrong moment would leave them Queued or Sending
// for good, and every later action of that type on the device would meet "already queued" (409). At start-up, under
// a lease so that one instance does it: Sending rows older than any live send could be are marked SendFailed (they
// may or may not have reached Defender: never resent blindly), and Queued rows are sent, each claimed atomically so
// that a drain still running elsewhere never sends one twice.

/** Longer than any live send: the pacer's one-minute window plus the 60 s HTTP timeout, with room to spare. */
export const SENDING_STALE_MS = 5 * 60_000;
const LEASE_KEY = "actions.recoveryLease";
/** One recovery lease per tenant: its requests are the ones recovered. */
const leaseKey = () => `${LEASE_KEY}:${cacheTenantId()}`;
const LEASE_MS = 10 * 60_000;
const OWNER = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

const SYSTEM: AuditContext["actor"] = {
  type: "system",
  id: "console:recovery",
  name: "console (after restart)",
  roles: [],
  permissions: new Set(),
};

async function takeLease(): Promise<boolean> {
  await db().$executeRawUnsafe(
    `INSERT INTO "Setting" (key, value, "updatedAt") VALUES ($1, '{}'::jsonb, now()) ON CONFLICT (key) DO NOTHING`,
    leaseKey(),
  );
  const taken = await db().$executeRawUnsafe(
    `UPDATE "Setting" SET value = jsonb_build_object('owner', $2::text, 'until', $3::text), "updatedAt" = now()
     WHERE key = $1 AND (value->>'until' IS NULL OR value->>'until' < $4::text OR value->>'owner' = $2::text)`,
    leaseKey(),
    OWNER,
    new Date(Date.now() + LEASE_MS).toISOString(),
    new Date().toISOString(),
  );
  return taken === 1;
}

async function releaseLease(): Promise<void> {
  await db().$executeRawUnsafe(
    `UPDATE "Setting" SET value = '{}'::jsonb, "updatedAt" = now() WHERE key = $1 AND value->>'owner' = $2::text`,
    leaseKey(),
    OWNER,
  );
}

export interface RecoveryResult {
  expired: number;
  resumed: number;
  skipped: boolean;
}

export async function recoverStuckRequests(now: Date = new Date()): Promise<RecoveryResult> {
  if (!(await takeLease())) return { expired: 0, resumed: 0, skipped: true };
  const ctx: AuditContext = { actor: SYSTEM, requestId: randomUUID(), ip: null };
  try {
    const stale = await db().actionRequest.findMany({
      where: { ...tenantScope(), state: "Sending", updatedAt: { lt: new Date(now.getTime() - SENDING_STALE_MS) } },
    });
    let expired = 0;
    for (const r of stale) {
      const message = `The console stopped while sending this to Defender, so it may or may not have been created there. Check the device's actions in Defender before requesting it again.`;
      await db().$transaction(async (tx) => {
        const changed = await tx.actionRequest.updateMany({
          where: { ...tenantScope(), id: r.id, state: "Sending" },
          data: { state: "SendFailed", error: message },
        });
        if (changed.count === 0) return;
        expired += 1;
        await recordAudit(
          tx,
          ctx,
          {
            action: "action.send",
            targetType: "device",
            targetId: r.deviceId,
            params: { type: r.type, scope: r.scope, actionRequestId: r.id, result: "failure", recovered: true },
          },
          "failure",
          message,
        );
      });
    }
    const queued = await db().actionRequest.findMany({
      where: { ...tenantScope(), state: "Queued" },
      orderBy: { createdAt: "asc" },
      select: { id: true },
    });
    let resumed = 0;
    for (const { id } of queued) {
      const claimed = await db().actionRequest.updateMany({
        where: { ...tenantScope(), id, state: "Queued" },
        data: { state: "Sending" },
      });
      if (claimed.count === 0) continue;
      resumed += 1;
      try {
        await sendToDefender(ctx, await db().actionRequest.findUniqueOrThrow({ where: tenantKey(id) }));
      } catch (error) {
        logger.warn("resumed request was not sent", {
          actionRequestId: id,
          error: error instanceof Error ? error.message : String(error),
        });
      }
      await takeLease();
    }
    if (expired || resumed) logger.info("response requests recovered after restart", { expired, resumed });
    return { expired, resumed, skipped: false };
  } finally {
    await releaseLease();
  }
}

/** Called once when the server starts (instrumentation.ts), shortly after, so start-up is not delayed. */
export function startRecovery(): void {
  if (!hasTenant()) return;
  setTimeout(() => {
    recoverStuckRequests().catch((error: unknown) => logger.error("recovering response requests failed", { error }));
  }, 5_000).unref();
}
