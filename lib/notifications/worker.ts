import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { PrismaClient } from "../db";
import { cacheTenantId } from "../cache/tenant";
import { logger } from "../log";
import { sendThrough, DeliveryError } from "./channels";
import { backoffMs } from "./matching";
import { buildMessage, type EventForMessage } from "./message";
import { routeEvents, ruleFromRow } from "./router";
import type { NotificationPayload } from "./schemas";

// Step two: deliveries that are due are claimed by leasing them in one statement (FOR UPDATE SKIP LOCKED, so two
// console instances never claim the same row), sent, then marked — sent, retrying with exponential backoff, or
// failed with the reason — only by the lease holder, each attempt written to the delivery log.
//
// Exactly once, and its one edge. A worker that stops after claiming (a crash, a restart mid-send) leaves its rows
// "sending" until the lease ends; the next worker claims them again. If the first had already handed the message
// to the receiver but died before marking it, the receiver gets it twice: delivery is at-least-once across a crash
// in that window, and every message carries a delivery id (X-SOC-Delivery-Id, the e-mail's Message-ID) that is the
// same on every attempt, so the receiver drops the copy (docs/notifications.md).

export interface WorkerOptions {
  /** Who holds a lease; unique per worker. */
  owner?: string;
  /** How long a claim lasts before another worker may take it over; longer than any one send. */
  leaseMs?: number;
  batch?: number;
  backoffBaseMs?: number;
  maxAttempts?: number;
  concurrency?: number;
}

export const DEFAULT_WORKER: Required<Omit<WorkerOptions, "owner">> = {
  leaseMs: 2 * 60_000,
  batch: 100,
  backoffBaseMs: 10_000,
  maxAttempts: 6,
  concurrency: 8,
};

export interface ClaimedDelivery {
  eventId: string;
  channelId: string;
  ruleId: string;
  digestKey: string | null;
  attempts: number;
}

