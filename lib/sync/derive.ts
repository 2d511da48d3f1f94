import type { PrismaClient } from "../db";
import {
  deriveIncidentFigures,
  deriveOpenAlerts,
  deriveResponseStates,
  deriveVulnerabilityCounts,
} from "../cache/derivations";
import { refreshTvmAggregates } from "../cache/tvm-aggregates";
import { logger } from "../log";
import { attachRunbooks } from "../runbooks";
import { SYNC_ENTITIES, type SyncEntity } from "./types";

// When the cache's derived figures (lib/cache/derivations.ts, lib/cache/tvm-aggregates.ts) are recomputed during
// a sync: each after the tables it reads have finished, and only when one of them changed.

export interface Derivation {
  name: DerivationName;
  /** A change to any of these entities in the run makes the derivation due. */
  triggers: readonly SyncEntity[];
  /** Entities whose tables it reads: it starts only once each of them has finished in this run (or is not in it). */
  reads: readonly SyncEntity[];
  /**
   * Whether it updates every Device row. Such steps run one at a time: two whole-table updates would queue on each
   * other's row locks (or, on PGlite's one connection, gain nothing).
   */
  writesDevice: boolean;
  run(db: PrismaClient): Promise<unknown>;
}

export type DerivationName =
  "openAlerts" | "incidentCounts" | "vulnerabilityCounts" | "responseStates" | "tvmAggregates" | "runbooks";

const DEVICES: SyncEntity[] = ["machines", "intuneDevices"];
const TVM_ENTITIES: SyncEntity[] = ["deviceVulnerabilities", "vulnerabilities", "software", "recommendations"];

const DERIVATIONS: readonly Derivation[] = [
  {
    name: "openAlerts",
    triggers: ["alerts", ...DEVICES],
    reads: ["alerts", ...DEVICES],
    writesDevice: true,
    run: deriveOpenAlerts,
  },
  {
    name: "incidentCounts",
    triggers: ["alerts", "incidents"],
    reads: ["alerts", "incidents"],
    writesDevice: false,
    run: (db) => deriveIncidentFigures(db),
  },
  // Incidents whose alerts now match a runbook template get its tasks (lib/runbooks).
  {
    name: "runbooks",
    triggers: ["alerts", "incidents"],
    reads: ["alerts", "incidents"],
    writesDevice: false,
    run: (db) => attachRunbooks(db),
  },
  {
    name: "vulnerabilityCounts",
    triggers: ["deviceVulnerabilities", ...DEVICES],
    reads: ["deviceVulnerabilities", ...DEVICES],
    writesDevice: true,
    run: deriveVulnerabilityCounts,
  },
  {
    name: "responseStates",
    triggers: ["machineActions", "machines"],
    reads: ["machineActions", ...DEVICES],
    writesDevice: true,
    run: (db) => deriveResponseStates(db),
  },
  // Groups come from Device. Only when TVM data moved: the TVM entities refresh every few hours, and machine group
  // moves show up at the next refresh.
  {
    name: "tvmAggregates",
    triggers: TVM_ENTITIES,
    reads: [...TVM_ENTITIES, ...DEVICES],
    writesDevice: false,
    run: (db) => refreshTvmAggregates(db),
  },
];

/**
 * With `early`, starts each derivation as soon as the entities it reads have finished, while the other lanes are
 * still syncing, so a full sync does not end with every derivation queued behind the slowest lane. Without it
 * (PGlite, whose one connection would make the lanes' page writes queue behind a derivation), they start at
 * `done()`, which waits for them all.
 */
export class DerivationSchedule {
  private readonly finished = new Set<SyncEntity>();
  private readonly changed = new Set<SyncEntity>();
  /** Started derivations (settled when they end, failed or not) and skipped ones (null). */
  private readonly decided = new Map<DerivationName, Promise<void> | null>();
  private deviceWrites: Promise<void> = Promise.resolve();
  private readonly errors: unknown[] = [];

  constructor(
    private readonly db: PrismaClient,
    running: ReadonlySet<SyncEntity>,
    private readonly early: boolean,
    private readonly derivations: readonly Derivation[] = DERIVATIONS,
  ) {
    for (const entity of SYNC_ENTITIES) if (!running.has(entity)) this.finished.add(entity);
  }

  entityFinished(entity: SyncEntity, changed: boolean): void {
    this.finished.add(entity);
    if (changed) this.changed.add(entity);
    if (this.early) this.startReady();
  }

  async done(): Promise<void> {
    for (const entity of SYNC_ENTITIES) this.finished.add(entity);
    this.startReady();
    await Promise.all(this.decided.values());
    if (this.errors.length) throw this.errors[0];
  }

  /**
   * Waits for the derivations already started, starting no more: a run that failed before its end must not leave
   * statements running against a database its caller is about to close. Their errors are logged, not thrown (the
   * run's own failure is the one to report).
   */
  async settle(): Promise<void> {
    await Promise.all(this.decided.values());
    for (const error of this.errors)
      logger.warn("sync derivation failed", { error: error instanceof Error ? error.message : String(error) });
  }

  private startReady(): void {
    for (const d of this.derivations) {
      if (this.decided.has(d.name) || !d.reads.every((e) => this.finished.has(e))) continue;
      if (!d.triggers.some((e) => this.changed.has(e))) {
        this.decided.set(d.name, null);
        continue;
      }
      // Device writers queue behind one another; a failure is reported at done() and the queue moves on.
      const run = (d.writesDevice ? this.deviceWrites : Promise.resolve()).then(() => this.timed(d));
      const settled = run.catch((error: unknown) => {
        this.errors.push(error);
      });
      if (d.writesDevice) this.deviceWrites = settled;
      this.decided.set(d.name, settled);
    }
  }

  private async timed(d: Derivation): Promise<void> {
    const started = performance.now();
    await d.run(this.db);
    logger.debug("sync derived", { step: d.name, ms: Math.round(performance.now() - started) });
  }
}

/** Runs every derivation due after `changed` entities were synced. */
export async function deriveAfter(db: PrismaClient, changed: ReadonlySet<SyncEntity>): Promise<void> {
  const schedule = new DerivationSchedule(db, new Set(changed), false);
  for (const entity of changed) schedule.entityFinished(entity, true);
  await schedule.done();
}
