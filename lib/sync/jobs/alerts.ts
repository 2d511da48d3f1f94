import { inRawTransaction } from "../../db/raw-transaction";
import { derivePriority, slaDueAt, type PriorityRule, type SlaMinutes } from "../../alerts/priority";
import { bulkUpsert, type BulkTable } from "../bulk";
import type { SourceAlert, SourceEvidence } from "../source-types";
import type { JobContext, JobResult } from "../types";
import { consumePages, iso, maxDate, since } from "./common";

// Alerts with their evidence, pulled by lastUpdateTime (learn.microsoft.com/defender-endpoint/api/get-alerts).
// The priority and SLA deadline are derived here, from the Admin's rules, so the queue can filter and sort on them
// with an index.

interface AlertRow {
  id: string;
  incidentId: number | null;
  investigationId: number | null;
  title: string;
  description: string;
  severity: string;
  status: string;
  classification: string | null;
  determination: string | null;
  category: string;
  detectionSource: string;
  detectorId: string | null;
  threatName: string | null;
  threatFamilyName: string | null;
  mitreTechniques: string[];
  investigationState: string | null;
  machineId: string | null;
  computerDnsName: string | null;
  rbacGroupName: string | null;
  assignedTo: string | null;
  relatedUserName: string | null;
  relatedUserDomain: string | null;
  comments: unknown[];
  alertCreationTime: string;
  firstEventTime: string | null;
  lastEventTime: string | null;
  lastUpdateTime: string;
  resolvedTime: string | null;
  priority: string;
  priorityRule: string | null;
  slaDueAt: string | null;
  syncedAt: string;
}

export const ALERT_TABLE: BulkTable<AlertRow> = {
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

interface EvidenceRow extends Record<string, unknown> {
  alertId: string;
  ordinal: number;
}

const EVIDENCE_TABLE: BulkTable<Record<string, unknown>> = {
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

export function alertRow(a: SourceAlert, rules: readonly PriorityRule[], sla: SlaMinutes, now: string): AlertRow {
  const { priority, rule } = derivePriority(
    { severity: a.severity, category: a.category ?? "", title: a.title, threatName: a.threatName ?? null, mitreTechniques: a.mitreTechniques },
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
    comments: a.comments ?? [],
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

function evidenceRows(a: SourceAlert): EvidenceRow[] {
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

export async function syncAlerts(ctx: JobContext): Promise<JobResult> {
  const now = ctx.runStartedAt.toISOString();
  let watermark = ctx.watermark;
  const result = await consumePages(ctx, ctx.sources.alertPages({ updatedSince: since(ctx, { overlap: true }) }), async (items) => {
    const rows = items.map((a) => alertRow(a, ctx.rules, ctx.sla, now));
    const evidence = items.flatMap(evidenceRows);
    for (const a of items) watermark = maxDate(watermark, a.lastUpdateTime);
    return inRawTransaction(ctx.db, async (execute) => {
      const written = await bulkUpsert(execute, ALERT_TABLE, rows);
      // An alert's evidence is replaced as a whole: Defender returns the full list each time.
      await execute(
        `WITH ids AS MATERIALIZED (SELECT json_array_elements_text($1::json) AS id)
         DELETE FROM "AlertEvidence" e USING ids WHERE e."alertId" = ids.id`,
        JSON.stringify(rows.map((r) => r.id)),
      );
      await bulkUpsert(execute, EVIDENCE_TABLE, evidence);
      return written;
    });
  });
  return { ...result, watermark };
}
