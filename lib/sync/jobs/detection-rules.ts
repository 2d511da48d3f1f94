import { replaceDetectionRules } from "../../cache/detection-rules";
import type { DetectionRule } from "../../graph/detection-rules";
import { ProviderError } from "../../microsoft";
import { recordDetectionRuleFailingEvents } from "../../notifications";
import type { JobContext, JobResult, SkippedRecord } from "../types";

// Custom detection rules: a complete pull of Graph's list on the scores cadence (the console writes its own changes
// through as it makes them). A rule whose last run failed, or that Defender switched off, is an outbox event in the
// same transaction (rule "Detection rule failing"). Without CustomDetection.Read.All the cache is left as it is and the pass says why.

export async function syncDetectionRules(ctx: JobContext): Promise<JobResult> {
  const rules: DetectionRule[] = [];
  const skipped: SkippedRecord[] = [];
  try {
    for await (const page of ctx.sources.detectionRulePages()) {
      rules.push(...page.items);
      skipped.push(...page.skipped);
    }
  } catch (error) {
    if (error instanceof ProviderError && (error.status === 403 || error.status === 401))
      return {
        fetched: 0,
        upserted: 0,
        skipped,
        watermark: null,
        notes: [`custom detection rules not readable (${error.status}): grant CustomDetection.Read.All`],
      };
    throw error;
  }
  const upserted = await ctx.db.$transaction(async (tx) => {
    await recordDetectionRuleFailingEvents(tx, rules);
    return replaceDetectionRules(tx, rules, ctx.runStartedAt);
  });
  return { fetched: rules.length, upserted, skipped, watermark: null };
}
