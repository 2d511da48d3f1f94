import { z } from "zod";
import { ENTITY_MAPPINGS, RULE_CATEGORIES, RULE_PERIODS, RULE_SEVERITIES } from "./vocabulary";

// Client-safe: the rule form's input (zod) and the detection rules page's DTOs. Browser code takes values from
// ./vocabulary.

export * from "./vocabulary";

const column = z
  .string()
  .trim()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, "a result column name");

/** collection → one mapping of column properties; only the properties the form offers. */
const EntityMappingsInput = z
  .object(
    Object.fromEntries(
      ENTITY_MAPPINGS.map((m) => [
        m.collection,
        z
          .object(Object.fromEntries(m.fields.map(([f]) => [f, column.optional()])))
          .strict()
          .optional(),
      ]),
    ),
  )
  .strict()
  .default({});

const technique = z.string().regex(/^T\d{4}(\.\d{3})?$/, "a MITRE technique id like T1059 or T1003.001");

/** The alert the rule raises. */
const AlertFields = {
  title: z.string().trim().min(1, "give the alert a title").max(256),
  alertDescription: z.string().trim().max(2_000).default(""),
  severity: z.enum(RULE_SEVERITIES),
  category: z.enum(RULE_CATEGORIES),
  techniques: z.array(technique).max(20).default([]),
  recommendedActions: z.string().trim().max(2_000).default(""),
  entityMappings: EntityMappingsInput,
};

export const DetectionRuleCreate = z
  .object({
    savedQueryId: z.string().regex(/^[\w-]{1,64}$/, "not a saved query id"),
    displayName: z.string().trim().min(1, "give the rule a name").max(256),
    description: z.string().trim().max(2_000).default(""),
    period: z.enum(RULE_PERIODS),
    enabled: z.boolean().default(false),
    ...AlertFields,
  })
  .strict();
export type DetectionRuleCreate = z.infer<typeof DetectionRuleCreate>;

export const DetectionRulePatch = z
  .object({
    displayName: z.string().trim().min(1).max(256).optional(),
    description: z.string().trim().max(2_000).optional(),
    period: z.enum(RULE_PERIODS).optional(),
    enabled: z.boolean().optional(),
    title: AlertFields.title.optional(),
    alertDescription: z.string().trim().max(2_000).optional(),
    severity: AlertFields.severity.optional(),
    category: AlertFields.category.optional(),
    techniques: z.array(technique).max(20).optional(),
    recommendedActions: z.string().trim().max(2_000).optional(),
    entityMappings: EntityMappingsInput.optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, "change at least one field");
export type DetectionRulePatch = z.infer<typeof DetectionRulePatch>;

/** A dry run: the saved query and the alert fields the rows would be turned into (over a first run's 30 days). */
export const DetectionDryRun = z
  .object({
    savedQueryId: z.string().regex(/^[\w-]{1,64}$/, "not a saved query id"),
    title: AlertFields.title,
    severity: AlertFields.severity,
    entityMappings: EntityMappingsInput,
  })
  .strict();
export type DetectionDryRun = z.infer<typeof DetectionDryRun>;

export const DetectionRuleRef = z.object({ id: z.string().regex(/^[\w.-]{1,128}$/, "not a detection rule id") });

export type EntityMappingsInput = z.infer<typeof EntityMappingsInput>;

export interface DetectionRuleRow {
  id: string;
  displayName: string;
  description: string | null;
  status: string;
  frequency: string | null;
  severity: string | null;
  title: string;
  category: string | null;
  techniques: string[];
  queryText: string;
  entityMappings: Record<string, Record<string, unknown>[]>;
  detectorId: string | null;
  savedQueryId: string | null;
  lastRun: { at: string | null; status: string | null; error: string | null };
  alerts: { count: number; open: number; last: string | null };
  lastModifiedAt: string | null;
  syncedAt: string;
}

export interface DryRunAlert {
  title: string;
  severity: string;
  timestamp: string | null;
  entities: { type: string; value: string }[];
}

export interface DryRunResult {
  rows: number;
  alerts: DryRunAlert[];
  /** More rows than one run raises alerts for. */
  capped: boolean;
  timespan: string;
}
