import { getConfig } from "../config/env";
import type { SyncPolicy } from "./engine";

export function policyFromConfig(): Partial<SyncPolicy> {
  const cfg = getConfig();
  return {
    overlapMs: cfg.SYNC_OVERLAP_MINUTES * 60_000,
    tvmRefreshMs: cfg.SYNC_TVM_REFRESH_MINUTES * 60_000,
    fullResyncMs: cfg.SYNC_FULL_RESYNC_HOURS * 3_600_000,
    scoresRefreshMs: cfg.SYNC_SCORES_REFRESH_MINUTES * 60_000,
  };
}
