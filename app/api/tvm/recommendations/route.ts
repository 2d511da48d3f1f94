import { route } from "@/lib/auth/route";
import { listRecommendations } from "@/lib/tvm";
import { RecommendationQuery } from "@/lib/tvm/schemas";

// GET /api/tvm/recommendations (console:read) — active security recommendations with exposure per device group,
// highest impact first, cursor-paged
export const GET = route({ permission: "console:read", query: RecommendationQuery }, ({ query }) => {
  const { cursor, limit, ...view } = query;
  return listRecommendations(view, { cursor, limit });
});
