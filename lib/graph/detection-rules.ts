import { z } from "zod";
import { ProviderError, type Page } from "../microsoft";
import type { GraphClient } from "./client";
import { DetectionRuleRecord, type DetectionRuleInput } from "./detection-rule-schemas";

// Custom detection rules through Microsoft Graph beta `/security/rules/detectionRules` (learn.microsoft.com/graph/api/
// security-rulesroot-list-detectionrules, security-rulesroot-post-detectionrules, security-detectionrule-get,
// security-detectionrule-update, security-rulesroot-delete-detectionrules). Application permission
// CustomDetection.Read.All to read, CustomDetection.ReadWrite.All to write.
//
// A create is never repeated blindly: clients report that the service can create a rule and still answer with an
// error. The console chooses the rule id, so after an error that may hide a write (no answer, 5xx, 409) it reads the
// rule back by id and returns it when it is the one just sent.

const BASE = "/security/rules/detectionRules";
/** No page size is documented; 100 keeps a page small and works wherever $top does. */
export const DETECTION_RULES_PAGE = 100;

/** A rule read from Graph, with the deprecated members folded into the current ones. */
export interface DetectionRule {
  id: string;
  displayName: string;
  description: string | null;
  /** enabled, disabled, autoDisabled (the service switched it off) or a newer value. */
  status: string;
  queryText: string;
  /** ISO 8601 duration; PT0S = continuous. */
  frequency: string | null;
  nextRunDateTime: string | null;
  alertTemplate: {
    title: string;
    description: string | null;
    severity: string | null;
    recommendedActions: string | null;
    entityMappings: Record<string, Record<string, unknown>[]>;
    tactics: { tactic: string; techniques: { technique: string; subTechniques: string[] }[] }[];
    customDetails: Record<string, unknown> | null;
  };
  automatedActions: Record<string, unknown> | null;
  organizationalScope: { scopeType: string | null; scopeNames: string[] } | null;
  isExcludedFromIncidentCorrelation: boolean;
  /** Matches the detectorId of the alerts the rule raised (deprecated member; null once removed). */
  detectorId: string | null;
  createdBy: string | null;
  createdDateTime: string | null;
  lastModifiedBy: string | null;
  lastModifiedDateTime: string | null;
  /** Deprecated, beta only: the last run's outcome (huntingRuleRunStatus, huntingRuleErrorCode). */
  lastRun: { at: string | null; status: string | null; errorCode: string | null; failureReason: string | null } | null;
}

/** Legacy `schedule.period` ("0" = continuous) → the duration `frequency` replaces it with. */
const PERIOD_FREQUENCY: Record<string, string> = {
  "0": "PT0S",
  "1H": "PT1H",
  "3H": "PT3H",
  "12H": "PT12H",
  "24H": "P1D",
};

export function toDetectionRule(r: DetectionRuleRecord): DetectionRule {
  const t = r.detectionAction?.alertTemplate;
  const legacyTactics = t?.category
    ? [
        {
          tactic: t.category,
          techniques: (t.mitreTechniques ?? []).map((technique) => ({ technique, subTechniques: [] })),
        },
      ]
    : [];
  const tactics = t?.tactics ?? legacyTactics;
  const mappings: Record<string, Record<string, unknown>[]> = {};
  for (const [k, v] of Object.entries(t?.entityMappings ?? {})) if (v) mappings[k] = v;
  const run = r.lastRunDetails;
  const scope = r.detectionAction?.organizationalScope;
  return {
    id: r.id,
    displayName: r.displayName,
    description: r.description ?? null,
    status: r.status ?? (r.isEnabled === true ? "enabled" : r.isEnabled === false ? "disabled" : "unknown"),
    queryText: r.queryCondition.queryText,
    frequency: r.schedule?.frequency ?? PERIOD_FREQUENCY[r.schedule?.period ?? ""] ?? null,
    nextRunDateTime: r.schedule?.nextRunDateTime ?? null,
    alertTemplate: {
      title: t?.title ?? r.displayName,
      description: t?.description ?? null,
      severity: t?.severity ?? null,
      recommendedActions: t?.recommendedActions ?? null,
      entityMappings: mappings,
      tactics: tactics.map((x) => ({
        tactic: x.tactic,
        techniques: (x.techniques ?? []).map((y) => ({ technique: y.technique, subTechniques: y.subTechniques ?? [] })),
      })),
      customDetails: t?.customDetails ?? null,
    },
    automatedActions: r.detectionAction?.automatedActions ?? null,
    organizationalScope: scope ? { scopeType: scope.scopeType ?? null, scopeNames: scope.scopeNames ?? [] } : null,
    isExcludedFromIncidentCorrelation:
      r.detectionAction?.incidentConfiguration?.isExcludedFromIncidentCorrelation ?? false,
    detectorId: r.detectorId ?? null,
    createdBy: r.createdBy ?? null,
    createdDateTime: r.createdDateTime ?? null,
    lastModifiedBy: r.lastModifiedBy ?? null,
    lastModifiedDateTime: r.lastModifiedDateTime ?? null,
    lastRun: run
      ? {
          at: run.lastRunDateTime ?? null,
          status: run.status ?? null,
          errorCode: run.errorCode ?? null,
          failureReason: run.failureReason ?? null,
        }
      : null,
  };
}

