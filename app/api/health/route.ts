import { route } from "@/lib/auth/route";
import { checkHealth } from "@/lib/health";

// GET /api/health (public: load balancers and the demo script poll it)
export const GET = route({ permission: "public" }, async () => {
  const health = await checkHealth();
  return Response.json(health, { status: health.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
});
