import { db } from "../db";
import { cacheTenantId } from "../cache/tenant";
import type { DeliveryLogQuery, DeliveryLogRow } from "./schemas";

// The delivery log Admins read: each attempt, newest first, with the event's title and the channel's name.

export async function listDeliveryLog(query: DeliveryLogQuery): Promise<DeliveryLogRow[]> {
  const tenantId = cacheTenantId();
  const attempts = await db().notificationAttempt.findMany({
    where: { tenantId, ...(query.outcome ? { outcome: query.outcome } : {}) },
    orderBy: [{ at: "desc" }, { id: "asc" }],
    take: query.limit,
  });
  const [events, channels] = await Promise.all([
    db().notificationEvent.findMany({
      where: { tenantId, id: { in: [...new Set(attempts.map((a) => a.eventId))] } },
      select: { id: true, type: true, payload: true },
    }),
    db().notificationChannel.findMany({
      where: { tenantId, id: { in: [...new Set(attempts.map((a) => a.channelId))] } },
      select: { id: true, name: true },
    }),
  ]);
  const eventById = new Map(events.map((e) => [e.id, e]));
  const channelName = new Map(channels.map((c) => [c.id, c.name]));
  return attempts.map((a) => {
    const event = eventById.get(a.eventId);
    return {
      at: a.at.toISOString(),
      eventId: a.eventId,
      eventType: event?.type ?? "unknown",
      title: (event?.payload as { title?: string } | undefined)?.title ?? "(event removed)",
      channelId: a.channelId,
      channelName: channelName.get(a.channelId) ?? null,
      attempt: a.attempt,
      outcome: a.outcome as DeliveryLogRow["outcome"],
      error: a.error,
      nextAttemptAt: a.nextAttemptAt?.toISOString() ?? null,
      durationMs: a.durationMs,
    };
  });
}

/** Deliveries by state, for the settings page's summary and the tests. */
export async function deliveryCounts(): Promise<Record<string, number>> {
  const rows = await db().notificationDelivery.groupBy({
    by: ["state"],
    where: { tenantId: cacheTenantId() },
    _count: { _all: true },
  });
  return Object.fromEntries(rows.map((r) => [r.state, r._count._all]));
}
