import type { AuditContext } from "../auth/actor";
import { withAudit } from "../audit";
import {
  ASR_HITS_QUERY,
  ASR_HITS_TIMESPAN,
  asrHitRows,
  recordAsrRefreshFailure,
  replaceAsrHits,
} from "../cache/asr-hits";
import { ASR_RULES } from "../cache/asr-rules";
import { cacheTenantId } from "../cache/tenant";
import { db } from "../db";
import { runHuntingQuery } from "../hunting";
import type { HuntingRunInput } from "../hunting/schemas";
import { AppError } from "../http/errors";
import { adviseAsrRules } from "./advisor";
import { asrRuleStates, getDefenderPlan } from "./summary";
import type { AsrAdvisor, AsrExclusionsInput, AsrHitView, AsrRuleHits, AsrRuleState, DefenderPlan } from "./schemas";

// The ASR advisor's data: hits read from advanced hunting into the cache (on demand, through the hunting service so
// the tenant's shared quota and throttling apply and the run shows in the person's history), the tenant's accepted
// exclusion paths, and the advice computed from both with each rule's configured modes. The page reads the cache only.

/** How the refresh runs its query: the hunting service (quota, throttling, the person's history) by default. */
export type HuntingRunner = (input: HuntingRunInput) => Promise<{ rows: Record<string, unknown>[] }>;

/** The hits are "stale" after the sync's hourly posture cadence. */
const STALE_AFTER_MS = 3_600_000;
const HIT_ROWS_SHOWN = 200;

/** Advanced hunting is a Plan 2 capability ("Microsoft Defender for Endpoint Plan 1" overview, learn.microsoft.com). */
export const planHasHunting = (plan: DefenderPlan) => plan === "p2" || plan === "none";

class HuntingNotInPlan extends AppError {
  constructor() {
    super(
      409,
      "plan_lacks_hunting",
      "This tenant's Defender for Endpoint plan has no advanced hunting (a Plan 2 feature), which is how ASR hits are read by API. Review the ASR report in the Defender portal instead.",
    );
  }
}

