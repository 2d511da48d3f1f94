import { route, z } from "@/lib/auth/route";
import { startSignIn } from "@/lib/auth/sign-in-flow";

// GET /auth/sign-in?returnTo=/alerts (public) — redirects to Entra ID with PKCE
export const GET = route(
  { permission: "public", query: z.object({ returnTo: z.string().max(500).optional() }) },
  ({ req, query }) => startSignIn(req, query.returnTo),
);
