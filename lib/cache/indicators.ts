import type { Indicator } from "../generated/prisma/client";
import type { Prisma } from "../db";
import type { Indicator as SourceIndicator } from "../defender/schemas";
import { prismaExecutor, type SqlExecutor } from "../db/raw-transaction";
import { bulkUpsert, type BulkTable } from "./bulk";
import type { JsonRow } from "./json-row";
import { cacheTenantId } from "./tenant";
import { iso } from "./values";

// The Indicator table: Defender's custom indicators ("Indicator resource type",
// learn.microsoft.com/defender-endpoint/api/ti-indicator). The sync reads them all and removes what it did not see
// again (a deletion in the portal leaves no other trace); the console writes its own submits and deletes through.

type IndicatorRow = JsonRow<Indicator>;

const INDICATOR_TABLE: BulkTable<IndicatorRow> = {
  table: "Indicator",
  key: ["id"],
  columns: {
    id: "text",
    indicatorValue: "text",
    indicatorType: "text",
    action: "text",
    severity: "text",
    title: "text",
    description: "text",
    generateAlert: "boolean",
    expirationTime: "timestamp(3)",
    createdAt: "timestamp(3)",
    createdBy: "text",
    lastUpdateTime: "timestamp(3)",
    source: "text",
    rbacGroupNames: "text[]",
    syncedAt: "timestamp(3)",
  },
  // Defender records the app as the creator of what the console submits; the console's write-through records the
  // person, and a creator never changes afterwards, so the first one written is kept.
  keepOnUpdate: ["createdBy"],
};

function indicatorRow(i: SourceIndicator, now: string): IndicatorRow {
  return {
    id: i.id,
    indicatorValue: i.indicatorValue,
    indicatorType: i.indicatorType,
    action: i.action,
    severity: i.severity ?? null,
    title: i.title ?? null,
    description: i.description ?? null,
    generateAlert: i.generateAlert ?? null,
    expirationTime: iso(i.expirationTime),
    createdAt: iso(i.creationTimeDateTimeUtc),
    createdBy: i.createdBy ?? null,
    lastUpdateTime: iso(i.lastUpdateTime),
    // The examples spell it `source`, the property table `createdBySource`.
    source: i.source ?? i.createdBySource ?? null,
    rbacGroupNames: i.rbacGroupNames,
    syncedAt: now,
  };
}

/** Writes indicators inside the caller's transaction (the sync, or the console after a submit or an import). */
export function writeIndicators(execute: SqlExecutor, items: readonly SourceIndicator[], now: string): Promise<number> {
  return bulkUpsert(
    execute,
    INDICATOR_TABLE,
    items.map((i) => indicatorRow(i, now)),
  );
}

/** After a complete pass: removes the indicators it did not read again (deleted in Defender since). */
export function deleteUnseenIndicators(execute: SqlExecutor, seenSince: string): Promise<number> {
  return execute(
    `DELETE FROM "Indicator" WHERE "tenantId" = $1 AND "syncedAt" < $2::timestamp(3)`,
    cacheTenantId(),
    seenSince,
  );
}

/** The console's write-through of indicators it submitted, in the caller's Prisma transaction. */
export function writeSubmittedIndicators(
  tx: Prisma.TransactionClient,
  items: readonly SourceIndicator[],
): Promise<number> {
  return writeIndicators(prismaExecutor(tx), items, new Date().toISOString());
}

/** The console's write-through of indicators it deleted in Defender. */
export async function removeIndicators(tx: Prisma.TransactionClient, ids: readonly string[]): Promise<number> {
  const { count } = await tx.indicator.deleteMany({ where: { tenantId: cacheTenantId(), id: { in: [...ids] } } });
  return count;
}
