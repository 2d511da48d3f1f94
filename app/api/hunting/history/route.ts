import { route } from "@/lib/auth/route";
import { listHuntingHistory } from "@/lib/hunting";
import { HistoryQuery } from "@/lib/hunting/schemas";

// GET /api/hunting/history?limit= (console:read) — the caller's own hunting runs, newest first
export const GET = route({ permission: "console:read", query: HistoryQuery }, async ({ actor, query }) => ({
  runs: await listHuntingHistory(actor, query.limit),
}));
