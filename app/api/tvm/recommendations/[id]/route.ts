import { route } from "@/lib/auth/route";
import { NotFound } from "@/lib/http/errors";
import { getRecommendation } from "@/lib/tvm";
import { RecommendationRef, GroupScope } from "@/lib/tvm/schemas";

// GET /api/tvm/recommendations/[id] (console:read) — one recommendation and its exposed devices
export const GET = route(
  { permission: "console:read", params: RecommendationRef, query: GroupScope },
  async ({ params, query }) =>
    (await getRecommendation(params.id, query.group)) ??
    Promise.reject(new NotFound(`No recommendation ${params.id} in the cache.`)),
);
