import { inRawTransaction } from "../../db/raw-transaction";
import {
  resolveUnseenDeviceVulnerabilities,
  writeDeviceVulnerabilities,
  writeRecommendations,
  writeSoftware,
  writeVulnerabilities,
} from "../../cache/tvm";
import type { JobContext, JobResult } from "../types";
import { consumePages } from "./common";

// Vulnerability management data has no change-tracking field in the list APIs ("Export assessment methods and
// properties per device", learn.microsoft.com/defender-vulnerability-management/), and Defender recomputes it a
// few times a day; so each TVM entity is pulled whole, on its own cadence (tvmRefreshMs). A run in between makes
// no calls for it.

/** Whether a whole-entity refresh is due: always on a full sync, otherwise once per cadence. */
export function tvmDue(ctx: JobContext, refreshMs: number): boolean {
  return (
    ctx.mode === "full" || !ctx.lastSuccessAt || ctx.runStartedAt.getTime() - ctx.lastSuccessAt.getTime() >= refreshMs
  );
}

export async function syncVulnerabilities(ctx: JobContext): Promise<JobResult> {
  const now = ctx.runStartedAt.toISOString();
  const result = await consumePages(ctx, ctx.sources.vulnerabilityPages(), (items) =>
    inRawTransaction(ctx.db, (execute) => writeVulnerabilities(execute, items, now)),
  );
  return { ...result, watermark: ctx.runStartedAt };
}

export async function syncSoftware(ctx: JobContext): Promise<JobResult> {
  const now = ctx.runStartedAt.toISOString();
  const result = await consumePages(ctx, ctx.sources.softwarePages(), (items) =>
    inRawTransaction(ctx.db, (execute) => writeSoftware(execute, items, now)),
  );
  return { ...result, watermark: ctx.runStartedAt };
}

export async function syncRecommendations(ctx: JobContext): Promise<JobResult> {
  const now = ctx.runStartedAt.toISOString();
  const result = await consumePages(ctx, ctx.sources.recommendationPages(), (items) =>
    inRawTransaction(ctx.db, (execute) => writeRecommendations(execute, items, now)),
  );
  return { ...result, watermark: ctx.runStartedAt };
}

export async function syncDeviceVulnerabilities(ctx: JobContext): Promise<JobResult> {
  const now = ctx.runStartedAt.toISOString();
  const result = await consumePages(ctx, ctx.sources.machineVulnerabilityPages(), (items) =>
    inRawTransaction(ctx.db, (execute) => writeDeviceVulnerabilities(execute, items, now)),
  );
  // The pass completed (an exception would have skipped this): what was not seen is no longer exposed.
  const resolved = await resolveUnseenDeviceVulnerabilities(ctx.db, now);
  return {
    ...result,
    watermark: ctx.runStartedAt,
    notes: resolved ? [`${resolved} device vulnerabilit(ies) no longer reported: marked resolved`] : [],
  };
}
