import { z } from "zod";
import type { PrismaClient } from "../db";
import { DEFAULT_PRIORITY_RULES, DEFAULT_SLA_MINUTES, PriorityRule, SlaMinutes } from "./priority";

// Priority rules and SLA clocks live in the Setting table (edited by Admins, issue #6); defaults until then.

export const SETTING_KEYS = { priorityRules: "alerts.priorityRules", slaMinutes: "alerts.slaMinutes" } as const;

export async function getTriageSettings(db: PrismaClient): Promise<{ rules: PriorityRule[]; sla: SlaMinutes }> {
  const rows = await db.setting.findMany({ where: { key: { in: Object.values(SETTING_KEYS) } } });
  const value = (key: string) => rows.find((r) => r.key === key)?.value;
  const rules = z.array(PriorityRule).safeParse(value(SETTING_KEYS.priorityRules));
  const sla = SlaMinutes.safeParse(value(SETTING_KEYS.slaMinutes));
  return { rules: rules.success ? rules.data : DEFAULT_PRIORITY_RULES, sla: sla.success ? sla.data : DEFAULT_SLA_MINUTES };
}
