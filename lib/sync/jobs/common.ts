import { logger } from "../../log";
import type { JobContext, JobResult, SkippedRecord, SourcePage } from "../types";

/** ISO string or null: the bulk upsert passes dates through JSON. */
export const iso = (value: string | null | undefined): string | null => (value ? new Date(value).toISOString() : null);

export const maxDate = (a: Date | null, b: string | null | undefined): Date | null => {
  if (!b) return a;
  const d = new Date(b);
  return !a || d > a ? d : a;
};

/**
 * The lower bound of an incremental pull: the watermark (`ge`, so records sharing its timestamp are re-read),
 * minus an overlap for entities Defender indexes late (alerts can appear minutes after their lastUpdateTime).
 */
export function since(ctx: JobContext, opts: { overlap: boolean } = { overlap: false }): Date | undefined {
  if (ctx.mode !== "incremental" || !ctx.watermark) return undefined;
  return new Date(ctx.watermark.getTime() - (opts.overlap ? ctx.overlapMs : 0));
}

/**
 * Drives a page stream: each page is committed by `commit` before the watermark can move. The next page is
 * requested while the current one is being written, so Microsoft's response time and our database time overlap.
 */
export async function consumePages<T>(
  ctx: JobContext,
  pages: AsyncIterable<SourcePage<T>>,
  commit: (items: T[]) => Promise<number>,
): Promise<Pick<JobResult, "fetched" | "upserted" | "skipped">> {
  let fetched = 0;
  let upserted = 0;
  const skipped: SkippedRecord[] = [];
  const iterator = pages[Symbol.asyncIterator]();
  let next = iterator.next();
  try {
    for (;;) {
      const result = await next;
      if (result.done) break;
      const page = result.value;
      next = iterator.next();
      // A failed prefetch must not surface as an unhandled rejection while this page is written; it is awaited
      // (and thrown) on the next turn of the loop.
      next.catch(() => {});
      fetched += page.items.length;
      skipped.push(...page.skipped);
      const started = performance.now();
      if (page.items.length) upserted += await commit(page.items);
      logger.debug("sync page committed", { items: page.items.length, fetchedSoFar: fetched, ms: Math.round(performance.now() - started) });
      await ctx.heartbeat();
    }
  } finally {
    await iterator.return?.();
  }
  return { fetched, upserted, skipped };
}

export function normalisePlatform(os: string | null | undefined): string {
  const v = (os ?? "").toLowerCase();
  if (v.startsWith("windows")) return "Windows";
  if (v.startsWith("mac") || v === "osx") return "macOS";
  if (v.startsWith("ios") || v.startsWith("ipados")) return "iOS";
  if (v.startsWith("android")) return "Android";
  if (v.includes("linux") || v.startsWith("ubuntu") || v.startsWith("rhel") || v.startsWith("centos") || v.startsWith("debian") || v.startsWith("suse"))
    return "Linux";
  return "Other";
}
