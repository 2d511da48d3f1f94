import type { DetectionRule as CachedRule } from "../generated/prisma/client";
import type { Prisma, PrismaClient } from "../db";
import type { DetectionRule } from "../graph/detection-rules";
import { cacheTenantId, tenantScope } from "./tenant";

// The DetectionRule table: custom detection rules as Graph last returned them, written by the detectionRules sync
// (a complete pull: the rules the pass did not see again are gone from Graph) and by lib/detections after each change
// the console makes (write-through). `savedQueryId` is the console's own and survives both.

type Executor = PrismaClient | Prisma.TransactionClient;

const date = (v: string | null) => (v ? new Date(v) : null);

function columns(rule: DetectionRule, syncedAt: Date) {
  const run = rule.lastRun;
  return {
    displayName: rule.displayName,
    status: rule.status,
    frequency: rule.frequency,
    severity: rule.alertTemplate.severity,
    detectorId: rule.detectorId,
    lastRunAt: date(run?.at ?? null),
    lastRunStatus: run?.status ?? null,
    lastRunError:
      run?.errorCode || run?.failureReason ? [run.errorCode, run.failureReason].filter(Boolean).join(": ") : null,
    lastModifiedAt: date(rule.lastModifiedDateTime),
    rule: rule as unknown as Prisma.InputJsonValue,
    syncedAt,
  };
}

/** Writes one rule as Graph answered it; `savedQueryId` is set only when given (a pull never clears it). */
export async function writeDetectionRule(
  tx: Executor,
  rule: DetectionRule,
  opts: { syncedAt?: Date; savedQueryId?: string | null } = {},
): Promise<void> {
  const data = columns(rule, opts.syncedAt ?? new Date());
  const saved = opts.savedQueryId !== undefined ? { savedQueryId: opts.savedQueryId } : {};
  await tx.detectionRule.upsert({
    where: { tenantId_id: { tenantId: cacheTenantId(), id: rule.id } },
    create: { ...tenantScope(), id: rule.id, ...data, ...saved },
    update: { ...data, ...saved },
  });
}

export async function removeDetectionRule(tx: Executor, id: string): Promise<void> {
  await tx.detectionRule.deleteMany({ where: { ...tenantScope(), id } });
}

/** A complete pull: upserts every rule read and removes the rows the pull did not see. Returns the rows written. */
export async function replaceDetectionRules(tx: Executor, rules: DetectionRule[], syncedAt: Date): Promise<number> {
  for (const rule of rules) await writeDetectionRule(tx, rule, { syncedAt });
  await tx.detectionRule.deleteMany({ where: { ...tenantScope(), syncedAt: { lt: syncedAt } } });
  return rules.length;
}

export type { CachedRule };

export async function readDetectionRules(tx: Executor): Promise<CachedRule[]> {
  return tx.detectionRule.findMany({ where: tenantScope(), orderBy: [{ displayName: "asc" }, { id: "asc" }] });
}

export async function readDetectionRule(tx: Executor, id: string): Promise<CachedRule | null> {
  return tx.detectionRule.findUnique({ where: { tenantId_id: { tenantId: cacheTenantId(), id } } });
}

/** Cached alerts per detectorId (all time), and when the newest was raised. */
export async function alertCountsByDetector(
  tx: Executor,
  detectorIds: string[],
): Promise<Map<string, { count: number; open: number; last: Date | null }>> {
  if (!detectorIds.length) return new Map();
  const [all, open] = await Promise.all([
    tx.alert.groupBy({
      by: ["detectorId"],
      where: { ...tenantScope(), detectorId: { in: detectorIds } },
      _count: { _all: true },
      _max: { alertCreationTime: true },
    }),
    tx.alert.groupBy({
      by: ["detectorId"],
      where: { ...tenantScope(), detectorId: { in: detectorIds }, status: { not: "Resolved" } },
      _count: { _all: true },
    }),
  ]);
  const openBy = new Map(open.map((r) => [r.detectorId, r._count._all]));
  return new Map(
    all.map((r) => [
      r.detectorId!,
      { count: r._count._all, open: openBy.get(r.detectorId) ?? 0, last: r._max.alertCreationTime },
    ]),
  );
}
