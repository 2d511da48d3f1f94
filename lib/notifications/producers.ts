import type { Prisma } from "../db";
import type { SqlExecutor } from "../db/raw-transaction";
import { alertRow, type AlertWriteRules } from "../cache/alerts";
import type { SourceAlert, SourceIncident, SourceMachineAction } from "../cache/source-types";
import { cacheTenantId } from "../cache/tenant";
import { label } from "../labels";
import { eventsJson, insertEventsSql, recordNotificationEvent, recordNotificationEvents } from "./outbox";
import type { NotificationEventInput } from "./schemas";

// The hooks domain code calls inside its own transactions. Each one turns a change into outbox events; rules decide
// later who hears about them.

/**
 * Only recent causes notify: the first sync of a tenant caches its whole history, and nobody wants a message for
 * each of last month's alerts.
 */
export const RECENT_MS = 24 * 3_600_000;

const recent = (iso: string | null | undefined, now: number) => Boolean(iso) && now - Date.parse(iso!) <= RECENT_MS;

/**
 * New High alerts (High severity, or High or Critical by the console's derived priority) in a page the sync is
 * about to write: call before writeAlerts, in its transaction, so "new" means "not cached yet".
 */
export async function recordNewAlertEvents(
  execute: SqlExecutor,
  alerts: readonly SourceAlert[],
  rules: AlertWriteRules,
): Promise<number> {
  const now = Date.parse(rules.now);
  const events: (NotificationEventInput & { subjectId: string })[] = [];
  for (const a of alerts) {
    if (!recent(a.alertCreationTime, now)) continue;
    const row = alertRow(a, rules.rules, rules.sla, rules.now);
    if (row.severity !== "High" && row.priority !== "High" && row.priority !== "Critical") continue;
    events.push({
      type: "alert.created",
      dedupeKey: `alert.created:${row.id}`,
      subjectId: row.id,
      occurredAt: new Date(row.alertCreationTime),
      payload: {
        title: `${label("severity", row.severity)} alert: ${row.title}`,
        summary: [row.computerDnsName, row.category && label("category", row.category), row.detectionSource]
          .filter(Boolean)
          .join(" · "),
        path: `/alerts/${encodeURIComponent(row.id)}`,
        severity: row.severity,
        priority: row.priority,
        category: row.category,
        deviceGroup: row.rbacGroupName ?? undefined,
        detectionSource: row.detectionSource,
      },
    });
  }
  if (events.length === 0) return 0;
  return execute(
    insertEventsSql(`NOT EXISTS (SELECT 1 FROM "Alert" a WHERE a."tenantId" = $1 AND a.id = e."subjectId")`),
    cacheTenantId(),
    eventsJson(events),
  );
}

/** New High-severity incidents in a page the sync is about to write (before writeIncidents, in its transaction). */
export async function recordNewIncidentEvents(
  execute: SqlExecutor,
  incidents: readonly SourceIncident[],
  now: Date,
): Promise<number> {
  const events = incidents
    .filter((i) => i.severity === "High" && recent(i.createdTime, now.getTime()))
    .map((i): NotificationEventInput & { subjectId: string } => ({
      type: "incident.created",
      dedupeKey: `incident.created:${i.incidentId}`,
      subjectId: String(i.incidentId),
      occurredAt: new Date(i.createdTime),
      payload: {
        title: `${label("severity", i.severity)} incident: ${i.incidentName ?? `Incident ${i.incidentId}`}`,
        summary: (i.tags ?? []).slice(0, 5).join(" · "),
        path: `/incidents/${i.incidentId}`,
        severity: i.severity ?? undefined,
      },
    }));
  if (events.length === 0) return 0;
  return execute(
    insertEventsSql(`NOT EXISTS (SELECT 1 FROM "Incident" i WHERE i."tenantId" = $1 AND i.id = e."subjectId"::bigint)`),
    cacheTenantId(),
    eventsJson(events),
  );
}

const FAILED_STATUSES = new Set(["Failed", "TimeOut"]);

