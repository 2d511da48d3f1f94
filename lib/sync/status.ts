import { db } from "../db";
import { tenantScope } from "../cache/tenant";
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
}

export async function getSyncOverview(): Promise<SyncOverview> {
  const rows = await db().syncState.findMany({ where: tenantScope(), orderBy: { entity: "asc" } });
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
  return { entities, lastSyncAt, failing: entities.filter((e) => e.lastError).map((e) => e.entity) };
}
