import type { Alert, AlertEvidence } from "../generated/prisma/client";
import type { SqlExecutor } from "../db/raw-transaction";
import { derivePriority, slaDueAt, type Priority, type PriorityRule, type SlaMinutes } from "./alert-priority";
import { bulkUpsert, type BulkTable } from "./bulk";
import type { JsonRow } from "./json-row";
import type { SourceAlert, SourceEvidence } from "./source-types";
import { cacheTenantId } from "./tenant";
import { iso } from "./values";

// The Alert table and its evidence: the one place that says how Defender's alert becomes a cached row, how rows
// are written (by the sync and by triage's write-through alike), and which columns the queue reads. The priority
// and SLA deadline are derived on write, from the Admin's rules, so the queue filters and sorts on them with an
// index.

type AlertCacheRow = JsonRow<Alert>;
type EvidenceCacheRow = JsonRow<AlertEvidence>;

export const ALERT_TABLE: BulkTable<AlertCacheRow> = {
  table: "Alert",
  key: ["id"],
  columns: {
    id: "text",
    incidentId: "bigint",
    investigationId: "bigint",
    title: "text",
    description: "text",
    severity: "text",
    status: "text",
    classification: "text",
    determination: "text",
    category: "text",
    detectionSource: "text",
    detectorId: "text",
    threatName: "text",
    threatFamilyName: "text",
    mitreTechniques: "text[]",
    investigationState: "text",
    machineId: "text",
    computerDnsName: "text",
    rbacGroupName: "text",
    assignedTo: "text",
    relatedUserName: "text",
    relatedUserDomain: "text",
    comments: "jsonb",
    alertCreationTime: "timestamp(3)",
    firstEventTime: "timestamp(3)",
    lastEventTime: "timestamp(3)",
    lastUpdateTime: "timestamp(3)",
    resolvedTime: "timestamp(3)",
    priority: "text",
    priorityRule: "text",
    slaDueAt: "timestamp(3)",
    syncedAt: "timestamp(3)",
  },
};

const EVIDENCE_TABLE: BulkTable<EvidenceCacheRow> = {
  table: "AlertEvidence",
  key: ["alertId", "ordinal"],
  columns: {
    alertId: "text",
    ordinal: "integer",
    entityType: "text",
    evidenceCreationTime: "timestamp(3)",
    sha1: "text",
    sha256: "text",
    fileName: "text",
    filePath: "text",
    processId: "integer",
    processCommandLine: "text",
    parentProcessId: "integer",
    parentProcessFileName: "text",
    ipAddress: "text",
    url: "text",
    registryKey: "text",
    registryValue: "text",
    accountName: "text",
    domainName: "text",
    userSid: "text",
    aadUserId: "text",
    userPrincipalName: "text",
    detectionStatus: "text",
  },
};

export function alertRow(a: SourceAlert, rules: readonly PriorityRule[], sla: SlaMinutes, now: string): AlertCacheRow {
  const { priority, rule } = derivePriority(
    {
      severity: a.severity,
      category: a.category ?? "",
      title: a.title,
      threatName: a.threatName ?? null,
      mitreTechniques: a.mitreTechniques,
    },
    rules,
  );
  const created = new Date(a.alertCreationTime);
  return {
    id: a.id,
    incidentId: a.incidentId ?? null,
    investigationId: a.investigationId ?? null,
    title: a.title,
    description: a.description ?? "",
    severity: a.severity,
    status: a.status,
    classification: a.classification ?? null,
    determination: a.determination ?? null,
    category: a.category ?? "",
    detectionSource: a.detectionSource ?? "",
    detectorId: a.detectorId ?? null,
    threatName: a.threatName ?? null,
    threatFamilyName: a.threatFamilyName ?? null,
    mitreTechniques: a.mitreTechniques,
    investigationState: a.investigationState ?? null,
    machineId: a.machineId ?? null,
    computerDnsName: a.computerDnsName ?? null,
    rbacGroupName: a.rbacGroupName ?? null,
    assignedTo: a.assignedTo ?? null,
    relatedUserName: a.relatedUser?.userName ?? null,
    relatedUserDomain: a.relatedUser?.domainName ?? null,
    comments: (a.comments ?? []) as AlertCacheRow["comments"],
    alertCreationTime: created.toISOString(),
    firstEventTime: iso(a.firstEventTime),
    lastEventTime: iso(a.lastEventTime),
    lastUpdateTime: new Date(a.lastUpdateTime).toISOString(),
    resolvedTime: iso(a.resolvedTime),
    priority,
    priorityRule: rule,
    slaDueAt: slaDueAt(created, priority, sla)?.toISOString() ?? null,
    syncedAt: now,
  };
}

