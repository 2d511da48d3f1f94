import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

// GET /api/health (public: load balancers and the demo script poll it)
export async function GET() {
  const health = await checkHealth();
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
