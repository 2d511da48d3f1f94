import { z } from "zod";
import type { AuditContext } from "../auth/actor";
import { deriveIncidentFigures } from "../cache/derivations";
import { recordAudit } from "../audit";
import { db, type PrismaClient } from "../db";
import { processSingleton } from "../process-singleton";
import { cacheTenantId, tenantScope } from "../cache/tenant";
import {
  derivePriority,
  getTriageSettings,
  PriorityRule,
  SETTING_KEYS,
  SlaMinutes,
  slaDueAt,
  type TriageSettings,
} from "../cache/alert-priority";

export { getTriageSettings, SETTING_KEYS, type TriageSettings };

// Priority rules and SLA clocks are edited by Admins; saving them re-derives every cached alert.

// The queue reads the SLA clocks on every request; they change a few times a year. A short in-process cache
// saves a query per request, and a save in this process clears it at once (other instances catch up in 10 s).
const CACHE_MS = 10_000;
// One per process (not per server chunk), so a save clears what the queue's route reads.
const settingsCache = processSingleton("triageSettingsCache", () => ({
  entry: null as { at: number; database: PrismaClient; value: TriageSettings } | null,
}));

export async function cachedTriageSettings(): Promise<TriageSettings> {
  const database = db();
  const cache = settingsCache();
  if (cache.entry && cache.entry.database === database && Date.now() - cache.entry.at < CACHE_MS)
    return cache.entry.value;
  const value = await getTriageSettings(database);
  cache.entry = { at: Date.now(), database, value };
  return value;
}

export const TriageSettingsInput = z
  .object({
    rules: z
      .array(PriorityRule)
      .max(100)
      .refine((r) => new Set(r.map((x) => x.id)).size === r.length, "rule ids must be unique"),
    sla: SlaMinutes,
  })
  .strict();
export type TriageSettingsInput = z.infer<typeof TriageSettingsInput>;

const REDERIVE_BATCH = 5000;

type Reader = Pick<PrismaClient, "alert" | "$executeRawUnsafe">;

/**
 * Walks every cached alert and counts those whose priority, rule or SLA deadline differ under `input`; with
 * `write` it also stores the new values. A dry run and a save count the same way, so the preview's number is
 * the number the save reports.
 */
async function rederive(client: Reader, input: TriageSettingsInput, write: boolean): Promise<number> {
  let changed = 0;
  let after = "";
  for (;;) {
    const batch = await client.alert.findMany({
      where: { ...tenantScope(), id: { gt: after } },
      orderBy: { id: "asc" },
      take: REDERIVE_BATCH,
      select: {
        id: true,
        severity: true,
        category: true,
        title: true,
        threatName: true,
        mitreTechniques: true,
        alertCreationTime: true,
        priority: true,
        priorityRule: true,
        slaDueAt: true,
      },
    });
    if (batch.length === 0) break;
    after = batch[batch.length - 1].id;
    const updates = batch.flatMap((a) => {
      const { priority, rule } = derivePriority(a, input.rules);
      const due = slaDueAt(a.alertCreationTime, priority, input.sla);
      const same =
        priority === a.priority &&
        rule === a.priorityRule &&
        (due?.getTime() ?? null) === (a.slaDueAt?.getTime() ?? null);
      return same ? [] : [{ id: a.id, priority, priorityRule: rule, slaDueAt: due?.toISOString() ?? null }];
    });
    if (!write) changed += updates.length;
    else if (updates.length) {
      changed += await client.$executeRawUnsafe(
        `UPDATE "Alert" a SET "priority" = x."priority", "priorityRule" = x."priorityRule", "slaDueAt" = x."slaDueAt"
         FROM json_to_recordset($1::json) AS x("id" text, "priority" text, "priorityRule" text, "slaDueAt" timestamp(3))
         WHERE a."tenantId" = $2 AND a."id" = x."id"`,
        JSON.stringify(updates),
        cacheTenantId(),
      );
    }
  }
  return changed;
}

/** How many cached alerts `input` would change (priority, rule or deadline), without saving anything. */
export async function previewTriageSettings(input: TriageSettingsInput): Promise<{ rederived: number; dryRun: true }> {
  return { rederived: await rederive(db(), input, false), dryRun: true };
}

/**
 * Saves the rules and clocks and re-derives priority, rule and SLA deadline for every cached alert, with the
 * audit row, in one transaction: the queue never shows alerts ranked by a mix of old and new rules.
 */
export async function saveTriageSettings(
  ctx: AuditContext,
  input: TriageSettingsInput,
): Promise<{ settings: TriageSettings; rederived: number }> {
  const rederived = await db().$transaction(
    async (tx) => {
      for (const [key, value] of [
        [SETTING_KEYS.priorityRules, input.rules],
        [SETTING_KEYS.slaMinutes, input.sla],
      ] as const) {
        await tx.setting.upsert({
          where: { key },
          create: { key, value, updatedBy: ctx.actor.name },
          update: { value, updatedBy: ctx.actor.name },
        });
      }
      const changed = await rederive(tx, input, true);
      // Incidents rank by their alerts' priorities and deadlines: re-derived in the same transaction.
      await deriveIncidentFigures(tx);
      await recordAudit(
        tx,
        ctx,
        {
          action: "settings.triage",
          targetType: "setting",
          targetId: "alerts",
          params: { rules: input.rules.length, sla: input.sla, rederived: changed },
        },
        "success",
      );
      return changed;
    },
    { timeout: 120_000 },
  );
  settingsCache().entry = null;
  return { settings: { rules: input.rules, sla: input.sla }, rederived };
}
