import type { PrismaClient } from "../db";
import { cacheTenantId } from "../cache/tenant";
import { ruleMatches, scheduleFor, type MatchableRule } from "./matching";
import { RuleFilter, type Digest, type NotificationPayload, type QuietHours } from "./schemas";

// Step one of the worker: events not yet routed are matched against the enabled rules, in one transaction that
// locks them (SKIP LOCKED: another instance routes other events meanwhile), inserts one delivery per (event,
// channel) — the primary key keeps it to one even if two rules pick the same channel — and marks them routed.

export interface RoutedEvent {
  id: string;
  type: string;
  payload: NotificationPayload;
}

export function ruleFromRow(r: {
  id: string;
  eventType: string;
  filter: unknown;
  digest: string;
  quietHours: unknown;
  timeZone: string;
  channelIds: string[];
}): MatchableRule & { channelIds: string[] } {
  return {
    id: r.id,
    eventType: r.eventType,
    filter: RuleFilter.parse(r.filter ?? {}),
    digest: r.digest as Digest,
    quietHours: (r.quietHours as QuietHours | null) ?? null,
    timeZone: r.timeZone,
    channelIds: r.channelIds,
  };
}

export async function routeEvents(database: PrismaClient, now: Date = new Date(), batch = 500): Promise<number> {
  const tenantId = cacheTenantId();
  return database.$transaction(async (tx) => {
    const events = await tx.$queryRawUnsafe<RoutedEvent[]>(
      `SELECT id, type, payload FROM "NotificationEvent" WHERE "tenantId" = $1 AND "routedAt" IS NULL
       ORDER BY "createdAt" LIMIT $2 FOR UPDATE SKIP LOCKED`,
      tenantId,
      batch,
    );
    if (events.length === 0) return 0;
    const [rules, channels] = await Promise.all([
      tx.notificationRule.findMany({ where: { tenantId, enabled: true } }),
      tx.notificationChannel.findMany({ where: { tenantId, enabled: true }, select: { id: true } }),
    ]);
    const live = new Set(channels.map((c) => c.id));
    const matchable = rules.map(ruleFromRow);
    const deliveries: { eventId: string; channelId: string; ruleId: string; at: string; digestKey: string | null }[] =
      [];
    for (const event of events) {
      const byChannel = new Map<string, (typeof deliveries)[number]>();
      for (const rule of matchable) {
        if (!ruleMatches(rule, event)) continue;
        const { nextAttemptAt, digestKey } = scheduleFor(rule, now);
        for (const channelId of rule.channelIds) {
          if (!live.has(channelId)) continue;
          const earlier = byChannel.get(channelId);
          // Two rules, one channel: the earlier message wins, so an immediate rule is not held back by a digest.
          if (!earlier || earlier.at > nextAttemptAt.toISOString())
            byChannel.set(channelId, {
              eventId: event.id,
              channelId,
              ruleId: rule.id,
              at: nextAttemptAt.toISOString(),
              digestKey,
            });
        }
      }
      deliveries.push(...byChannel.values());
    }
    if (deliveries.length)
      await tx.$executeRawUnsafe(
        `INSERT INTO "NotificationDelivery" ("tenantId", "eventId", "channelId", "ruleId", state, "nextAttemptAt", "digestKey", "updatedAt")
         SELECT $1, d."eventId", d."channelId", d."ruleId", 'pending', d.at::timestamp(3), d."digestKey", $3::timestamp(3)
         FROM json_to_recordset($2::json) AS d("eventId" text, "channelId" text, "ruleId" text, at text, "digestKey" text)
         ON CONFLICT DO NOTHING`,
        tenantId,
        JSON.stringify(deliveries),
        now.toISOString(),
      );
    await tx.$executeRawUnsafe(
      `UPDATE "NotificationEvent" SET "routedAt" = $3::timestamp(3)
       WHERE "tenantId" = $1 AND id IN (SELECT json_array_elements_text($2::json))`,
      tenantId,
      JSON.stringify(events.map((e) => e.id)),
      now.toISOString(),
    );
    return events.length;
  });
}
