import { db } from "../db";

export interface SyncEntityStatus {
  entity: string;
  lastSuccessAt: string | null;
  lastFinishedAt: string | null;
  lastError: string | null;
}

export interface SyncOverview {
  entities: SyncEntityStatus[];
  /** The oldest last-success over all entities: how fresh the whole cache is. Null until every entity synced once. */
  lastSyncAt: string | null;
}

export async function getSyncOverview(): Promise<SyncOverview> {
  const rows = await db().syncState.findMany({ orderBy: { entity: "asc" } });
  const entities = rows.map((r) => ({
    entity: r.entity,
    lastSuccessAt: r.lastSuccessAt?.toISOString() ?? null,
    lastFinishedAt: r.lastFinishedAt?.toISOString() ?? null,
    lastError: r.lastError,
  }));
  const successes = entities.map((e) => e.lastSuccessAt);
  const lastSyncAt =
    successes.length > 0 && successes.every((s) => s !== null) ? (successes as string[]).sort()[0] : null;
  return { entities, lastSyncAt };
}
