import { getConfig } from "../config/env";
import { db } from "../db";
import { cacheFreshness, type CacheFreshness } from "./freshness";
import type { EntitySummary } from "./types";

export interface SyncEntityStatus {
  entity: string;
  lastSuccessAt: string | null;
  lastFinishedAt: string | null;
  lastFullAt: string | null;
  watermark: string | null;
  lastError: string | null;
  lastSummary: EntitySummary | null;
  running: boolean;
}

export interface SyncOverview {
  entities: SyncEntityStatus[];
  /** The oldest last-success over all entities: how fresh the whole cache is. Null until every entity synced once. */
  lastSyncAt: string | null;
  /** Entities whose last pass failed. */
  failing: string[];
  /** Each entity against its own cadence: what the header's badge says. */
  freshness: CacheFreshness;
}

export async function getSyncOverview(): Promise<SyncOverview> {
  const rows = await db().syncState.findMany({ orderBy: { entity: "asc" } });
  const now = Date.now();
  const entities = rows.map((r) => ({
    entity: r.entity,
    lastSuccessAt: r.lastSuccessAt?.toISOString() ?? null,
    lastFinishedAt: r.lastFinishedAt?.toISOString() ?? null,
    lastFullAt: r.lastFullAt?.toISOString() ?? null,
    watermark: r.watermark?.toISOString() ?? null,
    lastError: r.lastError,
    lastSummary: (r.lastSummary as EntitySummary | null) ?? null,
    running: Boolean(r.lockedUntil && r.lockedUntil.getTime() > now),
  }));
  const successes = entities.map((e) => e.lastSuccessAt);
  const lastSyncAt =
    successes.length > 0 && successes.every((s) => s !== null) ? (successes as string[]).sort()[0] : null;
  const cfg = getConfig();
  const freshness = cacheFreshness(
    entities,
    {
      intervalMs: cfg.SYNC_INTERVAL_SECONDS * 1000,
      tvmRefreshMs: cfg.SYNC_TVM_REFRESH_MINUTES * 60_000,
      scoresRefreshMs: cfg.SYNC_SCORES_REFRESH_MINUTES * 60_000,
    },
    now,
  );
  return { entities, lastSyncAt, failing: entities.filter((e) => e.lastError).map((e) => e.entity), freshness };
}
