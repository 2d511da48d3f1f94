import { inRawTransaction } from "../../db/raw-transaction";
import { FINAL_MACHINE_ACTION_STATUSES, writeMachineActions } from "../../cache/machine-actions";
import { tenantScope } from "../../cache/tenant";
import { recordFailedActionEvents } from "../../notifications";
import type { JobContext, JobResult } from "../types";
import { consumePages, maxDate } from "./common";

// Machine actions can only be filtered by creation time ("List MachineActions API",
// learn.microsoft.com/defender-endpoint/api/get-machineactions-collection), yet their status changes later. Each
// pass re-reads everything created since the oldest action the cache still holds as non-final (and the watermark
// minus the overlap), so a Pending action is followed until it ends.

export async function syncMachineActions(ctx: JobContext): Promise<JobResult> {
  const now = ctx.runStartedAt.toISOString();
  let createdSince: Date | undefined;
  if (ctx.mode === "incremental" && ctx.watermark) {
    const oldestOpen = await ctx.db.machineAction.findFirst({
      where: { ...tenantScope(), status: { notIn: [...FINAL_MACHINE_ACTION_STATUSES] } },
      orderBy: { creationDateTimeUtc: "asc" },
      select: { creationDateTimeUtc: true },
    });
    const fromWatermark = ctx.watermark.getTime() - ctx.overlapMs;
    createdSince = new Date(Math.min(fromWatermark, oldestOpen?.creationDateTimeUtc.getTime() ?? fromWatermark));
  }
  let watermark = ctx.watermark;
  const result = await consumePages(ctx, ctx.sources.machineActionPages({ createdSince }), async (items) => {
    for (const a of items) watermark = maxDate(watermark, a.creationDateTimeUtc);
    return inRawTransaction(ctx.db, async (execute) => {
      await recordFailedActionEvents(execute, items, ctx.runStartedAt);
      return writeMachineActions(execute, items, now);
    });
  });
  return { ...result, watermark };
}
