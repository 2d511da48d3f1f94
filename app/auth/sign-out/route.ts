import { route } from "@/lib/auth/route";
import { endSession } from "@/lib/auth/sessions";
import { signedOutResponse } from "@/lib/auth/sign-in-flow";

// POST /auth/sign-out (any signed-in person) — ends the console session. A token has no session to end (revoke it
// in Settings instead); refusing it keeps a token from filling the audit log with sign-out rows.
export const POST = route(
  { permission: "authenticated", peopleOnly: true, audit: "auth.sign_out" },
  async ({ req, audit }) => {
    await endSession(audit);
    return signedOutResponse(req);
  },
);
