import { inRawTransaction } from "../../db/raw-transaction";
import { flagMissingDevices, writeManagedDevices, writeMachines } from "../../cache/devices";
import type { JobContext, JobResult } from "../types";
import { consumePages, maxDate, since } from "./common";

// Defender machines ("List machines API", learn.microsoft.com/defender-endpoint/api/get-machines, by lastSeen) and
// Intune managed devices ("List managedDevices", Graph v1.0, by lastSyncDateTime) into one Device row per device.

export async function syncMachines(ctx: JobContext): Promise<JobResult> {
  const now = ctx.runStartedAt.toISOString();
  let watermark = ctx.watermark;
  const seen = ctx.mode === "full" ? new Set<string>() : null;
  const result = await consumePages(ctx, ctx.sources.machinePages({ seenSince: since(ctx) }), async (items) => {
    for (const m of items) {
      watermark = maxDate(watermark, m.lastSeen);
      seen?.add(m.id);
    }
    return inRawTransaction(ctx.db, (execute) => writeMachines(execute, items, now));
  });
  const notes: string[] = [];
  // Only after a complete pass.
  const flagged = seen ? await flagMissingDevices(ctx.db, "mde", seen, now) : 0;
  if (flagged) notes.push(`${flagged} device(s) no longer listed by Defender: kept and flagged`);
  return { ...result, watermark, notes };
}

export async function syncIntuneDevices(ctx: JobContext): Promise<JobResult> {
  const now = ctx.runStartedAt.toISOString();
  let watermark = ctx.watermark;
  const seen = ctx.mode === "full" ? new Set<string>() : null;
  const result = await consumePages(ctx, ctx.sources.managedDevicePages({ syncedSince: since(ctx) }), async (items) => {
    for (const d of items) {
      watermark = maxDate(watermark, d.lastSyncDateTime);
      seen?.add(d.id);
    }
    return inRawTransaction(ctx.db, (execute) => writeManagedDevices(execute, items, now));
  });
  const notes: string[] = [];
  const flagged = seen ? await flagMissingDevices(ctx.db, "intune", seen, now) : 0;
  if (flagged) notes.push(`${flagged} device(s) no longer listed by Intune: kept and flagged`);
  return { ...result, watermark, notes };
}
