import type { PrismaClient } from "../db";
import { cacheTenantId } from "../cache/tenant";
import { eventsJson, insertEventsSql } from "./outbox";
import { RuleFilter, type NotificationEventInput } from "./schemas";

// Causes that are the passing of time rather than a change: an SLA deadline coming close or passing, a sync that
// keeps failing. The worker sweeps for them (only for event types some enabled rule wants); dedupe keys make a
// sweep repeated by another instance or the next pass one event.

/** "About to breach": the deadline is this close. */
export const SLA_WARNING_MS = 30 * 60_000;
/** Deadlines that passed longer ago than this are history, not news (a rule switched on today). */
const SLA_RECENT_MS = 24 * 3_600_000;

interface DueRow {
  kind: "alert" | "incident";
  id: string;
  title: string;
  severity: string;
  priority: string;
  category: string | null;
  deviceGroup: string | null;
  detectionSource: string | null;
  slaDueAt: Date;
}

function slaEvent(r: DueRow, type: "sla.warning" | "sla.breached"): NotificationEventInput {
  const what = r.kind === "alert" ? "Alert" : "Incident";
  const verb = type === "sla.breached" ? "breached its SLA" : "is about to breach its SLA";
  return {
    type,
    dedupeKey: `${type}:${r.kind}:${r.id}:${r.slaDueAt.toISOString()}`,
    occurredAt: type === "sla.breached" ? r.slaDueAt : new Date(),
    payload: {
      title: `${what} ${verb}: ${r.title}`,
      summary: `${r.priority} priority, due ${r.slaDueAt.toISOString().slice(0, 16).replace("T", " ")} UTC`,
      path: `/${r.kind}s/${r.id}`,
      severity: r.severity,
      priority: r.priority,
      category: r.category ?? undefined,
      deviceGroup: r.deviceGroup ?? undefined,
      detectionSource: r.detectionSource ?? undefined,
    },
  };
}

async function sweepSla(database: PrismaClient, types: Set<string>, now: Date): Promise<NotificationEventInput[]> {
  if (!types.has("sla.warning") && !types.has("sla.breached")) return [];
  const rows = await database.$queryRawUnsafe<DueRow[]>(
    `SELECT 'alert' AS kind, id, title, severity, priority, category, "rbacGroupName" AS "deviceGroup",
            "detectionSource", "slaDueAt"
     FROM "Alert" WHERE "tenantId" = $1 AND status <> 'Resolved' AND "slaDueAt" BETWEEN $2::timestamp(3) AND $3::timestamp(3)
     UNION ALL
     SELECT 'incident', id::text, name, severity, priority, NULL, NULL, NULL, "slaDueAt"
     FROM "Incident" WHERE "tenantId" = $1 AND status NOT IN ('Resolved', 'Redirected')
       AND "slaDueAt" BETWEEN $2::timestamp(3) AND $3::timestamp(3)
     LIMIT 5000`,
    cacheTenantId(),
    new Date(now.getTime() - SLA_RECENT_MS).toISOString(),
    new Date(now.getTime() + SLA_WARNING_MS).toISOString(),
  );
  return rows.flatMap((r) => {
    const breached = r.slaDueAt.getTime() <= now.getTime();
    const type = breached ? "sla.breached" : "sla.warning";
    return types.has(type) ? [slaEvent(r, type)] : [];
  });
}

async function sweepSync(database: PrismaClient, thresholds: number[], now: Date): Promise<NotificationEventInput[]> {
  if (thresholds.length === 0) return [];
  const failing = await database.syncState.findMany({
    where: { tenantId: cacheTenantId(), lastError: { not: null } },
    select: { entity: true, lastError: true, lastSuccessAt: true, lastStartedAt: true },
  });
  const events: NotificationEventInput[] = [];
  for (const s of failing) {
    const since = s.lastSuccessAt ?? s.lastStartedAt;
    if (!since) continue;
    const minutes = Math.floor((now.getTime() - since.getTime()) / 60_000);
    for (const threshold of thresholds.filter((t) => minutes >= t))
      events.push({
        type: "sync.failing",
        dedupeKey: `sync.failing:${s.entity}:${since.toISOString()}:${threshold}`,
        payload: {
          title: `Sync of ${s.entity} has been failing for ${minutes} minutes`,
          // The stored error is the console's own description of the failure (no credentials: lib/microsoft).
          summary: (s.lastError ?? "").slice(0, 300),
          path: "/sync",
          failingMinutes: minutes,
        },
      });
  }
  return events;
}

/** Records the time-driven events enabled rules ask for. Resolves to the events new to the outbox. */
export async function sweepTimedEvents(database: PrismaClient, now: Date = new Date()): Promise<number> {
  const rules = await database.notificationRule.findMany({
    where: {
      tenantId: cacheTenantId(),
      enabled: true,
      eventType: { in: ["sla.warning", "sla.breached", "sync.failing"] },
    },
    select: { eventType: true, filter: true },
  });
  if (rules.length === 0) return 0;
  const types = new Set(rules.map((r) => r.eventType));
  const thresholds = [
    ...new Set(
      rules
        .filter((r) => r.eventType === "sync.failing")
        .map((r) => RuleFilter.parse(r.filter ?? {}).syncFailingMinutes ?? 15),
    ),
  ];
  const events = [...(await sweepSla(database, types, now)), ...(await sweepSync(database, thresholds, now))];
  if (events.length === 0) return 0;
  return database.$executeRawUnsafe(insertEventsSql(), cacheTenantId(), eventsJson(events));
}
