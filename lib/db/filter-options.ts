import { db } from "../db";
import { cacheTenantId } from "../cache/tenant";

// The multi-select filters list the values present in the cache. Computing them scans a table, so each list's
// options are kept for a minute per process: a value new since then is still reachable through the URL.

const OPTIONS_MS = 60_000;

/** `load`, answered from its last result for the same tenant while that is less than a minute old. */
export function keptForAMinute<T>(load: () => Promise<T>): () => Promise<T> {
  const kept = new Map<string, { at: number; value: T }>();
  return async () => {
    const tenantId = cacheTenantId();
    const last = kept.get(tenantId);
    if (last && Date.now() - last.at < OPTIONS_MS) return last.value;
    const value = await load();
    kept.set(tenantId, { at: Date.now(), value });
    return value;
  };
}

/** The `v` column of a `SELECT DISTINCT … AS v` query. */
export async function distinctValues(sql: string, ...params: unknown[]): Promise<string[]> {
  const rows = await db().$queryRawUnsafe<{ v: string }[]>(sql, ...params);
  return rows.map((r) => r.v);
}
