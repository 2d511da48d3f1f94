import type { Prisma } from "../db";
import { prismaExecutor, type SqlExecutor } from "../db/raw-transaction";
import { cacheTenantId } from "../cache/tenant";
import type { NotificationEventInput } from "./schemas";

// The transactional outbox (microservices.io "Pattern: Transactional outbox"): domain code records an event with
// the same transaction that makes the change, so the event exists if and only if the change committed. Nothing is
// sent here; the worker (worker.ts) reads the table afterwards. A repeated cause with the same dedupeKey is one event.

type Writer = SqlExecutor | Pick<Prisma.TransactionClient, "$executeRawUnsafe">;

export const executorOf = (tx: Writer): SqlExecutor => (typeof tx === "function" ? tx : prismaExecutor(tx));

/**
 * One INSERT for a batch: $1 the tenant, $2 the events as JSON. `unless` is an extra SQL condition on the event
 * `e` (its "subjectId" column names the record that caused it), e.g. "this alert is not cached yet".
 */
export function insertEventsSql(unless = "TRUE"): string {
  return `INSERT INTO "NotificationEvent" ("tenantId", id, type, "dedupeKey", payload, "occurredAt")
  SELECT $1, gen_random_uuid()::text, e.type, e."dedupeKey", e.payload, e."occurredAt"::timestamp(3)
  FROM json_to_recordset($2::json) AS e(type text, "dedupeKey" text, payload jsonb, "occurredAt" text, "subjectId" text)
  WHERE ${unless}
  ON CONFLICT ("tenantId", "dedupeKey") DO NOTHING`;
}

/** Events as the JSON parameter of insertEventsSql. */
export function eventsJson(events: readonly (NotificationEventInput & { subjectId?: string })[]): string {
  return JSON.stringify(
    events.map((e) => ({
      type: e.type,
      dedupeKey: e.dedupeKey,
      payload: e.payload,
      occurredAt: (e.occurredAt ?? new Date()).toISOString(),
      subjectId: e.subjectId ?? null,
    })),
  );
}

/** Records events inside the caller's transaction (Prisma's or the sync's raw one); resolves to the events new to the outbox. */
export async function recordNotificationEvents(tx: Writer, events: readonly NotificationEventInput[]): Promise<number> {
  if (events.length === 0) return 0;
  return executorOf(tx)(insertEventsSql(), cacheTenantId(), eventsJson(events));
}

/** Records one event inside the caller's transaction. */
export function recordNotificationEvent(tx: Writer, event: NotificationEventInput): Promise<number> {
  return recordNotificationEvents(tx, [event]);
}
