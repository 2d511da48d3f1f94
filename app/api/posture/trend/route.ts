import { route } from "@/lib/auth/route";
import { listPostureTrend } from "@/lib/posture";
import { PostureTrendQuery } from "@/lib/posture/schemas";

// GET /api/posture/trend?days=30 (console:read) — the daily posture snapshots the sync keeps, oldest first
export const GET = route({ permission: "console:read", query: PostureTrendQuery }, async ({ query }) => ({
  days: query.days,
  points: await listPostureTrend(query.days),
}));
