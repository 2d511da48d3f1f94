import { route } from "@/lib/auth/route";
import { endSession } from "@/lib/auth/sessions";
import { signedOutResponse } from "@/lib/auth/sign-in-flow";

// POST /auth/sign-out (any signed-in user) — ends the console session
export const POST = route({ permission: "authenticated", audit: "auth.sign_out", rateLimit: false }, async ({ req, audit }) => {
  await endSession(audit);
  return signedOutResponse(req);
});
