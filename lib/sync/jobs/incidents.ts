import { inRawTransaction } from "../../db/raw-transaction";
import { bulkUpsert, type BulkTable } from "../bulk";
import type { SourceIncident } from "../source-types";
import type { JobContext, JobResult } from "../types";
import { consumePages, maxDate, since } from "./common";

// Defender XDR incidents by lastUpdateTime (learn.microsoft.com/defender-xdr/api-list-incidents). Alert, device
// and user counts are derived from the cached alerts afterwards (derive.ts), so they agree with what the alert
// queue shows.

interface IncidentRow {
  id: number;
  name: string;
  status: string;
  severity: string;
  classification: string | null;
  determination: string | null;
  assignedTo: string | null;
  tags: string[];
  comments: unknown[];
  redirectIncidentId: number | null;
  createdTime: string;
  lastUpdateTime: string;
  syncedAt: string;
}

const INCIDENT_TABLE: BulkTable<IncidentRow> = {
  table: "Incident",
  key: ["id"],
  columns: {
    id: "bigint",
    name: "text",
    status: "text",
    severity: "text",
    classification: "text",
    determination: "text",
    assignedTo: "text",
    tags: "text[]",
    comments: "jsonb",
    redirectIncidentId: "bigint",
    createdTime: "timestamp(3)",
    lastUpdateTime: "timestamp(3)",
    syncedAt: "timestamp(3)",
  },
};

function incidentRow(i: SourceIncident, now: string): IncidentRow {
  return {
    id: i.incidentId,
    name: i.incidentName ?? `Incident ${i.incidentId}`,
    status: i.status ?? "Active",
    severity: i.severity ?? "UnSpecified",
    classification: i.classification ?? null,
    determination: i.determination ?? null,
    assignedTo: i.assignedTo ?? null,
    tags: i.tags ?? [],
    comments: i.comments ?? [],
    redirectIncidentId: i.redirectIncidentId ?? null,
    createdTime: new Date(i.createdTime).toISOString(),
    lastUpdateTime: new Date(i.lastUpdateTime).toISOString(),
    syncedAt: now,
  };
}

export async function syncIncidents(ctx: JobContext): Promise<JobResult> {
  const now = ctx.runStartedAt.toISOString();
  let watermark = ctx.watermark;
  const result = await consumePages(ctx, ctx.sources.incidentPages({ updatedSince: since(ctx) }), async (items) => {
    for (const i of items) watermark = maxDate(watermark, i.lastUpdateTime);
    return inRawTransaction(ctx.db, (execute) => bulkUpsert(execute, INCIDENT_TABLE, items.map((i) => incidentRow(i, now))));
  });
  return { ...result, watermark };
}
