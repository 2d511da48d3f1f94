import { getConfig, hasTenant } from "../config/env";
import { db } from "../db";
import { logger } from "../log";
import { processSingleton } from "../process-singleton";
import { runSync } from "./engine";
import { policyFromConfig } from "./policy";
import { createSyncSources } from "./sources";
import type { EntitySummary } from "./types";

// The console server's own sync loop. One pass at a time per process; across processes the per-entity leases
// (lock.ts) keep two instances from syncing the same entity. "Sync now" joins the same loop.

interface SchedulerState {
  timer?: NodeJS.Timeout;
  running?: Promise<EntitySummary[]>;
}

const schedulerState = processSingleton("syncScheduler", (): SchedulerState => ({}));

export function syncRunning(): boolean {
  const state = schedulerState();
  return Boolean(state.running);
}

/** Starts a pass unless one is already running; resolves when it ends. */
export function runSyncNow(opts: { full?: boolean } = {}): { started: boolean; done: Promise<EntitySummary[]> } {
  const state = schedulerState();
  if (state.running) return { started: false, done: state.running };
  state.running = runSync({ db: db(), sources: createSyncSources(), full: opts.full, policy: policyFromConfig() })
    .then((summaries) => {
      const failed = summaries.filter((s) => s.status === "failed");
      if (failed.length)
        logger.warn("sync pass finished with failures", { failed: failed.map((f) => `${f.entity}: ${f.error}`) });
      return summaries;
    })
    .catch((error: unknown) => {
      logger.error("sync pass failed", { error });
      return [];
    })
    .finally(() => {
      state.running = undefined;
    });
  return { started: true, done: state.running };
}

export function startScheduler(): void {
  const state = schedulerState();
  const cfg = getConfig();
  if (state.timer || !hasTenant(cfg) || cfg.SYNC_INTERVAL_SECONDS === 0) return;
  const tick = () => {
    runSyncNow();
  };
  setTimeout(tick, 2_000).unref();
  state.timer = setInterval(tick, cfg.SYNC_INTERVAL_SECONDS * 1000);
  state.timer.unref();
  logger.info("sync scheduler started", { intervalSeconds: cfg.SYNC_INTERVAL_SECONDS });
}
