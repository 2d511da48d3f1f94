import { route } from "@/lib/auth/route";
import { deleteRule, updateRule } from "@/lib/notifications";
import { IdParam, RuleInput } from "@/lib/notifications/schemas";

// PUT /api/notifications/rules/[id] (notifications:rules) — replace a rule
export const PUT = route(
  { permission: "notifications:rules", params: IdParam, body: RuleInput, audit: "notifications.rule.update" },
  async ({ params, body, audit }) => updateRule(audit, params.id, body),
);

// DELETE /api/notifications/rules/[id] (notifications:rules)
export const DELETE = route(
  { permission: "notifications:rules", params: IdParam, audit: "notifications.rule.delete" },
  async ({ params, audit }) => deleteRule(audit, params.id),
);
