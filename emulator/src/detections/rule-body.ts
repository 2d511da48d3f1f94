// Reading a create (POST) or update (PATCH) body of a detectionRule, in the current shape ("Create detectionRule",
// 05/2026: id, displayName, status, queryCondition, schedule.frequency, alertTemplate.entityMappings/tactics) or the
// deprecated one (isEnabled, schedule.period, category, mitreTechniques, impactedAssets, responseActions), into one
// stored form. Validation is hand-written; messages name the property or result column at fault.
import { checkDetectionQuery } from "./query-check";
import { LEGACY_ASSET_IDENTIFIERS, MAPPING_COLUMNS, mappingsFromImpactedAssets } from "./entity-mappings";
import {
  FREQUENCIES,
  parseDuration,
  type AlertTemplateSpec,
  type DetectionActionSpec,
  type EntityMappings,
  type MitreTactic,
  type RuleStatus,
  type Severity,
} from "./rule";

/** A body the service refuses: 400 (InvalidInput, as clients observe) or 409 (a name already taken). */
export class RuleInputError extends Error {
  constructor(
    readonly status: 400 | 409,
    message: string,
  ) {
    super(message);
  }
}

export interface RuleInput {
  id: string | null;
  displayName: string;
  description: string | null;
  status: RuleStatus;
  queryText: string;
  frequencyMs: number;
  action: DetectionActionSpec;
  /** True when the body used the deprecated shape without an id: the service assigns one. */
  legacy: boolean;
  /** The table the query starts from: its family decides which columns identify an event. */
  sourceTable: string;
}

type Json = Record<string, unknown>;

const TOP_LEVEL = [
  "@odata.type",
  "id",
  "displayName",
  "description",
  "status",
  "isEnabled",
  "queryCondition",
  "schedule",
  "detectionAction",
];
/** "Some metadata fields are unnecessary and are ignored, such as 'createdBy' and 'lastModifiedDateTime'." */
const READ_ONLY = [
  "createdBy",
  "createdDateTime",
  "lastModifiedBy",
  "lastModifiedDateTime",
  "lastRunDetails",
  "detectorId",
];
const SEVERITIES: Severity[] = ["informational", "low", "medium", "high"];
const TECHNIQUE = /^T\d{4}(\.\d{3})?$/;
const AUTOMATED_ACTIONS: Record<string, readonly string[]> = {
  isolateDevices: ["deviceIdColumn", "isolationType"],
  collectInvestigationPackages: ["deviceIdColumn"],
  initiateInvestigations: ["deviceIdColumn"],
  restrictAppExecutions: ["deviceIdColumn"],
  runAntivirusScans: ["deviceIdColumn"],
  allowFiles: ["sha1Column", "sha256Column", "deviceGroupNames"],
  blockFiles: ["sha1Column", "sha256Column", "deviceGroupNames"],
  stopAndQuarantineFiles: ["deviceIdColumn", "sha1Column"],
  disableUsers: ["accountSidColumn"],
  forceUserPasswordResets: ["accountSidColumn"],
  markUsersAsCompromised: ["accountObjectIdColumn"],
  hardDeleteEmails: ["networkMessageIdColumn", "recipientColumn"],
  softDeleteEmails: ["networkMessageIdColumn", "recipientColumn"],
  moveEmailsToDeletedItems: ["networkMessageIdColumn", "recipientColumn"],
  moveEmailsToInbox: ["networkMessageIdColumn", "recipientColumn"],
  moveEmailsToJunk: ["networkMessageIdColumn", "recipientColumn"],
};

const bad = (message: string) => new RuleInputError(400, message);
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function text(v: unknown, name: string, required: boolean): string | null {
  if (v === undefined || v === null) {
    if (required) throw bad(`The '${name}' property is required.`);
    return null;
  }
  if (typeof v !== "string") throw bad(`The '${name}' property must be a string.`);
  if (required && !v.trim()) throw bad(`The '${name}' property must not be empty.`);
  return v;
}

function object(v: unknown, name: string): Json {
  if (!isObject(v)) throw bad(`The '${name}' property must be an object.`);
  return v;
}

