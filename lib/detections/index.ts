import { randomUUID } from "node:crypto";
import type { Actor, AuditContext } from "../auth/actor";
import { withExternalChange } from "../audit";
import {
  alertCountsByDetector,
  readDetectionRule,
  readDetectionRules,
  removeDetectionRule,
  writeDetectionRule,
  type CachedRule,
} from "../cache/detection-rules";
import { db } from "../db";
import {
  createDetectionRule,
  createGraphClient,
  deleteDetectionRule,
  getDetectionRule,
  ProviderError,
  updateDetectionRule,
  type DetectionRuleInput,
  type GraphClient,
} from "../graph";
import type { DetectionRule } from "../graph/detection-rules";
import { getSavedQuery, runHuntingQuery } from "../hunting";
import { AppError, Conflict, NotFound } from "../http/errors";
import { processSingleton } from "../process-singleton";
import { detectionQueryProblem } from "./query-shape";
import { serverQueryShape } from "./query-shape-node";
import {
  ALERTS_PER_RUN,
  ENTITY_MAPPINGS,
  RULE_FREQUENCIES,
  type DetectionDryRun,
  type DetectionRuleCreate,
  type DetectionRulePatch,
  type DetectionRuleRow,
  type DryRunAlert,
  type DryRunResult,
  type EntityMappingsInput,
  type RulePeriod,
} from "./schemas";

// Custom detection rules, the server-side door. Graph is the source of truth: every change is sent to Graph first,
// then the rule Graph answered with is written through to the cache with its audit row in one transaction (the
// intent is recorded before Graph is asked: lib/audit withExternalChange). The query is checked for the columns a
// custom detection needs before anything is sent, by the same parser the form uses, so a refusal names the column.

/** The process's Graph client for rule changes (retries only what the client deems safe to repeat). */
export const detectionsGraph = processSingleton<GraphClient>("detectionsGraph", () => createGraphClient());

const frequencyOf = (period: RulePeriod) => RULE_FREQUENCIES.find((f) => f.period === period)!.frequency;

/** Refuses (400, naming the column) a query a custom detection rule cannot use. */
export function checkDetectionQuery(queryText: string): void {
  const verdict = detectionQueryProblem(serverQueryShape()(queryText));
  if (verdict.problem)
    throw new AppError(400, "query_unfit", verdict.problem, {
      issues: [{ path: "query", message: verdict.problem }],
      details: { missing: verdict.missing },
    });
}

/** The form's mappings as Graph's entityMappings: one mapping per collection, only the columns chosen. */
function entityMappingsOf(m: EntityMappingsInput): Record<string, Record<string, string>[]> {
  const out: Record<string, Record<string, string>[]> = {};
  for (const [collection, fields] of Object.entries(m)) {
    const chosen = Object.fromEntries(Object.entries(fields ?? {}).filter(([, v]) => typeof v === "string" && v));
    if (Object.keys(chosen).length) out[collection] = [chosen as Record<string, string>];
  }
  return out;
}

function tacticsOf(category: string, techniques: string[]) {
  return [{ tactic: category, techniques: techniques.map((technique) => ({ technique })) }];
}

/** Graph's answer to a rule change, as the person should read it: its refusals are theirs to fix (4xx). */
function graphRefusal(error: unknown): unknown {
  if (!(error instanceof ProviderError)) return error;
  if (error.status === 409) return new Conflict(`Microsoft Graph refused the rule: ${error.message}`);
  if (error.status === 400)
    return new AppError(400, "rule_refused", `Microsoft Graph refused the rule: ${error.message}`);
  if (error.status === 404) return new NotFound("Microsoft Graph has no such detection rule (deleted elsewhere?).");
  return error;
}

async function graphCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw graphRefusal(error);
  }
}

