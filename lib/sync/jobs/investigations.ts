import { inRawTransaction } from "../../db/raw-transaction";
import { OPEN_INVESTIGATION_STATES, writeInvestigations } from "../../cache/investigations";
import { tenantScope } from "../../cache/tenant";
import type { JobContext, JobResult } from "../types";
import { consumePages, maxDate } from "./common";

// Automated investigations can be filtered by startTime, not by when they last changed ("List Investigations API",
// learn.microsoft.com/defender-endpoint/api/get-investigation-collection), yet their state changes for hours or
// days after (a pending approval waits up to 7 days). Each pass re-reads everything started since the oldest
// investigation the cache still holds as open (and the watermark minus the overlap), like machine actions.

export async function syncInvestigations(ctx: JobContext): Promise<JobResult> {
  const now = ctx.runStartedAt.toISOString();
  let startedSince: Date | undefined;
  if (ctx.mode === "incremental" && ctx.watermark) {
    const oldestOpen = await ctx.db.investigation.findFirst({
      where: { ...tenantScope(), state: { in: [...OPEN_INVESTIGATION_STATES] }, startTime: { not: null } },
      orderBy: { startTime: "asc" },
      select: { startTime: true },
    });
    const fromWatermark = ctx.watermark.getTime() - ctx.overlapMs;
    startedSince = new Date(Math.min(fromWatermark, oldestOpen?.startTime?.getTime() ?? fromWatermark));
  }
  let watermark = ctx.watermark;
  const result = await consumePages(ctx, ctx.sources.investigationPages({ startedSince }), async (items) => {
    for (const i of items) watermark = maxDate(watermark, i.startTime);
    return inRawTransaction(ctx.db, (execute) => writeInvestigations(execute, items, now));
  });
  return { ...result, watermark };
}