/** `known` passes what the caller already read (the posture summary carries both), so it is not read twice. */
export async function getAsrAdvisor(
  now: Date = new Date(),
  known?: { rules: AsrRuleState[]; plan: DefenderPlan },
): Promise<AsrAdvisor> {
  const tenantId = cacheTenantId();
  const [rules, hits, exclusions, refresh, plan, views] = await Promise.all([
    known?.rules ?? asrRuleStates(),
    db().asrHit.findMany({
      where: { tenantId },
      select: {
        ruleGuid: true,
        mode: true,
        deviceId: true,
        fileName: true,
        folderPath: true,
        processName: true,
        hits14: true,
        hits30: true,
      },
    }),
    db().asrExclusion.findMany({ where: { tenantId }, orderBy: { path: "asc" }, select: { path: true } }),
    db().asrHitRefresh.findUnique({ where: { tenantId } }),
    known?.plan ?? getDefenderPlan(),
    db().$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT h."ruleGuid", h.mode, h."deviceId", h."deviceName", h."fileName", h."folderPath", h."processName",
         h.hits14, h.hits30, h."lastAt", d.id AS "consoleId"
       FROM "AsrHit" h LEFT JOIN "Device" d ON d."tenantId" = h."tenantId" AND d."mdeMachineId" = h."deviceId"
       WHERE h."tenantId" = $1 ORDER BY h.hits30 DESC, h."deviceName", h."fileName" LIMIT ${HIT_ROWS_SHOWN}`,
      tenantId,
    ),
  ]);
  const huntingAvailable = planHasHunting(plan);
  const paths = exclusions.map((e) => e.path);
  const refreshedAt = refresh?.refreshedAt ?? null;
  const name = new Map(ASR_RULES.map((r) => [r.guid, r.name]));
  const byRule: AsrRuleHits[] = ASR_RULES.map((r) => {
    const of = (mode: string, k: "hits14" | "hits30") =>
      hits.filter((h) => h.ruleGuid === r.guid && h.mode === mode).reduce((s, h) => s + h[k], 0);
    return {
      guid: r.guid,
      name: r.name,
      audited14: of("audited", "hits14"),
      audited30: of("audited", "hits30"),
      blocked14: of("blocked", "hits14"),
      blocked30: of("blocked", "hits30"),
    };
  });
  const hitViews: AsrHitView[] = views.map((h) => ({
    ruleGuid: String(h.ruleGuid),
    ruleName: name.get(String(h.ruleGuid)) ?? "Unknown rule",
    mode: String(h.mode),
    machineId: String(h.deviceId),
    deviceName: (h.deviceName as string | null) ?? null,
    deviceId: (h.consoleId as string | null) ?? null,
    fileName: String(h.fileName),
    folderPath: String(h.folderPath),
    processName: String(h.processName),
    hits14: Number(h.hits14),
    hits30: Number(h.hits30),
    lastAt: h.lastAt ? new Date(h.lastAt as Date).toISOString() : null,
  }));
  return {
    refreshedAt: refreshedAt?.toISOString() ?? null,
    attemptedAt: refresh?.attemptedAt.toISOString() ?? null,
    error: refresh?.error ?? null,
    stale: !refreshedAt || now.getTime() - refreshedAt.getTime() > STALE_AFTER_MS,
    huntingAvailable,
    exclusions: paths,
    advice: adviseAsrRules(rules, hits, paths, {
      now: now.getTime(),
      hitsKnown: refreshedAt !== null,
      huntingAvailable,
    }),
    byRule,
    hits: hitViews,
  };
}

/**
 * Reads the last 30 days of ASR events through advanced hunting and replaces the cached hits. Audited (the refresh
 * replaces a shared cache); a refusal by the quota or Graph leaves the cached hits and records why.
 */
export async function refreshAsrHits(
  ctx: AuditContext,
  opts: { run?: HuntingRunner; now?: () => Date } = {},
): Promise<AsrAdvisor> {
  const now = opts.now ?? (() => new Date());
  const run = opts.run ?? ((input) => runHuntingQuery(ctx.actor, input));
  if (!planHasHunting(await getDefenderPlan())) throw new HuntingNotInPlan();
  let rows: ReturnType<typeof asrHitRows>;
  try {
    const answer = await run({ query: ASR_HITS_QUERY, timespan: ASR_HITS_TIMESPAN });
    rows = asrHitRows(answer.rows, now().toISOString());
  } catch (error) {
    await recordAsrRefreshFailure(db(), error instanceof Error ? error.message : String(error), now());
    throw error;
  }
  const at = now();
  await replaceAsrHits(db(), rows, at);
  await withAudit(ctx, { action: "posture.asr.refresh", targetType: "posture", params: { rows: rows.length } }, () =>
    Promise.resolve({ result: null }),
  );
  return getAsrAdvisor(at);
}

/** Replaces the tenant's accepted ASR exclusion paths (duplicates by case folded), audited with the new list. */
export async function setAsrExclusions(ctx: AuditContext, input: AsrExclusionsInput): Promise<AsrAdvisor> {
  const seen = new Map<string, string>();
  for (const p of input.paths) if (!seen.has(p.toLowerCase())) seen.set(p.toLowerCase(), p);
  const paths = [...seen.values()].sort((a, b) => a.localeCompare(b));
  const tenantId = cacheTenantId();
  await withAudit(ctx, { action: "posture.asr.exclusions", targetType: "posture", params: { paths } }, async (tx) => {
    await tx.asrExclusion.deleteMany({ where: { tenantId } });
    if (paths.length)
      await tx.asrExclusion.createMany({
        data: paths.map((path) => ({ tenantId, path, createdAt: new Date(), createdByName: ctx.actor.name })),
      });
    return { result: null };
  });
  return getAsrAdvisor();
}
