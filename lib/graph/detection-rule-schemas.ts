import { z } from "zod";
import { IsoDateTime } from "../microsoft/schemas";

// Custom detection rules as Graph returns them (learn.microsoft.com/graph/api/resources/security-detectionrule,
// beta). The current members come first; the deprecated ones ("will be removed from this resource on 2026-10-01":
// isEnabled, schedule.period, lastRunDetails, detectorId, alertTemplate.category/mitreTechniques/impactedAssets) are
// read only as fallbacks, so a rule reads the same before and after their removal. Enums are open strings: Graph
// adds members after unknownFutureValue.

const optText = z.string().nullish();

const MitreTechnique = z.looseObject({ technique: z.string(), subTechniques: z.array(z.string()).nullish() });
const MitreTactic = z.looseObject({ tactic: z.string(), techniques: z.array(MitreTechnique).nullish() });
/** Collection → mappings whose `…Column` properties name result columns ("entityMappingConfiguration"). */
const EntityMappings = z.record(z.string(), z.array(z.record(z.string(), z.unknown())).nullish());

const AlertTemplateRead = z.looseObject({
  title: optText,
  description: optText,
  severity: optText,
  recommendedActions: optText,
  entityMappings: EntityMappings.nullish(),
  tactics: z.array(MitreTactic).nullish(),
  customDetails: z.record(z.string(), z.unknown()).nullish(),
  category: optText,
  mitreTechniques: z.array(z.string()).nullish(),
});

/** "runDetails resource type" (deprecated; beta only). */
const RunDetailsRead = z.looseObject({
  lastRunDateTime: IsoDateTime.nullish(),
  status: optText,
  failureReason: optText,
  errorCode: optText,
});

export const DetectionRuleRecord = z.looseObject({
  id: z.string().min(1),
  displayName: z.string(),
  description: optText,
  status: optText,
  isEnabled: z.boolean().nullish(),
  createdBy: optText,
  createdDateTime: IsoDateTime.nullish(),
  lastModifiedBy: optText,
  lastModifiedDateTime: IsoDateTime.nullish(),
  detectorId: optText,
  queryCondition: z.looseObject({ queryText: z.string() }),
  schedule: z.looseObject({ frequency: optText, period: optText, nextRunDateTime: IsoDateTime.nullish() }).nullish(),
  detectionAction: z
    .looseObject({
      alertTemplate: AlertTemplateRead.nullish(),
      automatedActions: z.record(z.string(), z.unknown()).nullish(),
      organizationalScope: z.looseObject({ scopeType: optText, scopeNames: z.array(z.string()).nullish() }).nullish(),
      incidentConfiguration: z.looseObject({ isExcludedFromIncidentCorrelation: z.boolean().nullish() }).nullish(),
    })
    .nullish(),
  lastRunDetails: RunDetailsRead.nullish(),
});
export type DetectionRuleRecord = z.infer<typeof DetectionRuleRecord>;

/** The body the console sends: the current shape only (learn.microsoft.com/graph/api/security-rulesroot-post-detectionrules). */
export interface DetectionRuleInput {
  /** Client-chosen, stable: a retried create finds the rule by it. */
  id: string;
  displayName: string;
  description?: string | null;
  status: "enabled" | "disabled";
  queryText: string;
  /** ISO 8601 duration: PT1H, PT3H, PT12H, P1D (daily), PT0S (continuous). */
  frequency: string;
  alertTemplate: {
    title: string;
    description?: string | null;
    severity: "informational" | "low" | "medium" | "high";
    recommendedActions?: string | null;
    entityMappings?: Record<string, Record<string, string>[]>;
    tactics?: { tactic: string; techniques?: { technique: string; subTechniques?: string[] }[] }[];
    customDetails?: Record<string, string> | null;
  };
  automatedActions?: Record<string, Record<string, unknown>[]> | null;
  organizationalScope?: { scopeType: "deviceGroup"; scopeNames: string[] } | null;
  isExcludedFromIncidentCorrelation?: boolean;
}
