import { getConfig } from "../config/env";
import { db } from "../db";
import { logger } from "../log";
import { processSingleton } from "../process-singleton";
import { sweepTimedEvents } from "./sweeps";
import { runNotificationPass, workerOwner } from "./worker";

/** SLA deadlines and failing syncs are looked for this often. */
const SWEEP_EVERY_MS = 60_000;

// The console server's delivery loop, started with the sync scheduler (instrumentation.ts). Every instance runs
// one; the leases in worker.ts keep them from sending the same delivery twice. A pass that found work is followed
// by another at once, so a burst drains without waiting for the next tick.

interface WorkerState {
  timer?: NodeJS.Timeout;
  running: boolean;
  owner: string;
  lastSweep: number;
}

const state = processSingleton("notificationWorker", (): WorkerState => ({
  running: false,
  owner: workerOwner(),
  lastSweep: 0,
}));

async function drain(): Promise<void> {
  const s = state();
  if (s.running) return;
  s.running = true;
  try {
    if (Date.now() - s.lastSweep >= SWEEP_EVERY_MS) {
      s.lastSweep = Date.now();
      await sweepTimedEvents(db());
    }
    for (let i = 0; i < 50; i++) {
      const pass = await runNotificationPass(db(), { owner: s.owner });
      if (pass.routed === 0 && pass.claimed === 0) break;
    }
  } catch (error) {
    logger.error("notification pass failed", { error });
  } finally {
    s.running = false;
  }
}

export function startNotificationWorker(): void {
  const s = state();
  const every = getConfig().NOTIFY_POLL_MS;
  if (s.timer || every === 0) return;
  s.timer = setInterval(() => void drain(), every);
  s.timer.unref();
  logger.info("notification worker started", { pollMs: every });
}

/** Stops this process's loop and waits for a pass in progress (scripts that close the database afterwards). */
export async function stopNotificationWorker(): Promise<void> {
  const s = state();
  if (s.timer) clearInterval(s.timer);
  s.timer = undefined;
  while (s.running) await new Promise((resolve) => setTimeout(resolve, 20));
}
