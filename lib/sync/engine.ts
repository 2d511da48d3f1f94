import type { PrismaClient } from "../db";
import { Prisma } from "../db";
import { hasSingleConnection } from "../db/raw-transaction";
import { getTriageSettings } from "../cache/alert-priority";
import { syncStateKey } from "../cache/tenant";
import { logger } from "../log";
import { DerivationSchedule } from "./derive";
import { acquireLease, releaseLease, renewLease } from "./lock";
import type { SyncSources } from "./source-types";
import { SYNC_ENTITIES, type EntitySummary, type JobContext, type JobResult, type SyncEntity } from "./types";
import { syncAlerts } from "./jobs/alerts";
import { syncIntuneDevices, syncMachines } from "./jobs/devices";
import { syncIncidents } from "./jobs/incidents";
import { syncIndicators } from "./jobs/indicators";
import { syncInvestigations } from "./jobs/investigations";
import { syncMachineActions } from "./jobs/machine-actions";
import { syncScores } from "./jobs/scores";
import { syncDetectionRules } from "./jobs/detection-rules";
import { syncAvHealth, syncIntuneProtection, syncPostureConfig } from "./jobs/posture";
import { syncDeviceVulnerabilities, syncRecommendations, syncSoftware, syncVulnerabilities, tvmDue } from "./jobs/tvm";

export interface SyncPolicy {
  overlapMs: number;
  tvmRefreshMs: number;
  fullResyncMs: number;
  scoresRefreshMs: number;
  leaseMs: number;
}

export const DEFAULT_POLICY: SyncPolicy = {
  overlapMs: 10 * 60_000,
  tvmRefreshMs: 4 * 3_600_000,
  fullResyncMs: 24 * 3_600_000,
  scoresRefreshMs: 3_600_000,
  leaseMs: 5 * 60_000,
};

interface JobSpec {
  run: (ctx: JobContext) => Promise<JobResult>;
  /** Whether a pull is due at all in an incremental run (TVM and scores have their own cadence). */
  due?: (ctx: JobContext, policy: SyncPolicy) => boolean;
  /** Whether this run must be a full pass even with a watermark (devices: to flag what disappeared). */
  fullDue?: (lastFullAt: Date | null, now: Date, policy: SyncPolicy) => boolean;
}

const periodicFull = (lastFullAt: Date | null, now: Date, policy: SyncPolicy) =>
  !lastFullAt || now.getTime() - lastFullAt.getTime() >= policy.fullResyncMs;

const JOBS: Record<SyncEntity, JobSpec> = {
  machines: { run: syncMachines, fullDue: periodicFull },
  intuneDevices: { run: syncIntuneDevices, fullDue: periodicFull },
  alerts: { run: syncAlerts },
  incidents: { run: syncIncidents },
  machineActions: { run: syncMachineActions },
  vulnerabilities: { run: syncVulnerabilities, due: (c, p) => tvmDue(c, p.tvmRefreshMs) },
  software: { run: syncSoftware, due: (c, p) => tvmDue(c, p.tvmRefreshMs) },
  recommendations: { run: syncRecommendations, due: (c, p) => tvmDue(c, p.tvmRefreshMs) },
  deviceVulnerabilities: { run: syncDeviceVulnerabilities, due: (c, p) => tvmDue(c, p.tvmRefreshMs) },
  scores: { run: syncScores, due: (c, p) => tvmDue(c, p.scoresRefreshMs) },
  // On the scores cadence: complete pulls (Defender's antivirus health is a current snapshot; the Intune objects are
  // small), except the protection state, read incrementally by Intune's lastSyncDateTime with a daily full pass.
  avHealth: { run: syncAvHealth, due: (c, p) => tvmDue(c, p.scoresRefreshMs) },
  intuneProtection: {
    run: syncIntuneProtection,
    due: (c, p) => tvmDue(c, p.scoresRefreshMs),
    fullDue: periodicFull,
  },
  postureConfig: { run: syncPostureConfig, due: (c, p) => tvmDue(c, p.scoresRefreshMs) },
  // Investigations every interval (a pending approval has days, not hours); indicators, a complete pull, on the
  // scores cadence: the console writes its own changes through, so only portal and other apps' changes wait.
  investigations: { run: syncInvestigations },
  indicators: { run: syncIndicators, due: (c, p) => tvmDue(c, p.scoresRefreshMs) },
  // A small complete list; the console writes its own rule changes through, so hourly catches the rest (runs,
  // auto-disabled rules, rules made in the portal).
  detectionRules: { run: syncDetectionRules, due: (c, p) => tvmDue(c, p.scoresRefreshMs) },
};

/**
 * Entities that may sync at the same time. Each job writes only its own tables and derived columns are computed
 * once their inputs have finished (derive.ts), so lanes share nothing but the rate limits, which are per endpoint.
 */
const LANES: readonly (readonly SyncEntity[])[] = [
  // The posture entities follow the devices: the day's posture snapshot counts devices from the cache.
  ["machines", "intuneDevices", "machineActions", "avHealth", "intuneProtection", "postureConfig"],
  ["alerts", "investigations", "indicators", "detectionRules"],
  // Incidents come 100 to a page (Defender XDR list incidents API): hundreds of round trips for a full pull, so
  // its own lane.
  ["incidents"],
  ["deviceVulnerabilities", "vulnerabilities", "software", "recommendations", "scores"],
];

