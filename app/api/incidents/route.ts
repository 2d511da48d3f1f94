import { route } from "@/lib/auth/route";
import { listIncidents } from "@/lib/incidents";
import { IncidentQuery } from "@/lib/incidents/schemas";

// GET /api/incidents (console:read) — the list for a view (most urgent first by default), cursor-paged
export const GET = route({ permission: "console:read", query: IncidentQuery }, async ({ actor, query }) => {
  const { cursor, limit, ...view } = query;
  return listIncidents(actor, view, { cursor, limit });
});
