import { inRawTransaction, type SqlExecutor } from "../../db/raw-transaction";
import { bulkUpsert, type BulkTable } from "../bulk";
import type { SourceMachineAction } from "../source-types";
import type { JobContext, JobResult } from "../types";
import { consumePages, iso, maxDate } from "./common";

// Machine actions can only be filtered by creation time (List MachineActions API), yet their status changes later.
// Each pass re-reads everything created since the oldest action the cache still holds as non-final (and the
// watermark minus the overlap), so a Pending action is followed until it ends.

const FINAL = ["Succeeded", "Failed", "TimeOut", "Cancelled"];

interface ActionRow {
  id: string;
  type: string;
  scope: string | null;
  status: string;
  machineId: string;
  computerDnsName: string | null;
  requestor: string | null;
  requestorComment: string | null;
  requestSource: string | null;
  externalId: string | null;
  cancellationRequestor: string | null;
  cancellationComment: string | null;
  cancellationDateTimeUtc: string | null;
  creationDateTimeUtc: string;
  lastUpdateDateTimeUtc: string | null;
  syncedAt: string;
}

export const ACTION_TABLE: BulkTable<ActionRow> = {
  table: "MachineAction",
  key: ["id"],
  columns: {
    id: "text",
    type: "text",
    scope: "text",
    status: "text",
    machineId: "text",
    computerDnsName: "text",
    requestor: "text",
    requestorComment: "text",
    requestSource: "text",
    externalId: "text",
    cancellationRequestor: "text",
    cancellationComment: "text",
    cancellationDateTimeUtc: "timestamp(3)",
    creationDateTimeUtc: "timestamp(3)",
    lastUpdateDateTimeUtc: "timestamp(3)",
    syncedAt: "timestamp(3)",
  },
};

export function actionRow(a: SourceMachineAction, now: string): ActionRow {
  return {
    id: a.id,
    type: a.type,
    scope: a.scope ?? null,
    status: a.status,
    machineId: a.machineId,
    computerDnsName: a.computerDnsName ?? null,
    requestor: a.requestor ?? null,
    requestorComment: a.requestorComment ?? null,
    requestSource: a.requestSource ?? null,
    externalId: a.externalID ?? null,
    cancellationRequestor: a.cancellationRequestor ?? null,
    cancellationComment: a.cancellationComment ?? null,
    cancellationDateTimeUtc: iso(a.cancellationDateTimeUtc),
    creationDateTimeUtc: new Date(a.creationDateTimeUtc).toISOString(),
    lastUpdateDateTimeUtc: iso(a.lastUpdateDateTimeUtc),
    syncedAt: now,
  };
}

/** Writes Defender's view of machine actions into the cache; the console's own follow-up of an action uses it too. */
export function storeMachineActions(execute: SqlExecutor, actions: readonly SourceMachineAction[], now: string): Promise<number> {
  return bulkUpsert(execute, ACTION_TABLE, actions.map((a) => actionRow(a, now)));
}

export async function syncMachineActions(ctx: JobContext): Promise<JobResult> {
  const now = ctx.runStartedAt.toISOString();
  let createdSince: Date | undefined;
  if (ctx.mode === "incremental" && ctx.watermark) {
    const oldestOpen = await ctx.db.machineAction.findFirst({
      where: { status: { notIn: FINAL } },
      orderBy: { creationDateTimeUtc: "asc" },
      select: { creationDateTimeUtc: true },
    });
    const fromWatermark = ctx.watermark.getTime() - ctx.overlapMs;
    createdSince = new Date(Math.min(fromWatermark, oldestOpen?.creationDateTimeUtc.getTime() ?? fromWatermark));
  }
  let watermark = ctx.watermark;
  const result = await consumePages(ctx, ctx.sources.machineActionPages({ createdSince }), async (items) => {
    for (const a of items) watermark = maxDate(watermark, a.creationDateTimeUtc);
    return inRawTransaction(ctx.db, (execute) => storeMachineActions(execute, items, now));
  });
  return { ...result, watermark };
}
