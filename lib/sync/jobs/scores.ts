import { inRawTransaction } from "../../db/raw-transaction";
import { scoreSnapshots, writeScores } from "../../cache/scores";
import type { JobContext, JobResult } from "../types";

// The current exposure and secure scores, tenant-wide and per device group, kept as the day's snapshot.

export async function syncScores(ctx: JobContext): Promise<JobResult> {
  const [exposure, secure, exposureByGroup] = await Promise.all([
    ctx.sources.exposureScore(),
    ctx.sources.configurationScore(),
    ctx.sources.exposureScoreByGroups(),
  ]);
  const pull = { exposure, secure, exposureByGroup };
  const upserted = await inRawTransaction(ctx.db, (execute) => writeScores(execute, pull));
  return { fetched: scoreSnapshots(pull).length, upserted, skipped: [], watermark: new Date(exposure.time) };
}
