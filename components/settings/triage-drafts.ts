import type { Priority, PriorityRule, SlaMinutes } from "@/lib/cache/alert-priority";

// Pure: the Settings form's editable shapes for priority rules and SLA clocks, and the API's shapes they become.

/** One rule as the form edits it: lists as comma-separated text, conditions left empty when not used. */
export interface RuleDraft {
  id: string;
  name: string;
  severities: string[];
  categories: string;
  techniques: string;
  text: string;
  raiseTo: Priority;
}

const list = (text: string) =>
  text
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);

/** Lists as the form shows them; anything else (JSON typed by hand) reads as no condition. */
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

export function toDraft(rule: PriorityRule): RuleDraft {
  return {
    id: rule.id,
    name: rule.name,
    severities: strings(rule.when.severities),
    categories: strings(rule.when.categories).join(", "),
    techniques: strings(rule.when.mitreTechniques).join(", "),
    text: typeof rule.when.text === "string" ? rule.when.text : "",
    raiseTo: rule.raiseTo,
  };
}

/** The rule the API takes: only the conditions given (an empty list or text is no condition). */
export function fromDraft(d: RuleDraft): PriorityRule {
  const categories = list(d.categories);
  const techniques = list(d.techniques).map((t) => t.toUpperCase());
  return {
    id: d.id,
    name: d.name.trim(),
    when: {
      ...(d.severities.length ? { severities: d.severities } : {}),
      ...(categories.length ? { categories } : {}),
      ...(techniques.length ? { mitreTechniques: techniques } : {}),
      ...(d.text.trim() ? { text: d.text.trim() } : {}),
    },
    raiseTo: d.raiseTo,
  };
}

/** A rule with no condition would raise every alert: the form refuses it before asking the server. */
export function draftProblem(d: RuleDraft, index: number): string | null {
  if (!d.name.trim()) return `Rule ${index + 1} needs a name.`;
  if (Object.keys(fromDraft(d).when).length === 0)
    return `Rule “${d.name.trim()}” has no condition: it would raise every alert. Give it at least one.`;
  return null;
}

/** A fresh rule id that no other rule uses (ids only need to be unique; the name is what people read). */
export function newRuleId(drafts: readonly RuleDraft[]): string {
  const taken = new Set(drafts.map((d) => d.id));
  let n = drafts.length + 1;
  while (taken.has(`rule-${n}`)) n++;
  return `rule-${n}`;
}

// ───────────── SLA clocks with units ─────────────

export const SLA_UNITS = { minutes: 1, hours: 60, days: 24 * 60 } as const;
export type SlaUnit = keyof typeof SLA_UNITS;
/** A clock as the form edits it: an amount in a unit, or empty for no clock. */
export interface ClockDraft {
  amount: string;
  unit: SlaUnit;
}

/** Minutes in the largest unit that divides them evenly: 4320 → 3 days, 90 → 90 minutes. */
export function toClockDraft(minutes: number | null): ClockDraft {
  if (minutes === null) return { amount: "", unit: "hours" };
  const unit: SlaUnit = minutes % SLA_UNITS.days === 0 ? "days" : minutes % SLA_UNITS.hours === 0 ? "hours" : "minutes";
  return { amount: String(minutes / SLA_UNITS[unit]), unit };
}

/** Whole minutes as stored, or null for no clock; NaN when the amount is not a positive number. */
export function clockMinutes(c: ClockDraft): number | null {
  if (!c.amount.trim()) return null;
  const amount = Number(c.amount);
  return amount > 0 ? Math.round(amount * SLA_UNITS[c.unit]) : NaN;
}

export function slaFromDrafts(drafts: Record<Priority, ClockDraft>): SlaMinutes {
  return Object.fromEntries(Object.entries(drafts).map(([p, c]) => [p, clockMinutes(c)])) as SlaMinutes;
}