/** Machine actions Defender reports Failed or TimedOut (once each, whichever sync pass sees it first). */
export async function recordFailedActionEvents(
  execute: SqlExecutor,
  actions: readonly SourceMachineAction[],
  now: Date,
): Promise<number> {
  const events: NotificationEventInput[] = actions
    .filter((a) => FAILED_STATUSES.has(a.status))
    .filter((a) => recent(a.lastUpdateDateTimeUtc ?? a.creationDateTimeUtc, now.getTime()))
    .map((a) => ({
      type: "action.failed",
      dedupeKey: `action.failed:${a.id}`,
      occurredAt: new Date(a.lastUpdateDateTimeUtc ?? a.creationDateTimeUtc),
      payload: {
        title: `${label("actionType", a.type)} ${a.status === "TimeOut" ? "timed out" : "failed"} on ${a.computerDnsName ?? a.machineId}`,
        summary: `Requested by ${a.requestor ?? "someone"}${a.requestorComment ? `: ${a.requestorComment.slice(0, 200)}` : ""}`,
        path: `/actions?q=${encodeURIComponent(a.id)}`,
      },
    }));
  if (events.length === 0) return 0;
  return execute(insertEventsSql(), cacheTenantId(), eventsJson(events));
}

interface RequestFacts {
  id: string;
  type: string;
  deviceId: string;
  deviceName: string;
  requestedByName: string;
  requestedById?: string;
}

/** A request the console could not send to Defender (SendFailed), inside the transaction that records the failure. */
export function recordSendFailedEvent(
  tx: Prisma.TransactionClient,
  req: RequestFacts,
  reason: string,
): Promise<number> {
  return recordNotificationEvent(tx, {
    type: "action.failed",
    dedupeKey: `action.failed:request:${req.id}`,
    payload: {
      title: `${label("actionType", req.type)} on ${req.deviceName} could not be sent to Defender`,
      summary: `Requested by ${req.requestedByName}. ${reason.slice(0, 300)}`,
      path: `/devices/${encodeURIComponent(req.deviceId)}`,
    },
  });
}

/** A four-eyes request waiting for a second person, inside the transaction that records it. */
export async function recordApprovalRequestedEvent(tx: Prisma.TransactionClient, req: RequestFacts): Promise<number> {
  // Approvers are people whose console role carries actions:approve (Manager and Admin), other than the requester.
  const approvers = await tx.user.findMany({
    where: {
      roles: { hasSome: ["Manager", "Admin"] },
      ...(req.requestedById ? { id: { not: req.requestedById } } : {}),
    },
    select: { upn: true },
    take: 50,
  });
  return recordNotificationEvent(tx, {
    type: "approval.requested",
    dedupeKey: `approval.requested:${req.id}`,
    payload: {
      title: `Approval needed: ${label("actionType", req.type)} on ${req.deviceName}`,
      summary: `${req.requestedByName} asked for ${label("actionType", req.type).toLowerCase()} of ${req.deviceName}.`,
      path: "/actions?status=AwaitingApproval",
      approvers: approvers.map((a) => a.upn),
    },
  });
}

/** A custom detection rule as the detection-rules sync read it: what a "rule failing" message needs. */
export interface DetectionRuleFacts {
  id: string;
  displayName: string;
  status: string;
  lastRun: { at: string | null; status: string | null; errorCode: string | null; failureReason: string | null } | null;
}

/**
 * Custom detection rules whose last run failed (recently) or that Defender switched off itself (autoDisabled), inside
 * the transaction that caches them. One event per failed run, so a rule failing run after run is heard about once a
 * run, and a rule that stays auto-disabled once.
 */
export function recordDetectionRuleFailingEvents(
  tx: Prisma.TransactionClient,
  rules: readonly DetectionRuleFacts[],
  now = Date.now(),
): Promise<number> {
  const events: NotificationEventInput[] = [];
  for (const r of rules) {
    const run = r.lastRun;
    const failedRun = (run?.status === "failed" || run?.status === "partiallyFailed") && recent(run.at, now);
    if (!failedRun && r.status !== "autoDisabled") continue;
    const reason = [run?.errorCode, run?.failureReason].filter(Boolean).join(": ");
    events.push({
      type: "detection_rule.failing",
      dedupeKey: failedRun
        ? `detection_rule.failing:${r.id}:${run!.at}`
        : `detection_rule.failing:${r.id}:autoDisabled`,
      payload: {
        title: `Custom detection rule “${r.displayName}” ${r.status === "autoDisabled" ? "was turned off by Defender" : "failed its last run"}`,
        summary: (reason || "Defender gave no reason.").slice(0, 300),
        path: "/hunting/detections",
      },
    });
  }
  return recordNotificationEvents(tx, events);
}
