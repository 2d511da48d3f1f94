import type { JobContext, JobResult, SkippedRecord, SourcePage } from "../types";

/** ISO string or null: the bulk upsert passes dates through JSON. */
export const iso = (value: string | null | undefined): string | null => (value ? new Date(value).toISOString() : null);

export const maxDate = (a: Date | null, b: string | null | undefined): Date | null => {
  if (!b) return a;
  const d = new Date(b);
  return !a || d > a ? d : a;
};

/** The lower bound of an incremental pull: the watermark minus the overlap that catches late-indexed records. */
export function since(ctx: JobContext): Date | undefined {
  return ctx.mode === "incremental" && ctx.watermark ? new Date(ctx.watermark.getTime() - ctx.overlapMs) : undefined;
}

/** Drives a page stream: each page is committed by `commit` before the next is requested. */
export async function consumePages<T>(
  ctx: JobContext,
  pages: AsyncIterable<SourcePage<T>>,
  commit: (items: T[]) => Promise<number>,
): Promise<Pick<JobResult, "fetched" | "upserted" | "skipped">> {
  let fetched = 0;
  let upserted = 0;
  const skipped: SkippedRecord[] = [];
  for await (const page of pages) {
    fetched += page.items.length;
    skipped.push(...page.skipped);
    if (page.items.length) upserted += await commit(page.items);
    await ctx.heartbeat();
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
