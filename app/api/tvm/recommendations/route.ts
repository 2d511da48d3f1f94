import { route } from "@/lib/auth/route";
import { listRecommendations } from "@/lib/tvm";
import { RecommendationView } from "@/lib/tvm/schemas";

// GET /api/tvm/recommendations (console:read) — active security recommendations with exposure per device group
export const GET = route({ permission: "console:read", query: RecommendationView }, ({ query }) => listRecommendations(query));
