import { inRawTransaction } from "../../db/raw-transaction";
import { writeAlerts } from "../../cache/alerts";
import { recordNewAlertEvents } from "../../notifications";
import type { JobContext, JobResult } from "../types";
import { consumePages, maxDate, since } from "./common";

// Alerts with their evidence, pulled by lastUpdateTime ("List alerts API", learn.microsoft.com/defender-endpoint/api/get-alerts;
// OData $filter on lastUpdateTime). The cache decides how they are stored.

export async function syncAlerts(ctx: JobContext): Promise<JobResult> {
  const now = ctx.runStartedAt.toISOString();
  let watermark = ctx.watermark;
  const result = await consumePages(
    ctx,
    ctx.sources.alertPages({ updatedSince: since(ctx, { overlap: true }) }),
    async (items) => {
      for (const a of items) watermark = maxDate(watermark, a.lastUpdateTime);
      return inRawTransaction(ctx.db, async (execute) => {
        const rules = { rules: ctx.rules, sla: ctx.sla, now };
        // Before the write, in its transaction: an alert not cached yet is new, and its event commits with it.
        await recordNewAlertEvents(execute, items, rules);
        return writeAlerts(execute, items, rules);
      });
    },
  );
  return { ...result, watermark };
}
