import { inRawTransaction } from "../../db/raw-transaction";
import { deleteUnseenIndicators, writeIndicators } from "../../cache/indicators";
import type { JobContext, JobResult } from "../types";
import { consumePages } from "./common";

// Custom indicators: a complete pull on the scores cadence. The list can be filtered by creation time but not by
// last update, and a deletion in the portal leaves no trace but absence ("List Indicators API",
// learn.microsoft.com/defender-endpoint/api/get-ti-indicators-collection), so each pass reads them all (at most
// 15,000, two pages) and then removes what it did not read again.

export async function syncIndicators(ctx: JobContext): Promise<JobResult> {
  const now = ctx.runStartedAt.toISOString();
  const result = await consumePages(ctx, ctx.sources.indicatorPages(), (items) =>
    inRawTransaction(ctx.db, (execute) => writeIndicators(execute, items, now)),
  );
  const removed = await inRawTransaction(ctx.db, (execute) => deleteUnseenIndicators(execute, now));
  return {
    ...result,
    watermark: ctx.runStartedAt,
    notes: removed ? [`${removed} indicator(s) no longer in Defender removed`] : undefined,
  };
}
