import { inRawTransaction } from "../../db/raw-transaction";
import { writeIncidents } from "../../cache/incidents";
import { recordNewIncidentEvents } from "../../notifications";
import type { JobContext, JobResult } from "../types";
import { consumePages, maxDate, since } from "./common";

// Defender XDR incidents by lastUpdateTime ("List incidents API in Microsoft Defender XDR",
// learn.microsoft.com/defender-xdr/api-list-incidents).

export async function syncIncidents(ctx: JobContext): Promise<JobResult> {
  const now = ctx.runStartedAt.toISOString();
  let watermark = ctx.watermark;
  const result = await consumePages(ctx, ctx.sources.incidentPages({ updatedSince: since(ctx) }), async (items) => {
    for (const i of items) watermark = maxDate(watermark, i.lastUpdateTime);
    return inRawTransaction(ctx.db, async (execute) => {
      await recordNewIncidentEvents(execute, items, ctx.runStartedAt);
      return writeIncidents(execute, items, now);
    });
  });
  return { ...result, watermark };
}
