import { route, z } from "@/lib/auth/route";
import { endUserSessions } from "@/lib/auth/sessions";

// DELETE /api/users/[id]/sessions?revokeTokens=true (settings:write, people only) — sign a person out everywhere
// now and, by default, revoke the API tokens they created (e.g. their role was removed in Entra ID)
export const DELETE = route(
  {
    permission: "settings:write",
    params: z.object({ id: z.string().min(1).max(100) }),
    query: z.object({ revokeTokens: z.enum(["true", "false"]).default("true") }),
    audit: "user.end_sessions",
  },
  async ({ params, query, audit }) => ({
    data: await endUserSessions(audit, params.id, { revokeTokens: query.revokeTokens === "true" }),
  }),
);
