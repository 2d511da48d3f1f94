// The detectionRule as Graph returns it. Beta carries the current members and, until clients stop reading them, the
// deprecated ones derived from the same rule (isEnabled, schedule.period/nextRunDateTime, category, mitreTechniques,
// impactedAssets, responseActions, lastRunDetails, detectorId); v1.0 carries the current members only ("Runtime
// execution details aren't exposed in the v1.0 API").
import { isoTime } from "../clock";
import { impactedAssetsFromMappings } from "./entity-mappings";
import { frequencyEntry, type DetectionRule } from "./rule";

export type GraphVersion = "beta" | "v1.0";

export function detectionRuleJson(rule: DetectionRule, version: GraphVersion): Record<string, unknown> {
  const legacy = version === "beta";
  const freq = frequencyEntry(rule.frequencyMs);
  const t = rule.action.alertTemplate;
  const alertTemplate: Record<string, unknown> = {
    title: t.title,
    description: t.description,
    severity: t.severity,
    recommendedActions: t.recommendedActions,
    entityMappings: t.entityMappings,
    tactics: t.tactics,
    customDetails: t.customDetails,
  };
  if (legacy) {
    alertTemplate.category = t.legacyCategory ?? t.tactics[0]?.tactic ?? null;
    alertTemplate.mitreTechniques = t.tactics.flatMap((x) =>
      x.techniques.flatMap((y) => [y.technique, ...(y.subTechniques ?? [])]),
    );
    alertTemplate.impactedAssets = t.legacyImpactedAssets ?? impactedAssetsFromMappings(t.entityMappings);
  }
  const detectionAction: Record<string, unknown> = {
    alertTemplate,
    organizationalScope: rule.action.organizationalScope,
    automatedActions: rule.action.automatedActions,
    incidentConfiguration: { isExcludedFromIncidentCorrelation: rule.action.isExcludedFromIncidentCorrelation },
  };
  if (legacy) detectionAction.responseActions = rule.action.responseActions;
  const out: Record<string, unknown> = {
    "@odata.type": "#microsoft.graph.security.detectionRule",
    id: rule.id,
    displayName: rule.displayName,
    description: rule.description,
    status: rule.status,
    createdBy: rule.createdBy,
    createdDateTime: isoTime(rule.createdMs),
    lastModifiedBy: rule.lastModifiedBy,
    lastModifiedDateTime: isoTime(rule.lastModifiedMs),
    queryCondition: legacy
      ? { queryText: rule.queryText, lastModifiedDateTime: isoTime(rule.queryModifiedMs) }
      : { queryText: rule.queryText },
    schedule: legacy
      ? { frequency: freq.frequency, period: freq.period, nextRunDateTime: isoTime(rule.nextRunMs) }
      : { frequency: freq.frequency },
    detectionAction,
  };
  if (legacy) {
    out.isEnabled = rule.status === "enabled";
    out.detectorId = rule.detectorId;
    out.lastRunDetails = {
      lastRunDateTime: rule.lastRun.lastRunMs === null ? null : isoTime(rule.lastRun.lastRunMs),
      status: rule.lastRun.status,
      failureReason: rule.lastRun.failureReason,
      errorCode: rule.lastRun.errorCode,
    };
  }
  return out;
}
