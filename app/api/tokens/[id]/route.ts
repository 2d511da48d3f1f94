import { route, z } from "@/lib/auth/route";
import { revokeApiToken } from "@/lib/auth/tokens";

// DELETE /api/tokens/[id] (tokens:manage) — revoke (the record stays for the audit trail)
export const DELETE = route(
  { permission: "tokens:manage", params: z.object({ id: z.uuid() }), audit: "token.revoke" },
  async ({ params, audit }) => ({ data: await revokeApiToken(audit, params.id) }),
);
