import { describe, expect, it } from "vitest";
import type { JobContext, SourcePage } from "../types";
import { consumePages } from "./common";

// The page pump every sync job writes through: pages in order, one write at a time, pages that arrive during a
// write gathered into the next one, and a failed write ending the pass without anything written after it.

const ctx = { heartbeat: async () => {} } as unknown as JobContext;
const page = (...items: number[]): SourcePage<number> => ({ items, skipped: [] });

/** A commit the test settles by hand, recording what each write was given. */
function manualCommit() {
  const writes: number[][] = [];
  const pending: { resolve: () => void; reject: (e: Error) => void }[] = [];
  const commit = (items: number[]) =>
    new Promise<number>((resolve, reject) => {
      writes.push(items);
      pending.push({ resolve: () => resolve(items.length), reject });
    });
  return { writes, pending, commit };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("consumePages", () => {
  it("writes the first page at once and gathers the pages that arrive meanwhile into the next write, in order", async () => {
    const { writes, pending, commit } = manualCommit();
    async function* pages() {
      yield page(1, 2);
      yield page(3);
      yield page(4, 5);
    }
    const result = consumePages(ctx, pages(), commit);
    await tick();
    expect(writes).toEqual([[1, 2]]);
    pending[0].resolve();
    await tick();
    expect(writes).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
    pending[1].resolve();
    expect(await result).toEqual({ fetched: 5, upserted: 5, skipped: [] });
  });

  it("stops at a failed write: the error is thrown, nothing is written after it, and the page stream is closed", async () => {
    const { writes, pending, commit } = manualCommit();
    let closed = false;
    async function* pages() {
      try {
        yield page(1);
        yield page(2);
        await tick();
        yield page(3);
      } finally {
        closed = true;
      }
    }
    const result = consumePages(ctx, pages(), commit);
    await tick();
    pending[0].reject(new Error("deadlock detected"));
    await expect(result).rejects.toThrow("deadlock detected");
    expect(writes).toEqual([[1]]);
    expect(closed).toBe(true);
  });
});
