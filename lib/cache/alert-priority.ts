import { z } from "zod";
import type { PrismaClient } from "../generated/prisma/client";
import { PRIORITIES, type Priority } from "./priorities";

// Defender's severities stop at High; the SOC works in five priorities (seed guide). A priority is the alert's
// severity, raised to Critical when a rule matches. Rules and SLA clocks are settings an Admin may edit.

export { PRIORITIES, type Priority } from "./priorities";

export const PriorityRule = z.object({
  id: z.string().min(1).max(60),
  name: z.string().min(1).max(120),
  /** Every condition given must hold; within a list any value matches. */
  when: z.object({
    severities: z.array(z.string()).optional(),
    categories: z.array(z.string()).optional(),
    mitreTechniques: z.array(z.string().regex(/^T\d{4}(\.\d{3})?$/)).optional(),
    /** Case-insensitive substring of the title or threat name. */
    text: z.string().min(2).max(100).optional(),
  }),
  raiseTo: z.enum(PRIORITIES),
});
export type PriorityRule = z.infer<typeof PriorityRule>;

export const DEFAULT_PRIORITY_RULES: PriorityRule[] = [
  {
    id: "ransomware",
    name: "High-severity ransomware",
    when: { severities: ["High"], categories: ["Ransomware"] },
    raiseTo: "Critical",
  },
  {
    id: "credential-access",
    name: "High-severity credential access",
    when: { severities: ["High"], categories: ["CredentialAccess"] },
    raiseTo: "Critical",
  },
  { id: "lsass", name: "LSASS access", when: { text: "lsass" }, raiseTo: "Critical" },
  { id: "t1003", name: "OS credential dumping (T1003)", when: { mitreTechniques: ["T1003"] }, raiseTo: "Critical" },
  { id: "t1486", name: "Data encrypted for impact (T1486)", when: { mitreTechniques: ["T1486"] }, raiseTo: "Critical" },
];

/** Minutes to act per priority; null = no clock. Defaults from the issue: 15 min, 1 h, 8 h, 3 days. */
export const SlaMinutes = z.object({
  Critical: z.number().int().positive().nullable(),
  High: z.number().int().positive().nullable(),
  Medium: z.number().int().positive().nullable(),
  Low: z.number().int().positive().nullable(),
  Informational: z.number().int().positive().nullable(),
});
export type SlaMinutes = z.infer<typeof SlaMinutes>;
export const DEFAULT_SLA_MINUTES: SlaMinutes = {
  Critical: 15,
  High: 60,
  Medium: 8 * 60,
  Low: 3 * 24 * 60,
  Informational: null,
};

const SEVERITY_PRIORITY: Record<string, Priority> = {
  High: "High",
  Medium: "Medium",
  Low: "Low",
  Informational: "Informational",
  // Defender sends UnSpecified for some detectors; it still needs a look, so it is not dropped into bulk review.
  UnSpecified: "Low",
};

export interface PriorityInput {
  severity: string;
  category: string;
  title: string;
  threatName: string | null;
  mitreTechniques: readonly string[];
}

function ruleMatches(rule: PriorityRule, alert: PriorityInput): boolean {
  const w = rule.when;
  if (w.severities && !w.severities.some((s) => s.toLowerCase() === alert.severity.toLowerCase())) return false;
  if (w.categories && !w.categories.some((c) => c.toLowerCase() === alert.category.toLowerCase())) return false;
  // T1003 also matches its sub-techniques (T1003.001 LSASS memory, …).
  if (
    w.mitreTechniques &&
    !w.mitreTechniques.some((t) => alert.mitreTechniques.some((m) => m === t || m.startsWith(`${t}.`)))
  )
    return false;
  if (w.text) {
    const needle = w.text.toLowerCase();
    if (!alert.title.toLowerCase().includes(needle) && !(alert.threatName ?? "").toLowerCase().includes(needle))
      return false;
  }
  return true;
}

const RANK: Record<Priority, number> = { Critical: 0, High: 1, Medium: 2, Low: 3, Informational: 4 };

/** The alert's priority and the rule that raised it (the highest raise wins; ties go to the first rule). */
export function derivePriority(
  alert: PriorityInput,
  rules: readonly PriorityRule[],
): { priority: Priority; rule: string | null } {
  let priority = SEVERITY_PRIORITY[alert.severity] ?? "Low";
  let rule: string | null = null;
  for (const r of rules) {
    if (RANK[r.raiseTo] < RANK[priority] && ruleMatches(r, alert)) {
      priority = r.raiseTo;
      rule = r.name;
    }
  }
  return { priority, rule };
}

export function slaDueAt(created: Date, priority: Priority, sla: SlaMinutes): Date | null {
  const minutes = sla[priority];
  return minutes === null ? null : new Date(created.getTime() + minutes * 60_000);
}

// The rules and clocks live in the Setting table, edited by Admins (lib/alerts/settings.ts); defaults until then.
// The sync reads them to derive each alert it writes.

export const SETTING_KEYS = { priorityRules: "alerts.priorityRules", slaMinutes: "alerts.slaMinutes" } as const;

export interface TriageSettings {
  rules: PriorityRule[];
  sla: SlaMinutes;
}

export async function getTriageSettings(database: PrismaClient): Promise<TriageSettings> {
  const rows = await database.setting.findMany({ where: { key: { in: Object.values(SETTING_KEYS) } } });
  const value = (key: string) => rows.find((r) => r.key === key)?.value;
  const rules = z.array(PriorityRule).safeParse(value(SETTING_KEYS.priorityRules));
  const sla = SlaMinutes.safeParse(value(SETTING_KEYS.slaMinutes));
  return {
    rules: rules.success ? rules.data : DEFAULT_PRIORITY_RULES,
    sla: sla.success ? sla.data : DEFAULT_SLA_MINUTES,
  };
}
