import type { AsrHit } from "../generated/prisma/client";
import type { PrismaClient } from "../db";
import { inRawTransaction } from "../db/raw-transaction";
import { ASR_RULES, type AsrRule } from "./asr-rules";
import { bulkUpsert, type BulkTable } from "./bulk";
import type { JsonRow } from "./json-row";
import { cacheTenantId } from "./tenant";

// ASR hits from advanced hunting, owned here: DeviceEvents rows whose ActionType starts with "Asr" ("Attack surface
// reduction rules reference" and "DeviceEvents table in the advanced hunting schema", learn.microsoft.com), summed
// per action type, device, file and initiating process over the last 30 days (hunting keeps 30 days). Each refresh
// replaces the whole set: the query is one complete answer, not a page of changes.

/** One query, summed by Kusto: at most one row per (action, device, file, process), so the answer stays small. */
export const ASR_HITS_QUERY = `DeviceEvents
| where Timestamp > ago(30d)
| where ActionType startswith "Asr"
| summarize Hits30 = count(), Hits14 = countif(Timestamp > ago(14d)), LastAt = max(Timestamp)
    by ActionType, DeviceId, DeviceName, FileName, FolderPath, InitiatingProcessFileName
| order by Hits30 desc
| take 20000`;

export const ASR_HITS_TIMESPAN = "P30D";

export type AsrHitRow = JsonRow<AsrHit>;

const ASR_HIT_TABLE: BulkTable<AsrHitRow> = {
  table: "AsrHit",
  key: ["actionType", "deviceId", "folderPath", "fileName", "processName"],
  columns: {
    actionType: "text",
    ruleGuid: "text",
    mode: "text",
    deviceId: "text",
    deviceName: "text",
    fileName: "text",
    folderPath: "text",
    processName: "text",
    hits14: "integer",
    hits30: "integer",
    lastAt: "timestamp(3)",
    syncedAt: "timestamp(3)",
  },
};

const BY_STEM = new Map(ASR_RULES.map((r) => [r.actionStem.toLowerCase(), r]));

/** `Asr<stem>Audited | Blocked | WarnBlocked…` → the rule and what happened, or the mode alone for an unknown stem. */
export function parseAsrActionType(actionType: string): {
  rule: AsrRule | null;
  mode: "audited" | "blocked" | "warned";
} {
  const m = /^Asr(.+?)(Audited|Blocked|Warned|WarnBypassed)$/i.exec(actionType);
  if (!m) return { rule: null, mode: "audited" };
  const suffix = m[2]!.toLowerCase();
  const mode = suffix === "audited" ? "audited" : suffix === "blocked" ? "blocked" : "warned";
  return { rule: BY_STEM.get(m[1]!.toLowerCase()) ?? null, mode };
}

const str = (v: unknown) => (typeof v === "string" ? v : v === null || v === undefined ? "" : String(v));
const int = (v: unknown) => {
  const n = Number(v);
  return Number.isFinite(n) ? Math.round(n) : 0;
};

/** The hunting answer's rows as cache rows (rows without an action type or device are dropped). */
export function asrHitRows(results: readonly Record<string, unknown>[], syncedAt: string): AsrHitRow[] {
  const out = new Map<string, AsrHitRow>();
  for (const r of results) {
    const actionType = str(r.ActionType);
    const deviceId = str(r.DeviceId);
    if (!actionType.toLowerCase().startsWith("asr") || !deviceId) continue;
    const { rule, mode } = parseAsrActionType(actionType);
    const last = str(r.LastAt);
    const row: AsrHitRow = {
      actionType,
      ruleGuid: rule?.guid ?? "",
      mode,
      deviceId,
      deviceName: str(r.DeviceName) || null,
      fileName: str(r.FileName),
      folderPath: str(r.FolderPath),
      processName: str(r.InitiatingProcessFileName),
      hits14: int(r.Hits14),
      hits30: int(r.Hits30),
      lastAt: last && !Number.isNaN(Date.parse(last)) ? new Date(last).toISOString() : null,
      syncedAt,
    };
    // Kusto's summarize gives one row per key; the cache's key folds case-distinct spellings, so add those up.
    const key = [actionType, deviceId, row.folderPath, row.fileName, row.processName].join("\u0000");
    const seen = out.get(key);
    if (seen) {
      seen.hits14 += row.hits14;
      seen.hits30 += row.hits30;
    } else out.set(key, row);
  }
  return [...out.values()];
}

/** Replaces the tenant's hits with a refresh's answer and records when it was taken. */
export async function replaceAsrHits(database: PrismaClient, rows: readonly AsrHitRow[], at: Date): Promise<void> {
  const tenantId = cacheTenantId();
  await inRawTransaction(database, async (execute) => {
    await execute(`DELETE FROM "AsrHit" WHERE "tenantId" = $1`, tenantId);
    await bulkUpsert(execute, ASR_HIT_TABLE, rows);
    await execute(
      `INSERT INTO "AsrHitRefresh" ("tenantId", "refreshedAt", "attemptedAt", rows, error)
       VALUES ($1, $2::timestamp(3), $2::timestamp(3), $3, NULL)
       ON CONFLICT ("tenantId") DO UPDATE SET "refreshedAt" = EXCLUDED."refreshedAt",
         "attemptedAt" = EXCLUDED."attemptedAt", rows = EXCLUDED.rows, error = NULL`,
      tenantId,
      at.toISOString(),
      rows.length,
    );
  });
}

/** A refresh that failed: the hits already cached stay, with why the latest attempt did not replace them. */
export async function recordAsrRefreshFailure(database: PrismaClient, error: string, at: Date): Promise<void> {
  await database.asrHitRefresh.upsert({
    where: { tenantId: cacheTenantId() },
    create: { tenantId: cacheTenantId(), attemptedAt: at, error: error.slice(0, 2_000) },
    update: { attemptedAt: at, error: error.slice(0, 2_000) },
  });
}
