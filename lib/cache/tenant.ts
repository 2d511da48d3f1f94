import { currentTenantId, getConfig } from "../config/env";
import type { PrismaClient } from "../db";
import type { SqlParams } from "../db/sql-params";

// Every cached row, sync state, lease, snapshot and aggregate carries the Entra tenant it came from, first in its
// primary key and lookup indexes (prisma/schema.prisma), and every read and write names it. Indexes a list reads in
// order put the tenant after the sort key instead (migration alert_sort_indexes_tenant_last says why: PostgreSQL
// judges an index's order from its leading column, and a one-value column looks perfectly ordered). The console serves one tenant
// today, the one configured (ENTRA_TENANT_ID); this module is the one place that says which, so serving several
// later changes where the tenant comes from (the scheduler's loop, the signed-in user's choice), not every query.

/** The tenant whose rows the cache reads and writes. */
export function cacheTenantId(): string {
  return currentTenantId();
}

/** Prisma `where` / `data` fragment naming the tenant: `where: { ...tenantScope(), id }`. */
export function tenantScope(): { tenantId: string } {
  return { tenantId: cacheTenantId() };
}

/** Raw SQL condition naming the tenant, as a bind parameter: `WHERE ${tenantSql(p, "a")} AND …`. */
export function tenantSql(p: SqlParams, alias?: string): string {
  return `${alias ? `${alias}.` : ""}"tenantId" = ${p.add(cacheTenantId())}`;
}

/** Prisma's compound primary key of a (tenantId, id) table: `findUnique({ where: tenantKey(id) })`. */
export function tenantKey<Id>(id: Id): { tenantId_id: { tenantId: string; id: Id } } {
  return { tenantId_id: { tenantId: cacheTenantId(), id } };
}

/**
 * The tables that hold a tenant's rows, parents before children (a composite foreign key follows its parent's
 * tenant through ON UPDATE CASCADE). lib/tenant-isolation.int.test.ts checks it against prisma/schema.prisma.
 */
export const TENANT_TABLES = [
  "Alert",
  "AlertEvidence",
  "Incident",
  "Device",
  "DeviceLogonUser",
  "MachineAction",
  "ActionRequest",
  "Vulnerability",
  "Software",
  "DeviceVulnerability",
  "Recommendation",
  "ScoreSnapshot",
  "CveExposure",
  "SoftwareExposure",
  "VulnerabilityCountSnapshot",
  "RemediationRequest",
  "RemediationProgress",
  "DeviceAvHealth",
  "IntuneProtectionState",
  "PosturePolicy",
  "PostureDeviceState",
  "PostureGroupMember",
  "PostureConnector",
  "PostureLicence",
  "PostureSnapshot",
  "AsrHit",
  "AsrHitRefresh",
  "AsrExclusion",
  "DetectionRule",
  "SyncState",
  "HuntingQuery",
  "HuntingRun",
  "NotificationChannel",
  "NotificationRule",
  "NotificationEvent",
  "NotificationDelivery",
  "NotificationAttempt",
  "Investigation",
  "Indicator",
  "RunbookTemplate",
  "RunbookTask",
] as const;

/**
 * Rows written before the cache was tenant-scoped carry tenant '' (migration tenant_scoped_cache): they came from
 * the tenant the console was configured for, which only the configuration knows. Run after migrations are deployed;
 * a no-op once claimed, and when no tenant is configured (a `db:deploy` without ENTRA_TENANT_ID must not give the
 * rows to the "unconfigured" placeholder). Resolves to the rows claimed (children that follow their parent through
 * the foreign key are not counted).
 */
export async function claimUntenantedRows(
  database: PrismaClient,
  tenantId: string | undefined = getConfig().ENTRA_TENANT_ID,
): Promise<number> {
  if (!tenantId) return 0;
  return database.$transaction(async (tx) => {
    let claimed = 0;
    for (const table of TENANT_TABLES)
      claimed += await tx.$executeRawUnsafe(`UPDATE "${table}" SET "tenantId" = $1 WHERE "tenantId" = ''`, tenantId);
    return claimed;
  });
}

/** Prisma's key of a SyncState row (one per tenant and entity: watermark, lease, last run). */
export function syncStateKey(entity: string): { tenantId_entity: { tenantId: string; entity: string } } {
  return { tenantId_entity: { tenantId: cacheTenantId(), entity } };
}
