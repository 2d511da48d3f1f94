import { route } from "@/lib/auth/route";
import { slaCounts } from "@/lib/alerts";
import { AlertView } from "@/lib/alerts/schemas";

// GET /api/alerts/sla (console:read) — open alerts past or near their SLA deadline within the queue's view (its
// filters and time range, as in the query string), so each badge counts what its link lists.
export const GET = route({ permission: "console:read", query: AlertView.strict() }, async ({ actor, query }) =>
  slaCounts(new Date(), { filter: query, me: actor.name }),
);