function toRow(
  r: CachedRule,
  alerts: { count: number; open: number; last: Date | null } | undefined,
): DetectionRuleRow {
  const rule = r.rule as unknown as DetectionRule;
  const tactic = rule.alertTemplate?.tactics?.[0];
  return {
    id: r.id,
    displayName: r.displayName,
    description: rule.description ?? null,
    status: r.status,
    frequency: r.frequency,
    severity: r.severity,
    title: rule.alertTemplate?.title ?? r.displayName,
    category: tactic?.tactic ?? null,
    techniques: (rule.alertTemplate?.tactics ?? []).flatMap((t) =>
      t.techniques.flatMap((x) => [x.technique, ...(x.subTechniques ?? [])]),
    ),
    queryText: rule.queryText,
    entityMappings: rule.alertTemplate?.entityMappings ?? {},
    detectorId: r.detectorId,
    savedQueryId: r.savedQueryId,
    lastRun: { at: r.lastRunAt?.toISOString() ?? null, status: r.lastRunStatus, error: r.lastRunError },
    alerts: { count: alerts?.count ?? 0, open: alerts?.open ?? 0, last: alerts?.last?.toISOString() ?? null },
    lastModifiedAt: r.lastModifiedAt?.toISOString() ?? null,
    syncedAt: r.syncedAt.toISOString(),
  };
}

export async function listDetectionRules(): Promise<DetectionRuleRow[]> {
  const rows = await readDetectionRules(db());
  const counts = await alertCountsByDetector(
    db(),
    rows.flatMap((r) => (r.detectorId ? [r.detectorId] : [])),
  );
  return rows.map((r) => toRow(r, r.detectorId ? counts.get(r.detectorId) : undefined));
}

async function rowOf(id: string): Promise<DetectionRuleRow> {
  const r = await readDetectionRule(db(), id);
  if (!r) throw new NotFound("No such detection rule.");
  const counts = r.detectorId ? await alertCountsByDetector(db(), [r.detectorId]) : new Map();
  return toRow(r, r.detectorId ? counts.get(r.detectorId) : undefined);
}

export async function createRuleFromSavedQuery(
  ctx: AuditContext,
  input: DetectionRuleCreate,
): Promise<DetectionRuleRow> {
  const saved = await getSavedQuery(ctx.actor, input.savedQueryId);
  checkDetectionQuery(saved.query);
  const body: DetectionRuleInput = {
    // Client-chosen and stable, so a create whose answer is lost is found again by id (lib/graph).
    id: `soc-${randomUUID()}`,
    displayName: input.displayName,
    description: input.description || null,
    status: input.enabled ? "enabled" : "disabled",
    queryText: saved.query,
    frequency: frequencyOf(input.period),
    alertTemplate: {
      title: input.title,
      description: input.alertDescription || null,
      severity: input.severity,
      recommendedActions: input.recommendedActions || null,
      entityMappings: entityMappingsOf(input.entityMappings),
      tactics: tacticsOf(input.category, input.techniques),
    },
  };
  const rule = await withExternalChange(
    ctx,
    {
      action: "detection.rule.create",
      targetType: "detection_rule",
      targetId: body.id,
      params: { name: input.displayName, savedQuery: saved.name, period: input.period, enabled: input.enabled },
    },
    () => graphCall(() => createDetectionRule(detectionsGraph(), body)),
    async (tx, created) => {
      await writeDetectionRule(tx, created, { savedQueryId: saved.starter ? null : saved.id });
      return { result: created, targetId: created.id };
    },
  );
  return rowOf(rule.id);
}