function onlyKeys(o: Json, allowed: readonly string[], type: string): void {
  for (const k of Object.keys(o))
    if (!allowed.includes(k) && k !== "@odata.type")
      throw bad(`Property '${k}' does not exist on type 'microsoft.graph.security.${type}'.`);
}

function parseStatus(body: Json): RuleStatus | undefined {
  if (body.status !== undefined) {
    if (body.status === "autoDisabled")
      throw bad(
        "The status 'autoDisabled' is set by the service when a rule's query keeps failing; use 'enabled' or 'disabled'.",
      );
    if (body.status !== "enabled" && body.status !== "disabled")
      throw bad(`Invalid value '${String(body.status)}' for 'status'. Expected one of: enabled, disabled.`);
    return body.status;
  }
  if (body.isEnabled !== undefined) {
    if (typeof body.isEnabled !== "boolean") throw bad("The 'isEnabled' property must be a boolean.");
    return body.isEnabled ? "enabled" : "disabled";
  }
  return undefined;
}

function parseSchedule(v: unknown): number {
  const s = object(v, "schedule");
  onlyKeys(s, ["frequency", "period", "nextRunDateTime"], "ruleSchedule");
  const allowed = FREQUENCIES.map((f) => f.frequency).join(", ");
  if (s.frequency !== undefined && s.frequency !== null) {
    const ms = typeof s.frequency === "string" ? parseDuration(s.frequency) : null;
    const entry = FREQUENCIES.find((f) => f.ms === ms);
    if (!entry)
      throw bad(
        `Invalid schedule frequency '${String(s.frequency)}'. Supported frequencies: ${allowed} (PT0S runs continuously; PT24H is accepted for P1D).`,
      );
    return entry.ms;
  }
  if (s.period !== undefined && s.period !== null) {
    const entry = FREQUENCIES.find((f) => f.period === s.period);
    if (!entry)
      throw bad(
        `Invalid schedule period '${String(s.period)}'. The allowed values are: 0, 1H, 3H, 12H, or 24H (0 runs the rule continuously).`,
      );
    return entry.ms;
  }
  throw bad("The 'schedule.frequency' property is required.");
}

function parseMappings(v: unknown): EntityMappings {
  const o = object(v, "entityMappings");
  const out: EntityMappings = {};
  for (const [collection, list] of Object.entries(o)) {
    if (collection === "@odata.type") continue;
    const props = MAPPING_COLUMNS[collection];
    if (!props)
      throw bad(
        `Property '${collection}' does not exist on type 'microsoft.graph.security.entityMappingConfiguration'.`,
      );
    if (list === null) continue;
    if (!Array.isArray(list)) throw bad(`The 'entityMappings.${collection}' property must be an array.`);
    out[collection] = list.map((m, i) => {
      const mapping = object(m, `entityMappings.${collection}[${i}]`);
      const clean: Record<string, string> = {};
      for (const [k, col] of Object.entries(mapping)) {
        if (k === "@odata.type" || col === null) continue;
        if (!props.includes(k))
          throw bad(
            `Property '${k}' does not exist on the '${collection}' entity mapping. Expected one of: ${props.join(", ")}.`,
          );
        if (typeof col !== "string" || !col)
          throw bad(`'entityMappings.${collection}[${i}].${k}' must name a result column.`);
        clean[k] = col;
      }
      return clean;
    });
  }
  return out;
}

function parseTactics(v: unknown): MitreTactic[] {
  if (!Array.isArray(v)) throw bad("The 'tactics' property must be an array.");
  return v.map((t, i) => {
    const o = object(t, `tactics[${i}]`);
    const tactic = text(o.tactic, `tactics[${i}].tactic`, true)!;
    const techniques = o.techniques === undefined || o.techniques === null ? [] : o.techniques;
    if (!Array.isArray(techniques)) throw bad(`The 'tactics[${i}].techniques' property must be an array.`);
    return {
      tactic,
      techniques: techniques.map((x, j) => {
        const tech = object(x, `tactics[${i}].techniques[${j}]`);
        const id = text(tech.technique, `tactics[${i}].techniques[${j}].technique`, true)!;
        if (!TECHNIQUE.test(id)) throw bad(`Invalid MITRE technique '${id}': expected T1234 or T1234.001.`);
        const subs = tech.subTechniques ?? [];
        if (!Array.isArray(subs) || !subs.every((s) => typeof s === "string" && TECHNIQUE.test(s)))
          throw bad(`Invalid 'subTechniques' for ${id}: expected identifiers such as T1059.001.`);
        return subs.length ? { technique: id, subTechniques: subs as string[] } : { technique: id };
      }),
    };
  });
}

