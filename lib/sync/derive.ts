import type { Prisma, PrismaClient } from "../db";
import { logger } from "../log";
import { refreshTvmAggregates } from "../tvm/refresh";
import { SYNC_ENTITIES, type SyncEntity } from "./types";

// Figures derived from the cache after a sync, in SQL, so pages read them with an index instead of aggregating
// on every request.

const OPEN_ALERT_COUNTS = `
UPDATE "Device" d SET "openAlerts" = COALESCE(c.n, 0)
FROM (SELECT d2.id, COUNT(a.id) AS n FROM "Device" d2
      LEFT JOIN "Alert" a ON a."machineId" = d2."mdeMachineId" AND a.status <> 'Resolved'
      GROUP BY d2.id) c
WHERE c.id = d.id AND d."openAlerts" IS DISTINCT FROM COALESCE(c.n, 0)`;

const INCIDENT_COUNTS = `
UPDATE "Incident" i SET "alertCount" = c.alerts, "deviceCount" = c.devices, "userCount" = c.users
FROM (SELECT "incidentId", COUNT(*) AS alerts, COUNT(DISTINCT "machineId") AS devices, COUNT(DISTINCT "relatedUserName") AS users
      FROM "Alert" WHERE "incidentId" IS NOT NULL GROUP BY "incidentId") c
WHERE c."incidentId" = i.id AND (i."alertCount", i."deviceCount", i."userCount") IS DISTINCT FROM (c.alerts::int, c.devices::int, c.users::int)`;

const VULNERABILITY_COUNTS = `
UPDATE "Device" d SET "vulnCritical" = COALESCE(c.critical, 0), "vulnHigh" = COALESCE(c.high, 0),
                      "vulnMedium" = COALESCE(c.medium, 0), "vulnLow" = COALESCE(c.low, 0)
FROM (SELECT d2.id,
        COUNT(*) FILTER (WHERE v.severity = 'Critical') AS critical, COUNT(*) FILTER (WHERE v.severity = 'High') AS high,
        COUNT(*) FILTER (WHERE v.severity = 'Medium') AS medium, COUNT(*) FILTER (WHERE v.severity = 'Low') AS low
      FROM "Device" d2 LEFT JOIN "DeviceVulnerability" v ON v."machineId" = d2."mdeMachineId" AND v."resolvedAt" IS NULL
      GROUP BY d2.id) c
WHERE c.id = d.id
  AND (d."vulnCritical", d."vulnHigh", d."vulnMedium", d."vulnLow") IS DISTINCT FROM (COALESCE(c.critical, 0)::int, COALESCE(c.high, 0)::int, COALESCE(c.medium, 0)::int, COALESCE(c.low, 0)::int)`;

/**
 * Isolation and app restriction change only when Defender reports the action Succeeded (issue #7): the latest
 * Succeeded action of each pair decides. Only devices that have such actions are visited, and only rows whose
 * state differs are written, so a tenant with few actions pays nearly nothing. `$1` optionally narrows to one
 * machine (NULL = all).
 */
const RESPONSE_STATES = `
WITH latest AS (
  SELECT DISTINCT ON (a."machineId", a.pair) a."machineId", a.pair, a.type
  FROM (SELECT "machineId", type, COALESCE("lastUpdateDateTimeUtc", "creationDateTimeUtc") AS at,
               CASE WHEN type IN ('Isolate', 'Unisolate') THEN 'isolation' ELSE 'restriction' END AS pair
        FROM "MachineAction"
        WHERE status = 'Succeeded' AND type IN ('Isolate', 'Unisolate', 'RestrictCodeExecution', 'UnrestrictCodeExecution')
          AND ($1::text IS NULL OR "machineId" = $1::text)) a
  ORDER BY a."machineId", a.pair, a.at DESC
), states AS (
  SELECT "machineId",
    MAX(CASE WHEN pair = 'isolation' THEN CASE type WHEN 'Isolate' THEN 'Isolated' ELSE 'NotIsolated' END END) AS isolation,
    MAX(CASE WHEN pair = 'restriction' THEN CASE type WHEN 'RestrictCodeExecution' THEN 'Restricted' ELSE 'NotRestricted' END END) AS restriction
  FROM latest GROUP BY "machineId"
)
UPDATE "Device" d SET
  "isolationState" = COALESCE(s.isolation, d."isolationState"),
  "restrictionState" = COALESCE(s.restriction, d."restrictionState")
FROM states s
WHERE d."mdeMachineId" = s."machineId"
  AND (d."isolationState", d."restrictionState") IS DISTINCT FROM (COALESCE(s.isolation, d."isolationState"), COALESCE(s.restriction, d."restrictionState"))`;

/**
 * Isolation and restriction of one machine (or all) from its Succeeded actions. The console's own follow-up of
 * an action it sent calls this too, so polling and sync always agree on a device's state.
 */
export async function deriveResponseStates(database: PrismaClient | Prisma.TransactionClient, mdeMachineId?: string): Promise<void> {
  await database.$executeRawUnsafe(RESPONSE_STATES, mdeMachineId ?? null);
}

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

export type DerivationName = "openAlerts" | "incidentCounts" | "vulnerabilityCounts" | "responseStates" | "tvmAggregates";

const DEVICES: SyncEntity[] = ["machines", "intuneDevices"];
const TVM_ENTITIES: SyncEntity[] = ["deviceVulnerabilities", "vulnerabilities", "software", "recommendations"];

const DERIVATIONS: readonly Derivation[] = [
  { name: "openAlerts", triggers: ["alerts", ...DEVICES], reads: ["alerts", ...DEVICES], writesDevice: true, run: (db) => db.$executeRawUnsafe(OPEN_ALERT_COUNTS) },
  { name: "incidentCounts", triggers: ["alerts", "incidents"], reads: ["alerts", "incidents"], writesDevice: false, run: (db) => db.$executeRawUnsafe(INCIDENT_COUNTS) },
  {
    name: "vulnerabilityCounts",
    triggers: ["deviceVulnerabilities", ...DEVICES],
    reads: ["deviceVulnerabilities", ...DEVICES],
    writesDevice: true,
    run: (db) => db.$executeRawUnsafe(VULNERABILITY_COUNTS),
  },
  { name: "responseStates", triggers: ["machineActions", "machines"], reads: ["machineActions", ...DEVICES], writesDevice: true, run: (db) => deriveResponseStates(db) },
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
    for (const error of this.errors) logger.warn("sync derivation failed", { error: error instanceof Error ? error.message : String(error) });
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
