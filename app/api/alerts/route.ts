import { route } from "@/lib/auth/route";
import { listAlerts } from "@/lib/alerts";
import { AlertQuery } from "@/lib/alerts/schemas";

// GET /api/alerts (console:read) — the queue: filters, sort, grouping and keyset paging from the query string
export const GET = route({ permission: "console:read", query: AlertQuery }, async ({ actor, query }) => {
  const { cursor, limit, ...view } = query;
  return listAlerts(actor, view, { cursor, limit });
});