function parseImpactedAssets(v: unknown): { type: string; identifier: string; raw: Json }[] {
  if (!Array.isArray(v) || v.length === 0)
    throw bad("The field ImpactedAssets must be a string or array type with a minimum length of '1'.");
  return v.map((a, i) => {
    const o = object(a, `impactedAssets[${i}]`);
    const type = String(o["@odata.type"] ?? "").replace("#microsoft.graph.security.", "");
    const ids = LEGACY_ASSET_IDENTIFIERS[type];
    if (!ids)
      throw bad(
        `Invalid '@odata.type' for impactedAssets[${i}]: expected impactedDeviceAsset, impactedUserAsset or impactedMailboxAsset.`,
      );
    if (typeof o.identifier !== "string" || !ids.includes(o.identifier))
      throw bad(`Invalid identifier '${String(o.identifier)}' for ${type}. Expected one of: ${ids.join(", ")}.`);
    return { type, identifier: o.identifier, raw: o };
  });
}

function parseAlertTemplate(v: unknown, base: AlertTemplateSpec): AlertTemplateSpec {
  const o = object(v, "alertTemplate");
  onlyKeys(
    o,
    [
      "title",
      "description",
      "severity",
      "recommendedActions",
      "entityMappings",
      "tactics",
      "customDetails",
      "category",
      "mitreTechniques",
      "impactedAssets",
    ],
    "alertTemplate",
  );
  const out: AlertTemplateSpec = { ...base };
  if (o.title !== undefined) out.title = text(o.title, "alertTemplate.title", true)!;
  if (o.description !== undefined) out.description = text(o.description, "alertTemplate.description", false);
  if (o.recommendedActions !== undefined)
    out.recommendedActions = text(o.recommendedActions, "alertTemplate.recommendedActions", false);
  if (o.severity !== undefined) {
    if (!SEVERITIES.includes(o.severity as Severity))
      throw bad(
        `Invalid value '${String(o.severity)}' for 'alertTemplate.severity'. Expected one of: ${SEVERITIES.join(", ")}.`,
      );
    out.severity = o.severity as Severity;
  }
  if (o.entityMappings !== undefined)
    out.entityMappings = o.entityMappings === null ? {} : parseMappings(o.entityMappings);
  if (o.impactedAssets !== undefined) {
    // "Provide 'null' to delete the existing impacted assets" (legacy Update page).
    if (o.impactedAssets === null) {
      out.legacyImpactedAssets = null;
      out.entityMappings = {};
    } else {
      const assets = parseImpactedAssets(o.impactedAssets);
      out.legacyImpactedAssets = assets.map((a) => a.raw);
      if (o.entityMappings === undefined) out.entityMappings = mappingsFromImpactedAssets(assets);
    }
  }
  if (o.tactics !== undefined) {
    out.tactics = o.tactics === null ? [] : parseTactics(o.tactics);
    out.legacyCategory = null;
  } else if (o.category !== undefined || o.mitreTechniques !== undefined) {
    const category =
      o.category === undefined
        ? (base.legacyCategory ?? base.tactics[0]?.tactic ?? null)
        : text(o.category, "alertTemplate.category", false);
    const techniques =
      o.mitreTechniques === undefined
        ? base.tactics.flatMap((t) => t.techniques.map((x) => x.technique))
        : (o.mitreTechniques ?? []);
    if (!Array.isArray(techniques) || !techniques.every((t) => typeof t === "string" && TECHNIQUE.test(t)))
      throw bad("Invalid 'mitreTechniques': expected identifiers such as T1059 or T1059.001.");
    out.legacyCategory = category;
    out.tactics = category
      ? [{ tactic: category, techniques: (techniques as string[]).map((technique) => ({ technique })) }]
      : [];
  }
  if (o.customDetails !== undefined) {
    if (o.customDetails === null) out.customDetails = null;
    else {
      const details = object(o.customDetails, "customDetails");
      const entries = Object.entries(details).filter(([k]) => k !== "@odata.type");
      if (entries.length > 20) throw bad("A rule can have at most 20 custom details.");
      for (const [k, col] of entries)
        if (typeof col !== "string" || !col) throw bad(`Custom detail '${k}' must name a result column.`);
      out.customDetails = Object.fromEntries(entries) as Record<string, string>;
    }
  }
  return out;
}

