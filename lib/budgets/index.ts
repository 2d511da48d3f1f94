import { currentTenantId } from "../config/env";
import { db, type PrismaClient } from "../db";
import { hasSingleConnection } from "../db/raw-transaction";
import { MemoryBudgetStore, Pacer, type Budget, type BudgetStore } from "../microsoft/pacer";
import { processSingleton } from "../process-singleton";
import { DatabaseBudgetStore } from "./database-store";

// The console's shares of Defender's per-application limits ("Microsoft Defender for Endpoint API usage limits",
// learn.microsoft.com/defender-endpoint/api/exposed-apis-list and each API page's "Limitations"), held in the
// database so that every console instance draws on the same budget.

/** Response-action POSTs per minute: below Defender's 100 so the same family's polling and sync GETs still fit. */
export const ACTION_POSTS_PER_MINUTE = 80;
/** Alerts batchUpdate: "Rate limitations for this API are 10 calls per minute" (Batch update alerts). */
export const BATCH_CALLS_PER_MINUTE = 10;
/** A bulk triage request waits at most this long for a batchUpdate slot before it is told to retry. */
export const BATCH_MAX_WAIT_MS = 20_000;
/**
 * Incident updates: Defender XDR allows 50 calls a minute and 1,500 an hour ("Update incidents API",
 * learn.microsoft.com/defender-xdr/api-update-incidents, "Limitations"). The console keeps a margin for whoever
 * else uses the application's quota.
 */
export const INCIDENT_UPDATES_PER_MINUTE = 40;
export const INCIDENT_UPDATES_PER_HOUR = 1_200;

/**
 * Antivirus health and secure-configuration reads: Defender allows 30 calls a minute and 1,000 an hour for each
 * ("Export device antivirus health details", "Export secure configuration assessment per device", Limitations); the
 * sync keeps a margin for anyone else using the application's quota.
 */
export const AV_HEALTH_READS_PER_MINUTE = 25;
export const AV_HEALTH_READS_PER_HOUR = 900;

export const BUDGETS = {
  machineActionPosts: {
    family: "defender.machineActions.post",
    windows: [{ limit: ACTION_POSTS_PER_MINUTE, windowMs: 60_000 }],
  },
  alertBatchUpdates: {
    family: "defender.alerts.batchUpdate",
    windows: [{ limit: BATCH_CALLS_PER_MINUTE, windowMs: 60_000 }],
  },
  incidentUpdates: {
    family: "xdr.incidents.update",
    windows: [
      { limit: INCIDENT_UPDATES_PER_MINUTE, windowMs: 60_000 },
      { limit: INCIDENT_UPDATES_PER_HOUR, windowMs: 3_600_000 },
    ],
  },
  avHealthReads: {
    family: "defender.deviceavinfo",
    windows: [
      { limit: AV_HEALTH_READS_PER_MINUTE, windowMs: 60_000 },
      { limit: AV_HEALTH_READS_PER_HOUR, windowMs: 3_600_000 },
    ],
  },
  secureConfigurationReads: {
    family: "defender.secureConfigurationsAssessment",
    windows: [
      { limit: AV_HEALTH_READS_PER_MINUTE, windowMs: 60_000 },
      { limit: AV_HEALTH_READS_PER_HOUR, windowMs: 3_600_000 },
    ],
  },
} satisfies Record<string, Budget>;

/**
 * Where every console instance counts the calls it takes: the database (PostgreSQL). The embedded database has one
 * connection and one owning process, so there the count stays in memory: a sync page write or TVM refresh holding
 * that connection must never make an isolation wait for, or fail on, its budget.
 */
export const budgetStore = processSingleton("budgetStore", (): BudgetStore =>
  hasSingleConnection(db()) ? new MemoryBudgetStore() : new DatabaseBudgetStore(db, currentTenantId()),
);

/** Every response-action POST takes a slot here first; a bulk scan's queue waits its turn. */
export const actionPacer = processSingleton(
  "actionPacer",
  () =>
    new Pacer(BUDGETS.machineActionPosts, budgetStore(), {
      exhausted: (s) =>
        `Defender's limit of response actions per minute is used up (a bulk scan may be running); try again in ${s} s. Nothing was sent.`,
    }),
);

/** Bulk triage queues for a free batchUpdate slot instead of sending a call Defender would refuse. */
export const alertBatchPacer = processSingleton(
  "alertBatchPacer",
  () =>
    new Pacer(BUDGETS.alertBatchUpdates, budgetStore(), {
      exhausted: (s) =>
        `Defender's limit of ${BATCH_CALLS_PER_MINUTE} bulk updates per minute is used up; try again in ${s} s. Nothing was changed.`,
    }),
);

/** Every incident update (one or a bulk change's many) takes a slot here first. */
export const incidentUpdatePacer = processSingleton(
  "incidentUpdatePacer",
  () =>
    new Pacer(BUDGETS.incidentUpdates, budgetStore(), {
      exhausted: (s) =>
        `Defender XDR's limit of incident updates per minute is used up (a bulk change may be running); try again in ${s} s. Nothing was changed.`,
    }),
);

/** The embedded database's budgets live in this process's memory (see budgetStore); one store for every sync. */
const syncMemoryStore = processSingleton("syncBudgetStore", (): BudgetStore => new MemoryBudgetStore());

/**
 * A pacer for one of the sync's read budgets on the database the sync writes to: shared through that database on
 * PostgreSQL, in memory on the embedded one. The sync waits for a slot rather than spend a call Defender would
 * refuse with 429.
 */
export function syncReadPacer(
  budget: (typeof BUDGETS)["avHealthReads" | "secureConfigurationReads"],
  database: PrismaClient,
  tenantId: string,
): Pacer {
  const store = hasSingleConnection(database) ? syncMemoryStore() : new DatabaseBudgetStore(() => database, tenantId);
  return new Pacer(budget, store, {
    exhausted: (s) => `Defender's read budget for ${budget.family} is used up; the sync continues in ${s} s.`,
  });
}

export { DatabaseBudgetStore } from "./database-store";
export { Pacer, MemoryBudgetStore, type Budget, type BudgetStore } from "../microsoft/pacer";

/** Tests start each case with every budget unused. */
export async function resetBudgetsForTests(): Promise<void> {
  await db().providerCall.deleteMany({});
  actionPacer.replaceForTests(undefined);
  alertBatchPacer.replaceForTests(undefined);
  incidentUpdatePacer.replaceForTests(undefined);
  budgetStore.replaceForTests(undefined);
  syncMemoryStore.replaceForTests(undefined);
}
