import { db } from "../db";

// Whether the cache holds one record, by its primary key: the cheapest question a page can ask before it renders
// (app/(console)/layout.tsx asks it so a missing record answers HTTP 404 before the page starts streaming).

export const CACHED_KINDS = ["alert", "device", "incident", "vulnerability", "recommendation"] as const;
export type CachedKind = (typeof CACHED_KINDS)[number];

export async function isCached(kind: CachedKind, id: string): Promise<boolean> {
  const where = { id };
  switch (kind) {
    case "alert":
      return (await db().alert.count({ where })) > 0;
    case "device":
      return (await db().device.count({ where })) > 0;
    case "incident":
      return /^\d{1,18}$/.test(id) && (await db().incident.count({ where: { id: BigInt(id) } })) > 0;
    case "vulnerability":
      return (await db().vulnerability.count({ where })) > 0;
    case "recommendation":
      return (await db().recommendation.count({ where })) > 0;
  }
}
