import { route } from "@/lib/auth/route";
import { listInvestigations } from "@/lib/investigations";
import { InvestigationQuery } from "@/lib/investigations/schemas";

// GET /api/investigations (console:read) — Defender's automated investigations from the cache, newest first
export const GET = route({ permission: "console:read", query: InvestigationQuery }, async ({ query }) => {
  const { cursor, limit, ...filter } = query;
  return listInvestigations(filter, { cursor, limit });
});