export function workerOwner(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/** Leases up to `batch` due deliveries (new, due for a retry, or whose lease ran out) to `owner`. */
export async function claimDue(
  database: PrismaClient,
  owner: string,
  opts: { leaseMs?: number; batch?: number; now?: Date } = {},
): Promise<ClaimedDelivery[]> {
  const now = opts.now ?? new Date();
  const leaseMs = opts.leaseMs ?? DEFAULT_WORKER.leaseMs;
  return database.$queryRawUnsafe<ClaimedDelivery[]>(
    `UPDATE "NotificationDelivery" d
     SET state = 'sending', "leaseOwner" = $2, "leaseUntil" = $3::timestamp(3), attempts = d.attempts + 1,
         "updatedAt" = $4::timestamp(3)
     FROM (
       SELECT "tenantId", "eventId", "channelId" FROM "NotificationDelivery"
       WHERE "tenantId" = $1
         AND ((state IN ('pending', 'retrying') AND "nextAttemptAt" <= $4::timestamp(3))
              OR (state = 'sending' AND "leaseUntil" < $4::timestamp(3)))
       ORDER BY "nextAttemptAt"
       LIMIT $5
       FOR UPDATE SKIP LOCKED
     ) due
     WHERE d."tenantId" = due."tenantId" AND d."eventId" = due."eventId" AND d."channelId" = due."channelId"
     RETURNING d."eventId", d."channelId", d."ruleId", d."digestKey", d.attempts`,
    cacheTenantId(),
    owner,
    new Date(now.getTime() + leaseMs).toISOString(),
    now.toISOString(),
    opts.batch ?? DEFAULT_WORKER.batch,
  );
}

type Outcome =
  | { outcome: "sent" }
  | { outcome: "retrying"; error: string; retryInMs: number }
  | { outcome: "failed"; error: string };

async function mark(
  database: PrismaClient,
  owner: string,
  group: ClaimedDelivery[],
  result: Outcome,
  durationMs: number,
): Promise<number> {
  const tenantId = cacheTenantId();
  const now = new Date();
  // The backoff counts from when the failure is recorded, so the log's attempt time plus the wait is the next try.
  const nextAttemptAt = result.outcome === "retrying" ? new Date(now.getTime() + result.retryInMs) : null;
  return database.$transaction(async (tx) => {
    let marked = 0;
    for (const d of group) {
      const key = { tenantId, eventId: d.eventId, channelId: d.channelId, leaseOwner: owner, state: "sending" };
      const data =
        result.outcome === "sent"
          ? { state: "sent", sentAt: now, lastError: null }
          : result.outcome === "retrying"
            ? { state: "retrying", lastError: result.error, nextAttemptAt: nextAttemptAt ?? now }
            : { state: "failed", lastError: result.error };
      // Only the lease holder marks: a worker whose lease ran out (another took the row over) changes nothing.
      const changed = await tx.notificationDelivery.updateMany({
        where: key,
        data: { ...data, leaseOwner: null, leaseUntil: null },
      });
      if (changed.count === 0) continue;
      marked += 1;
      await tx.notificationAttempt.create({
        data: {
          tenantId,
          eventId: d.eventId,
          channelId: d.channelId,
          attempt: d.attempts,
          outcome: result.outcome,
          error: result.outcome === "sent" ? null : result.error,
          nextAttemptAt,
          durationMs,
          at: now,
        },
      });
    }
    return marked;
  });
}

/** Sends claimed deliveries (a digest's rows as one message per channel) and marks each. Resolves to deliveries sent. */
export async function deliverClaimed(
  database: PrismaClient,
  owner: string,
  claimed: ClaimedDelivery[],
  opts: WorkerOptions = {},
): Promise<number> {
  if (claimed.length === 0) return 0;
  const o = { ...DEFAULT_WORKER, ...opts };
  const tenantId = cacheTenantId();
  const groups = new Map<string, ClaimedDelivery[]>();
  for (const d of claimed) {
    const key = `${d.channelId}|${d.digestKey ?? d.eventId}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const [events, channels, rules] = await Promise.all([
    database.notificationEvent.findMany({
      where: { tenantId, id: { in: [...new Set(claimed.map((d) => d.eventId))] } },
      select: { id: true, type: true, payload: true, occurredAt: true },
    }),
    database.notificationChannel.findMany({
      where: { tenantId, id: { in: [...new Set(claimed.map((d) => d.channelId))] } },
    }),
    database.notificationRule.findMany({ where: { tenantId, id: { in: [...new Set(claimed.map((d) => d.ruleId))] } } }),
  ]);
  const eventById = new Map(events.map((e) => [e.id, e]));
  const channelById = new Map(channels.map((c) => [c.id, c]));
  const ruleById = new Map(rules.map((r) => [r.id, ruleFromRow(r)]));
  let sent = 0;
  const queue = [...groups.values()];
  const work = async () => {
    for (let group = queue.shift(); group; group = queue.shift()) {
      const first = group[0];
      const channel = channelById.get(first.channelId);
      const started = performance.now();
      let result: Outcome;
      if (!channel || !channel.enabled) {
        result = { outcome: "failed", error: "The channel was deleted or disabled before the message went out." };
      } else {
        const items = group
          .map((d) => eventById.get(d.eventId))
          .filter((e): e is NonNullable<typeof e> => Boolean(e))
          .map((e): EventForMessage => ({ ...e, payload: e.payload as unknown as NotificationPayload }));
        const message = buildMessage(first.digestKey ?? first.eventId, items, {
          toApprovers: ruleById.get(first.ruleId)?.filter.toApprovers ?? false,
        });
        try {
          await sendThrough(channel, message);
          result = { outcome: "sent" };
        } catch (err) {
          const error = err instanceof Error ? err.message : String(err);
          const retryable = err instanceof DeliveryError ? err.retryable : true;
          const attempt = Math.max(...group.map((d) => d.attempts));
          result =
            retryable && attempt < o.maxAttempts
              ? {
                  outcome: "retrying",
                  error,
                  retryInMs: backoffMs(attempt, o.backoffBaseMs),
                }
              : { outcome: "failed", error };
          logger.warn("notification not delivered", {
            channel: channel.name,
            kind: channel.kind,
            eventId: first.eventId,
            attempt,
            outcome: result.outcome,
            error,
          });
        }
      }
      const marked = await mark(database, owner, group, result, Math.round(performance.now() - started));
      if (result.outcome === "sent") sent += marked;
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.concurrency, groups.size) }, work));
  return sent;
}

/** One pass: route new events, then claim and deliver what is due. Resolves to what it did. */
export async function runNotificationPass(
  database: PrismaClient,
  opts: WorkerOptions & { owner: string },
): Promise<{ routed: number; claimed: number; sent: number }> {
  const routed = await routeEvents(database);
  const claimed = await claimDue(database, opts.owner, opts);
  const sent = await deliverClaimed(database, opts.owner, claimed, opts);
  return { routed, claimed: claimed.length, sent };
}
