import { route } from "@/lib/auth/route";
import { listIncidents } from "@/lib/incidents";
import { IncidentQuery } from "@/lib/incidents/schemas";

// GET /api/incidents (console:read) — newest change first, filtered, cursor-paged
export const GET = route({ permission: "console:read", query: IncidentQuery }, async ({ actor, query }) => {
  const { cursor, limit, ...filter } = query;
  return listIncidents(actor, filter, { cursor, limit });
});