export async function updateRule(ctx: AuditContext, id: string, patch: DetectionRulePatch): Promise<DetectionRuleRow> {
  const cached = await readDetectionRule(db(), id);
  const current = cached
    ? (cached.rule as unknown as DetectionRule)
    : await graphCall(() => getDetectionRule(detectionsGraph(), id));
  if (!current) throw new NotFound("No such detection rule.");
  const onlyStatus = Object.keys(patch).length === 1 && patch.enabled !== undefined;
  const changes: Partial<Omit<DetectionRuleInput, "id">> = {};
  if (patch.displayName !== undefined) changes.displayName = patch.displayName;
  if (patch.description !== undefined) changes.description = patch.description || null;
  if (patch.enabled !== undefined) changes.status = patch.enabled ? "enabled" : "disabled";
  if (patch.period !== undefined) changes.frequency = frequencyOf(patch.period);
  const t = current.alertTemplate;
  const alertChanged = [
    "title",
    "alertDescription",
    "severity",
    "category",
    "techniques",
    "recommendedActions",
    "entityMappings",
  ].some((k) => k in patch);
  if (alertChanged) {
    const tactic = t.tactics[0];
    changes.alertTemplate = {
      title: patch.title ?? t.title,
      description: patch.alertDescription !== undefined ? patch.alertDescription || null : t.description,
      severity: (patch.severity ?? t.severity ?? "medium") as "informational" | "low" | "medium" | "high",
      recommendedActions:
        patch.recommendedActions !== undefined ? patch.recommendedActions || null : t.recommendedActions,
      entityMappings: patch.entityMappings
        ? entityMappingsOf(patch.entityMappings)
        : (t.entityMappings as Record<string, Record<string, string>[]>),
      tactics:
        patch.category !== undefined || patch.techniques !== undefined
          ? tacticsOf(
              patch.category ?? tactic?.tactic ?? "Execution",
              patch.techniques ?? tactic?.techniques.map((x) => x.technique) ?? [],
            )
          : t.tactics,
    };
  }
  const action = onlyStatus
    ? patch.enabled
      ? "detection.rule.enable"
      : "detection.rule.disable"
    : "detection.rule.update";
  await withExternalChange(
    ctx,
    {
      action,
      targetType: "detection_rule",
      targetId: id,
      params: { name: patch.displayName ?? current.displayName, changed: Object.keys(patch) },
    },
    () => graphCall(() => updateDetectionRule(detectionsGraph(), id, changes)),
    async (tx, updated) => {
      await writeDetectionRule(tx, updated);
      return { result: updated };
    },
  );
  return rowOf(id);
}

export async function deleteRule(ctx: AuditContext, id: string): Promise<{ id: string; deleted: boolean }> {
  const cached = await readDetectionRule(db(), id);
  return withExternalChange(
    ctx,
    {
      action: "detection.rule.delete",
      targetType: "detection_rule",
      targetId: id,
      params: { name: cached?.displayName ?? id },
    },
    () => graphCall(() => deleteDetectionRule(detectionsGraph(), id)),
    async (tx, deleted) => {
      await removeDetectionRule(tx, id);
      return { result: { id, deleted } };
    },
  );
}

// ───────────── Dry run ─────────────

type Row = Record<string, unknown>;

const cell = (row: Row, column: string | undefined): string | null => {
  if (!column) return null;
  const v = row[column];
  if (v === null || v === undefined || v === "") return null;
  return typeof v === "string" ? v : JSON.stringify(v);
};

/** `{{Column}}` in an alert title is replaced by the row's value ("Alert details": dynamic titles). */
function fill(template: string, row: Row): string {
  return template.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_m, c: string) => cell(row, c) ?? "");
}

/** The alert one result row would raise, with the entities its mappings pick out of the row. */
export function wouldBeAlert(
  row: Row,
  input: Pick<DetectionDryRun, "title" | "severity" | "entityMappings">,
): DryRunAlert {
  const entities: DryRunAlert["entities"] = [];
  for (const m of ENTITY_MAPPINGS) {
    const chosen = input.entityMappings[m.collection];
    if (!chosen) continue;
    for (const [field, fieldLabel] of m.fields) {
      const value = cell(row, (chosen as Record<string, string | undefined>)[field]);
      if (value) entities.push({ type: `${m.label} ${fieldLabel.toLowerCase()}`.replace(/^(\w+) \1 /i, "$1 "), value });
    }
  }
  return { title: fill(input.title, row), severity: input.severity, timestamp: cell(row, "Timestamp"), entities };
}

/**
 * Runs the saved query through advanced hunting (the shared quota and throttle apply, and the run is in the
 * person's history) over the 30 days a new rule's first run covers, and turns its rows into the alerts the rule would
 * raise: at most 150, as one run does.
 */
export async function dryRun(actor: Actor, input: DetectionDryRun): Promise<DryRunResult> {
  const saved = await getSavedQuery(actor, input.savedQueryId);
  checkDetectionQuery(saved.query);
  const result = await runHuntingQuery(actor, { query: saved.query, timespan: "P30D" });
  const alerts = result.rows.slice(0, ALERTS_PER_RUN).map((row) => wouldBeAlert(row, input));
  return { rows: result.rowCount, alerts, capped: result.rowCount > ALERTS_PER_RUN, timespan: "P30D" };
}
