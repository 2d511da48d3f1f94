import { route, z } from "@/lib/auth/route";
import { finishSignIn } from "@/lib/auth/sign-in-flow";

const CallbackQuery = z.object({
  code: z.string().max(4000).optional(),
  state: z.string().max(500).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
});

// GET /auth/callback (public) — Entra ID redirects here with the authorization code
export const GET = route({ permission: "public", query: CallbackQuery }, ({ req, query, requestId, audit }) =>
  finishSignIn(req, query, { requestId, ip: audit.ip }),
);