/** The current-shape body; `undefined` members are left out so a PATCH changes only what it names. */
export function detectionRuleBody(input: Partial<DetectionRuleInput>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (input.id !== undefined) body.id = input.id;
  if (input.displayName !== undefined) body.displayName = input.displayName;
  if (input.description !== undefined) body.description = input.description;
  if (input.status !== undefined) body.status = input.status;
  if (input.queryText !== undefined) body.queryCondition = { queryText: input.queryText };
  if (input.frequency !== undefined) body.schedule = { frequency: input.frequency };
  const action: Record<string, unknown> = {};
  if (input.alertTemplate !== undefined) action.alertTemplate = input.alertTemplate;
  if (input.automatedActions !== undefined) action.automatedActions = input.automatedActions;
  if (input.organizationalScope !== undefined) action.organizationalScope = input.organizationalScope;
  if (input.isExcludedFromIncidentCorrelation !== undefined)
    action.incidentConfiguration = { isExcludedFromIncidentCorrelation: input.isExcludedFromIncidentCorrelation };
  if (Object.keys(action).length) body.detectionAction = action;
  return body;
}

const path = (id: string) => `${BASE}/${encodeURIComponent(id)}`;
const STATS_PATH = `${BASE}/{id}`;

export async function* detectionRulePages(
  client: GraphClient,
  opts: { maxPages?: number } = {},
): AsyncGenerator<Page<DetectionRule>> {
  for await (const page of client.pages({
    version: "beta",
    path: BASE,
    itemSchema: DetectionRuleRecord,
    pageSize: DETECTION_RULES_PAGE,
    maxPages: opts.maxPages,
  }))
    yield { items: page.items.map(toDetectionRule), skipped: page.skipped };
}

/** Every rule (a single $select'ed page is known to come back incomplete, so the list is always paged). */
export async function listDetectionRules(client: GraphClient): Promise<DetectionRule[]> {
  const out: DetectionRule[] = [];
  for await (const page of detectionRulePages(client)) out.push(...page.items);
  return out;
}

/** The rule, or null when Graph has none with this id. */
export async function getDetectionRule(client: GraphClient, id: string): Promise<DetectionRule | null> {
  try {
    const r = await client.request({
      version: "beta",
      method: "GET",
      path: path(id),
      statsPath: STATS_PATH,
      schema: DetectionRuleRecord,
    });
    return toDetectionRule(r);
  } catch (err) {
    if (err instanceof ProviderError && err.status === 404) return null;
    throw err;
  }
}

/** Outcomes of a create that may have reached the service even though no success came back. */
function mayHaveWritten(err: unknown): boolean {
  return err instanceof ProviderError && (err.status === 0 || err.status >= 500 || err.status === 409);
}

function isSameRule(found: DetectionRule, input: DetectionRuleInput): boolean {
  return found.displayName === input.displayName && found.queryText === input.queryText;
}

/**
 * Creates the rule, sent once. A 400 (for example a query missing a required column such as ReportId) is thrown
 * as Graph worded it. After an answer that may hide a write, the rule is read back by id: when it is the one sent,
 * it is returned; otherwise the original error is thrown.
 */
export async function createDetectionRule(client: GraphClient, input: DetectionRuleInput): Promise<DetectionRule> {
  try {
    const r = await client.request({
      version: "beta",
      method: "POST",
      path: BASE,
      body: detectionRuleBody(input),
      schema: DetectionRuleRecord,
      idempotent: false,
    });
    return toDetectionRule(r);
  } catch (err) {
    if (!mayHaveWritten(err)) throw err;
    const found = await getDetectionRule(client, input.id).catch(() => null);
    if (found && isSameRule(found, input)) return found;
    throw err;
  }
}

/** Changes the named members (PATCH answers 200 with the whole rule). Repeating the same PATCH is harmless. */
export async function updateDetectionRule(
  client: GraphClient,
  id: string,
  changes: Partial<Omit<DetectionRuleInput, "id">>,
): Promise<DetectionRule> {
  const r = await client.request({
    version: "beta",
    method: "PATCH",
    path: path(id),
    statsPath: STATS_PATH,
    body: detectionRuleBody(changes),
    schema: DetectionRuleRecord,
    idempotent: true,
  });
  return toDetectionRule(r);
}

/** Deletes the rule; false when Graph had none with this id (also after a retried delete that had succeeded). */
export async function deleteDetectionRule(client: GraphClient, id: string): Promise<boolean> {
  try {
    await client.request({
      version: "beta",
      method: "DELETE",
      path: path(id),
      statsPath: STATS_PATH,
      schema: z.unknown(),
      idempotent: true,
    });
    return true;
  } catch (err) {
    if (err instanceof ProviderError && err.status === 404) return false;
    throw err;
  }
}
