import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../db";
import { cacheTenantId } from "../cache/tenant";

// A lease per tenant and entity in SyncState, taken with one conditional UPDATE: two console instances on one
// PostgreSQL never sync the same entity of a tenant at once, and a crashed holder's lease simply expires.

export const OWNER = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export async function acquireLease(db: PrismaClient, entity: string, ttlMs: number): Promise<boolean> {
  const tenantId = cacheTenantId();
  await db.$executeRawUnsafe(
    `INSERT INTO "SyncState" ("tenantId", entity) VALUES ($1, $2) ON CONFLICT ("tenantId", entity) DO NOTHING`,
    tenantId,
    entity,
  );
  const taken = await db.$executeRawUnsafe(
    `UPDATE "SyncState" SET "lockedBy" = $2, "lockedUntil" = $3::timestamp(3)
     WHERE "tenantId" = $5 AND entity = $1 AND ("lockedUntil" IS NULL OR "lockedUntil" < $4::timestamp(3) OR "lockedBy" = $2)`,
    entity,
    OWNER,
    new Date(Date.now() + ttlMs).toISOString(),
    new Date().toISOString(),
    tenantId,
  );
  return taken === 1;
}

export async function renewLease(db: PrismaClient, entity: string, ttlMs: number): Promise<void> {
  await db.$executeRawUnsafe(
    `UPDATE "SyncState" SET "lockedUntil" = $3::timestamp(3) WHERE "tenantId" = $4 AND entity = $1 AND "lockedBy" = $2`,
    entity,
    OWNER,
    new Date(Date.now() + ttlMs).toISOString(),
    cacheTenantId(),
  );
}

export async function releaseLease(db: PrismaClient, entity: string): Promise<void> {
  await db.$executeRawUnsafe(
    `UPDATE "SyncState" SET "lockedBy" = NULL, "lockedUntil" = NULL WHERE "tenantId" = $3 AND entity = $1 AND "lockedBy" = $2`,
    entity,
    OWNER,
    cacheTenantId(),
  );
}
