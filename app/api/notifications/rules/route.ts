import { route } from "@/lib/auth/route";
import { createRule, listRules } from "@/lib/notifications";
import { RuleInput } from "@/lib/notifications/schemas";

// GET /api/notifications/rules (notifications:rules) — every rule
export const GET = route({ permission: "notifications:rules" }, async () => ({ data: await listRules() }));

// POST /api/notifications/rules (notifications:rules) — who hears about what, how often, and when not
export const POST = route(
  { permission: "notifications:rules", body: RuleInput, audit: "notifications.rule.create" },
  async ({ body, audit }) => createRule(audit, body),
);
