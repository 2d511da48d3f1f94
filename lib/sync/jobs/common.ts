import { logger } from "../../log";
import type { JobContext, JobResult, SkippedRecord, SourcePage } from "../types";

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

/** A batch waiting for the write in progress is written once it reaches this size (the largest page). */
const MAX_BATCH = 10_000;

/**
 * Drives a page stream: pages are written in order, in transactions, before the watermark can move (the job moves
 * it only after the whole pass). The next page is requested as soon as one arrives, and while one write is in
 * progress the pages that arrive meanwhile gather into the next one, so small pages (incidents come 100 at a time)
 * share a transaction under load, and Microsoft's response time and our database time overlap.
 */
export async function consumePages<T>(
  ctx: JobContext,
  pages: AsyncIterable<SourcePage<T>>,
  commit: (items: T[]) => Promise<number>,
): Promise<Pick<JobResult, "fetched" | "upserted" | "skipped">> {
  let fetched = 0;
  let upserted = 0;
  const skipped: SkippedRecord[] = [];
  let batch: T[] = [];
  // The write in progress; it never rejects: a failure is kept and thrown by the loop.
  let writing: Promise<void> | null = null;
  const failed: { error?: unknown; yes: boolean } = { yes: false };
  const write = async (items: T[]) => {
    const started = performance.now();
    upserted += await commit(items);
    logger.debug("sync page committed", {
      items: items.length,
      fetchedSoFar: fetched,
      ms: Math.round(performance.now() - started),
    });
    await ctx.heartbeat();
  };
  const pump = () => {
    if (writing || failed.yes || batch.length === 0) return;
    const items = batch;
    batch = [];
    writing = write(items).then(
      () => {
        writing = null;
        pump();
      },
      (error: unknown) => {
        writing = null;
        failed.yes = true;
        failed.error = error;
      },
    );
  };
  const iterator = pages[Symbol.asyncIterator]();
  const request = () => {
    const pending = iterator.next();
    // A failed prefetch must not surface as an unhandled rejection meanwhile: it is awaited (and thrown) next turn.
    pending.catch(() => {});
    return pending;
  };
  let next = request();
  try {
    for (;;) {
      const result = await next;
      if (failed.yes) throw failed.error;
      if (result.done) break;
      next = request();
      const page = result.value;
      fetched += page.items.length;
      skipped.push(...page.skipped);
      for (const item of page.items) batch.push(item);
      while (writing && batch.length >= MAX_BATCH) await writing;
      pump();
    }
    pump();
    while (writing) await writing;
    if (failed.yes) throw failed.error;
  } finally {
    await iterator.return?.();
  }
  return { fetched, upserted, skipped };
}