export interface RunSyncOptions {
  db: PrismaClient;
  sources: SyncSources;
  entities?: readonly SyncEntity[];
  /** Ignore watermarks and cadences: pull everything. */
  full?: boolean;
  policy?: Partial<SyncPolicy>;
  /** Called after each entity, e.g. to print progress. */
  onEntity?: (summary: EntitySummary) => void;
}

/** One sync pass over the requested entities, each under its lease, each committing page by page. */
export async function runSync(opts: RunSyncOptions): Promise<EntitySummary[]> {
  const policy = { ...DEFAULT_POLICY, ...opts.policy };
  const { rules, sla } = await getTriageSettings(opts.db);
  const summaries: EntitySummary[] = [];
  const wanted = new Set(opts.entities ?? SYNC_ENTITIES);
  const derivations = new DerivationSchedule(opts.db, wanted, !hasSingleConnection(opts.db));
  // Lanes run side by side (one lane's database writes overlap another's waits on Microsoft); within a lane
  // entities keep their order. Summaries are returned in SYNC_ENTITIES order whatever finishes first.
  const byEntity = new Map<SyncEntity, EntitySummary>();
  // allSettled: a lane that fails outside its job (the lease, the sync state) must not return while other lanes,
  // or derivations started early, still write to a database the caller may be about to close.
  const lanes = await Promise.allSettled(
    LANES.map(async (lane) => {
      for (const entity of lane) {
        if (!wanted.has(entity)) continue;
        const summary = await runEntity(entity, opts, policy, rules, sla);
        byEntity.set(entity, summary);
        derivations.entityFinished(entity, summary.status === "ok" && summary.upserted > 0);
        opts.onEntity?.(summary);
      }
    }),
  );
  const failed = lanes.find((lane) => lane.status === "rejected");
  if (failed) {
    await derivations.settle();
    throw failed.reason;
  }
  for (const entity of SYNC_ENTITIES) {
    const summary = byEntity.get(entity);
    if (summary) summaries.push(summary);
  }
  await derivations.done();
  return summaries;
}

async function runEntity(
  entity: SyncEntity,
  opts: RunSyncOptions,
  policy: SyncPolicy,
  rules: JobContext["rules"],
  sla: JobContext["sla"],
): Promise<EntitySummary> {
  const { db, sources } = opts;
  const started = Date.now();
  const runStartedAt = new Date(started);
  const base = { entity, fetched: 0, upserted: 0, skipped: 0, calls: 0 };
  if (!(await acquireLease(db, entity, policy.leaseMs))) {
    return {
      ...base,
      status: "locked",
      mode: "incremental",
      durationMs: 0,
      notes: ["another console instance is syncing it"],
    };
  }
  const key = syncStateKey(entity);
  const state = await db.syncState.findUniqueOrThrow({ where: key });
  const spec = JOBS[entity];
  const full = opts.full || !state.watermark || Boolean(spec.fullDue?.(state.lastFullAt, runStartedAt, policy));
  const ctx: JobContext = {
    db,
    sources,
    mode: full ? "full" : "incremental",
    watermark: full ? null : state.watermark,
    lastSuccessAt: state.lastSuccessAt,
    runStartedAt,
    overlapMs: policy.overlapMs,
    rules,
    sla,
    heartbeat: () => renewLease(db, entity, policy.leaseMs),
  };
  let calls = 0;
  try {
    if (!full && spec.due && !spec.due(ctx, policy)) {
      return { ...base, status: "not-due", mode: ctx.mode, durationMs: Date.now() - started };
    }
    await db.syncState.update({ where: key, data: { lastStartedAt: runStartedAt } });
    const outcome = await sources.countCalls(() => spec.run(ctx));
    calls = outcome.calls;
    if (!outcome.ok) throw outcome.error;
    const result = outcome.result;
    const summary: EntitySummary = {
      entity,
      status: "ok",
      mode: ctx.mode,
      fetched: result.fetched,
      upserted: result.upserted,
      skipped: result.skipped.length,
      calls,
      durationMs: Date.now() - started,
      skippedSample: result.skipped.slice(0, 20),
      notes: result.notes,
    };
    // The watermark moves only now, after every page of this pass is committed: a crash before this line
    // repeats the pass (idempotent upserts) rather than losing records.
    await db.syncState.update({
      where: key,
      data: {
        watermark: result.watermark ?? state.watermark,
        lastFinishedAt: new Date(),
        lastSuccessAt: new Date(),
        lastError: null,
        lastSummary: summary as unknown as Prisma.InputJsonValue,
        ...(full ? { lastFullAt: runStartedAt } : {}),
      },
    });
    return summary;
  } catch (error) {
    const message = error instanceof Error ? error.message || error.name : String(error);
    logger.warn("sync failed", { entity, error });
    const summary: EntitySummary = {
      ...base,
      status: "failed",
      mode: ctx.mode,
      calls,
      durationMs: Date.now() - started,
      error: message,
    };
    await db.syncState.update({
      where: key,
      data: {
        lastFinishedAt: new Date(),
        lastError: message.slice(0, 2000),
        lastSummary: summary as unknown as Prisma.InputJsonValue,
      },
    });
    return summary;
  } finally {
    await releaseLease(db, entity);
  }
}