function parseAutomatedActions(v: unknown): Record<string, Record<string, unknown>[]> | null {
  if (v === null) return null;
  const o = object(v, "automatedActions");
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const [name, list] of Object.entries(o)) {
    if (name === "@odata.type") continue;
    const props = AUTOMATED_ACTIONS[name];
    if (!props) throw bad(`Property '${name}' does not exist on type 'microsoft.graph.security.automatedActionSet'.`);
    if (list === null) continue;
    if (!Array.isArray(list)) throw bad(`The 'automatedActions.${name}' property must be an array.`);
    out[name] = list.map((a, i) => {
      const action = object(a, `automatedActions.${name}[${i}]`);
      onlyKeys(action, props, name);
      if (name === "isolateDevices" && !["full", "selective"].includes(String(action.isolationType)))
        throw bad(`'automatedActions.isolateDevices[${i}].isolationType' must be full or selective.`);
      return action;
    });
  }
  return out;
}

function parseDetectionAction(v: unknown, base: DetectionActionSpec, groups: readonly string[]): DetectionActionSpec {
  const o = object(v, "detectionAction");
  onlyKeys(
    o,
    ["alertTemplate", "automatedActions", "organizationalScope", "incidentConfiguration", "responseActions"],
    "detectionAction",
  );
  const out: DetectionActionSpec = { ...base };
  if (o.alertTemplate !== undefined) out.alertTemplate = parseAlertTemplate(o.alertTemplate, base.alertTemplate);
  if (o.automatedActions !== undefined) out.automatedActions = parseAutomatedActions(o.automatedActions);
  if (o.responseActions !== undefined) {
    if (!Array.isArray(o.responseActions))
      throw bad("The 'responseActions' property must be an array (send [] for none).");
    out.responseActions = o.responseActions.map((a, i) => object(a, `responseActions[${i}]`));
  }
  if (o.organizationalScope !== undefined) {
    if (o.organizationalScope === null) out.organizationalScope = null;
    else {
      const scope = object(o.organizationalScope, "organizationalScope");
      if (scope.scopeType !== "deviceGroup") throw bad("'organizationalScope.scopeType' must be deviceGroup.");
      const names = scope.scopeNames;
      if (!Array.isArray(names) || !names.every((n) => typeof n === "string"))
        throw bad("'organizationalScope.scopeNames' must be an array of device group names.");
      const unknown = (names as string[]).filter((n) => !groups.includes(n));
      if (unknown.length) throw bad(`Unknown device group${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}.`);
      out.organizationalScope = { scopeType: "deviceGroup", scopeNames: names as string[] };
    }
  }
  if (o.incidentConfiguration !== undefined && o.incidentConfiguration !== null) {
    const ic = object(o.incidentConfiguration, "incidentConfiguration");
    // "On update, null or omission leaves the existing value unchanged."
    if (ic.isExcludedFromIncidentCorrelation !== undefined && ic.isExcludedFromIncidentCorrelation !== null) {
      if (typeof ic.isExcludedFromIncidentCorrelation !== "boolean")
        throw bad("'incidentConfiguration.isExcludedFromIncidentCorrelation' must be a boolean.");
      out.isExcludedFromIncidentCorrelation = ic.isExcludedFromIncidentCorrelation;
    }
  }
  return out;
}

