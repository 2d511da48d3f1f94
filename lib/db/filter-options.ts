import { db } from "../db";

// The multi-select filters list the values present in the cache. Computing them scans a table, so each list's
// options are kept for a minute per process: a value new since then is still reachable through the URL.

const OPTIONS_MS = 60_000;

/** `load`, answered from its last result while that is less than a minute old. */
export function keptForAMinute<T>(load: () => Promise<T>): () => Promise<T> {
  let kept: { at: number; value: T } | null = null;
  return async () => {
    if (kept && Date.now() - kept.at < OPTIONS_MS) return kept.value;
    const value = await load();
    kept = { at: Date.now(), value };
    return value;
  };
}

/** The `v` column of a `SELECT DISTINCT … AS v` query. */
export async function distinctValues(sql: string, ...params: unknown[]): Promise<string[]> {
  const rows = await db().$queryRawUnsafe<{ v: string }[]>(sql, ...params);
  return rows.map((r) => r.v);
}
