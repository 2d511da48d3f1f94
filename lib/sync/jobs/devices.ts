import { inRawTransaction, type SqlExecutor } from "../../db/raw-transaction";
import { flagMissingDevices, writeManagedDevices, writeMachines } from "../../cache/devices";
import type { JobContext, JobResult, SourcePage } from "../types";
import { consumePages, maxDate, since } from "./common";

// Defender machines ("List machines API", learn.microsoft.com/defender-endpoint/api/get-machines, by lastSeen) and
// Intune managed devices ("List managedDevices", Graph v1.0, by lastSyncDateTime) into one Device row per device.

export function syncMachines(ctx: JobContext): Promise<JobResult> {
  return syncDeviceSource(ctx, {
    source: "mde",
    name: "Defender",
    pages: ctx.sources.machinePages({ seenSince: since(ctx) }),
    changedAt: (m) => m.lastSeen,
    write: writeMachines,
  });
}

export function syncIntuneDevices(ctx: JobContext): Promise<JobResult> {
  return syncDeviceSource(ctx, {
    source: "intune",
    name: "Intune",
    pages: ctx.sources.managedDevicePages({ syncedSince: since(ctx) }),
    changedAt: (d) => d.lastSyncDateTime,
    write: writeManagedDevices,
  });
}

/**
 * One device source into the cache: its pages written as they come, the watermark moved to the newest change seen,
 * and, after a complete (full) pass only, the devices it no longer lists kept but flagged.
 */
async function syncDeviceSource<T extends { id: string }>(
  ctx: JobContext,
  job: {
    source: "mde" | "intune";
    name: string;
    pages: AsyncIterable<SourcePage<T>>;
    changedAt: (item: T) => string | null | undefined;
    write: (execute: SqlExecutor, items: T[], now: string) => Promise<number>;
  },
): Promise<JobResult> {
  const now = ctx.runStartedAt.toISOString();
  let watermark = ctx.watermark;
  const seen = ctx.mode === "full" ? new Set<string>() : null;
  const result = await consumePages(ctx, job.pages, async (items) => {
    for (const item of items) {
      watermark = maxDate(watermark, job.changedAt(item));
      seen?.add(item.id);
    }
    return inRawTransaction(ctx.db, (execute) => job.write(execute, items, now));
  });
  const notes: string[] = [];
  const flagged = seen ? await flagMissingDevices(ctx.db, job.source, seen, now) : 0;
  if (flagged) notes.push(`${flagged} device(s) no longer listed by ${job.name}: kept and flagged`);
  return { ...result, watermark, notes };
}
