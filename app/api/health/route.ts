import { route } from "@/lib/auth/route";
import { checkHealth } from "@/lib/health";

// GET /api/health (public: load balancers and the demo script poll it). Anonymous callers learn only whether the
// console is up ({status} and the HTTP code); sync errors, record counts and database error text are for people and
// tokens with console:read (GET /api/sync has them too).
export const GET = route({ permission: "public" }, async ({ actor }) => {
  const health = await checkHealth();
  const body = actor?.permissions.has("console:read") ? health : { status: health.status };
  return Response.json(body, { status: health.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
});
