import type { Investigation } from "../generated/prisma/client";
import type { Prisma } from "../db";
import type { Investigation as SourceInvestigation } from "../defender/schemas";
import { prismaExecutor, type SqlExecutor } from "../db/raw-transaction";
import { bulkUpsert, type BulkTable } from "./bulk";
import type { JsonRow } from "./json-row";
import { iso } from "./values";

// The Investigation table: Defender's automated investigations as last seen, by the sync or by the console after
// starting one ("Investigation resource type", learn.microsoft.com/defender-endpoint/api/investigation).

/** States in which Defender may still change an investigation; every other state of the 18 is an outcome. */
export const OPEN_INVESTIGATION_STATES = ["Queued", "Running", "PendingApproval", "PendingResource"] as const;

type InvestigationRow = JsonRow<Investigation>;

const INVESTIGATION_TABLE: BulkTable<InvestigationRow> = {
  table: "Investigation",
  key: ["id"],
  columns: {
    id: "text",
    state: "text",
    startTime: "timestamp(3)",
    endTime: "timestamp(3)",
    machineId: "text",
    computerDnsName: "text",
    triggeringAlertId: "text",
    statusDetails: "text",
    cancelledBy: "text",
    startedBy: "text",
    syncedAt: "timestamp(3)",
  },
  // Defender does not say who started an investigation; the console's own record of it is kept.
  keepOnUpdate: ["startedBy"],
};

function investigationRow(i: SourceInvestigation, now: string, startedBy: string | null): InvestigationRow {
  return {
    id: i.id,
    state: i.state,
    startTime: iso(i.startTime),
    endTime: iso(i.endTime),
    machineId: i.machineId,
    computerDnsName: i.computerDnsName ?? null,
    triggeringAlertId: i.triggeringAlertId ?? null,
    statusDetails: i.statusDetails ?? null,
    cancelledBy: i.cancelledBy ?? null,
    startedBy,
    syncedAt: now,
  };
}

/** Writes Defender's view of investigations inside the caller's transaction (the sync). */
export function writeInvestigations(
  execute: SqlExecutor,
  items: readonly SourceInvestigation[],
  now: string,
): Promise<number> {
  return bulkUpsert(
    execute,
    INVESTIGATION_TABLE,
    items.map((i) => investigationRow(i, now, null)),
  );
}

/** The console's write-through of an investigation it started, in the caller's Prisma transaction. */
export async function writeStartedInvestigation(
  tx: Prisma.TransactionClient,
  item: SourceInvestigation,
  startedBy: string,
): Promise<void> {
  await bulkUpsert(prismaExecutor(tx), INVESTIGATION_TABLE, [
    investigationRow(item, new Date().toISOString(), startedBy),
  ]);
}