function evidenceRows(a: SourceAlert): EvidenceCacheRow[] {
  return (a.evidence ?? []).map((e: SourceEvidence, ordinal) => ({
    alertId: a.id,
    ordinal,
    entityType: e.entityType ?? "Unknown",
    evidenceCreationTime: iso(e.evidenceCreationTime),
    sha1: e.sha1 ?? null,
    sha256: e.sha256 ?? null,
    fileName: e.fileName ?? null,
    filePath: e.filePath ?? null,
    processId: e.processId ?? null,
    processCommandLine: e.processCommandLine ?? null,
    parentProcessId: e.parentProcessId ?? null,
    parentProcessFileName: e.parentProcessFileName ?? null,
    ipAddress: e.ipAddress ?? null,
    url: e.url ?? null,
    registryKey: e.registryKey ?? null,
    registryValue: e.registryValue ?? null,
    accountName: e.accountName ?? null,
    domainName: e.domainName ?? null,
    userSid: e.userSid ?? null,
    aadUserId: e.aadUserId ?? null,
    userPrincipalName: e.userPrincipalName ?? null,
    detectionStatus: e.detectionStatus ?? null,
  }));
}

export interface AlertWriteRules {
  rules: readonly PriorityRule[];
  sla: SlaMinutes;
  /** syncedAt of the written rows (ISO). */
  now: string;
}

/** Writes Defender's alerts with their evidence, inside the caller's transaction; resolves to the alerts written. */
export async function writeAlerts(
  execute: SqlExecutor,
  alerts: readonly SourceAlert[],
  rules: AlertWriteRules,
): Promise<number> {
  const rows = alerts.map((a) => alertRow(a, rules.rules, rules.sla, rules.now));
  const written = await bulkUpsert(execute, ALERT_TABLE, rows);
  // An alert's evidence is replaced as a whole: Defender returns the full list each time.
  await execute(
    `WITH ids AS MATERIALIZED (SELECT json_array_elements_text($1::json) AS id)
     DELETE FROM "AlertEvidence" e USING ids WHERE e."tenantId" = $2 AND e."alertId" = ids.id`,
    JSON.stringify(rows.map((r) => r.id)),
    cacheTenantId(),
  );
  await bulkUpsert(execute, EVIDENCE_TABLE, alerts.flatMap(evidenceRows));
  return written;
}

// ── What the queue reads ──────────────────────────────────────────────────────────────────────────────────────
// One list of columns serves the queue's SQL, the triage write-through's Prisma read and the DTO both return.

export const ALERT_LIST_FIELDS = [
  "id",
  "title",
  "severity",
  "status",
  "priority",
  "priorityRule",
  "category",
  "mitreTechniques",
  "detectionSource",
  "machineId",
  "computerDnsName",
  "relatedUserName",
  "assignedTo",
  "classification",
  "determination",
  "incidentId",
  "alertCreationTime",
  "lastUpdateTime",
  "slaDueAt",
] as const satisfies readonly (keyof Alert)[];

type AlertListField = (typeof ALERT_LIST_FIELDS)[number];

/** An alert as the queue reads it, from Prisma or from raw SQL (both return Date and bigint for these columns). */
export type AlertListRecord = Pick<Alert, AlertListField>;

/** Prisma `select` for the queue's columns. */
export const ALERT_LIST_SELECT = Object.fromEntries(ALERT_LIST_FIELDS.map((f) => [f, true])) as {
  [K in AlertListField]: true;
};

/** The queue's columns in SQL, for a FROM "Alert" under `alias`. */
export function alertListColumns(alias: string): string {
  return ALERT_LIST_FIELDS.map((f) => `${alias}."${f}"`).join(", ");
}

const isoOf = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/** The queue's row as the browser receives it (plain JSON: ISO dates, ids as strings). */
export function toAlertListItem(r: AlertListRecord) {
  return {
    id: r.id,
    title: r.title,
    severity: r.severity,
    status: r.status,
    priority: r.priority as Priority,
    priorityRule: r.priorityRule,
    category: r.category,
    mitreTechniques: r.mitreTechniques ?? [],
    detectionSource: r.detectionSource,
    machineId: r.machineId,
    computerDnsName: r.computerDnsName,
    userName: r.relatedUserName,
    assignedTo: r.assignedTo,
    classification: r.classification,
    determination: r.determination,
    incidentId: r.incidentId === null ? null : String(r.incidentId),
    alertCreationTime: r.alertCreationTime.toISOString(),
    lastUpdateTime: r.lastUpdateTime.toISOString(),
    slaDueAt: isoOf(r.slaDueAt),
  };
}

export type AlertListItem = ReturnType<typeof toAlertListItem>;
