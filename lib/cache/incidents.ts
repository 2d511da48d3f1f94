import type { Incident } from "../generated/prisma/client";
import type { SqlExecutor } from "../db/raw-transaction";
import { bulkUpsert, type BulkTable } from "./bulk";
import type { JsonRow } from "./json-row";
import type { SourceIncident } from "./source-types";

// The Incident table: Defender XDR incidents. Alert, device and user counts are derived from the cached alerts
// (./derivations.ts), so they agree with what the alert queue shows.

type IncidentRow = Pick<
  JsonRow<Incident>,
  | "id"
  | "name"
  | "status"
  | "severity"
  | "classification"
  | "determination"
  | "assignedTo"
  | "tags"
  | "comments"
  | "redirectIncidentId"
  | "createdTime"
  | "lastUpdateTime"
  | "syncedAt"
>;

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

export function incidentRow(i: SourceIncident, now: string): IncidentRow {
  return {
    id: i.incidentId,
    name: i.incidentName ?? `Incident ${i.incidentId}`,
    status: i.status ?? "Active",
    severity: i.severity ?? "UnSpecified",
    classification: i.classification ?? null,
    determination: i.determination ?? null,
    assignedTo: i.assignedTo ?? null,
    tags: i.tags ?? [],
    comments: (i.comments ?? []) as IncidentRow["comments"],
    redirectIncidentId: i.redirectIncidentId ?? null,
    createdTime: new Date(i.createdTime).toISOString(),
    lastUpdateTime: new Date(i.lastUpdateTime).toISOString(),
    syncedAt: now,
  };
}

/** Writes Defender XDR's incidents inside the caller's transaction. */
export function writeIncidents(
  execute: SqlExecutor,
  incidents: readonly SourceIncident[],
  now: string,
): Promise<number> {
  return bulkUpsert(
    execute,
    INCIDENT_TABLE,
    incidents.map((i) => incidentRow(i, now)),
  );
}