function defaultAction(displayName: string): DetectionActionSpec {
  return {
    alertTemplate: {
      title: displayName,
      description: null,
      severity: "medium",
      recommendedActions: null,
      entityMappings: {},
      tactics: [],
      customDetails: null,
      legacyImpactedAssets: null,
      legacyCategory: null,
    },
    automatedActions: null,
    responseActions: [],
    organizationalScope: null,
    isExcludedFromIncidentCorrelation: false,
  };
}

/** Reads a body onto `base` (PATCH) or from scratch (POST), then checks the result against its query. */
export function readRuleInput(body: Json, base: RuleInput | null, groups: readonly string[]): RuleInput {
  onlyKeys(body, [...TOP_LEVEL, ...READ_ONLY], "detectionRule");
  const creating = base === null;
  const legacyShape =
    body.isEnabled !== undefined ||
    (isObject(body.schedule) && body.schedule.period !== undefined && body.schedule.frequency === undefined);
  let id: string | null = base?.id ?? null;
  if (body.id !== undefined) {
    const given = text(body.id, "id", true)!;
    if (!creating && given !== base!.id) throw bad("The 'id' of a rule cannot be changed.");
    if (/[/\\?#]/.test(given)) throw bad("The 'id' must not contain '/', '\\', '?' or '#'.");
    id = given;
  } else if (creating && !legacyShape) {
    throw bad("The 'id' property is required: the client provides the rule's unique identifier.");
  }
  const displayName =
    body.displayName !== undefined || creating ? text(body.displayName, "displayName", true)! : base!.displayName;
  const description =
    body.description !== undefined ? text(body.description, "description", false) : (base?.description ?? null);
  const status = parseStatus(body) ?? base?.status;
  if (!status) throw bad("The 'status' property is required.");
  let queryText = base?.queryText ?? "";
  if (body.queryCondition !== undefined || creating) {
    const qc = object(body.queryCondition, "queryCondition");
    onlyKeys(qc, ["queryText", "lastModifiedDateTime"], "queryCondition");
    queryText = text(qc.queryText, "queryCondition.queryText", true)!;
  }
  const frequencyMs = body.schedule !== undefined || creating ? parseSchedule(body.schedule) : base!.frequencyMs;
  let action = base?.action ?? defaultAction(displayName);
  if (body.detectionAction !== undefined) action = parseDetectionAction(body.detectionAction, action, groups);
  const input = {
    id,
    displayName,
    description,
    status,
    queryText,
    frequencyMs,
    action,
    legacy: creating && id === null,
  };
  return { ...input, sourceTable: checkAgainstQuery(input) };
}

function placeholders(template: string | null): string[] {
  return [...(template ?? "").matchAll(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g)].map((m) => m[1]!);
}

/** Everything that names a result column must name one the query returns; gives the query's source table. */
function checkAgainstQuery(input: Omit<RuleInput, "sourceTable">): string {
  const check = checkDetectionQuery(input.queryText, input.frequencyMs === 0);
  if (!check.ok) throw bad(check.message);
  const columns = new Set(check.query.columns);
  const need = (column: string, where: string) => {
    if (!columns.has(column))
      throw bad(`${where} refers to column '${column}', which the query results do not include.`);
  };
  const t = input.action.alertTemplate;
  for (const [collection, list] of Object.entries(t.entityMappings))
    list.forEach((m, i) => {
      for (const [prop, col] of Object.entries(m)) need(col, `entityMappings.${collection}[${i}].${prop}`);
    });
  for (const [k, col] of Object.entries(t.customDetails ?? {})) need(col, `Custom detail '${k}'`);
  for (const field of ["title", "description"] as const) {
    const names = placeholders(t[field]);
    if (new Set(names).size > 3) throw bad(`Dynamic properties in alert ${field} must not exceed 3 fields.`);
    for (const n of names) need(n, `The alert ${field}`);
  }
  for (const [name, list] of Object.entries(input.action.automatedActions ?? {}))
    list.forEach((a, i) => {
      for (const [prop, col] of Object.entries(a))
        if (prop.endsWith("Column") && typeof col === "string") need(col, `automatedActions.${name}[${i}].${prop}`);
    });
  return check.query.tables[0]!;
}
