import { route } from "@/lib/auth/route";
import { testRule } from "@/lib/notifications";
import { IdParam } from "@/lib/notifications/schemas";

// POST /api/notifications/rules/[id]/test (notifications:rules) — a test message through each of the rule's channels
// now (each recorded as that channel's test); 422 when none took it, naming why
export const POST = route(
  { permission: "notifications:rules", params: IdParam, audit: "notifications.channel.test" },
  async ({ params, audit }) => testRule(audit, params.id),
);
