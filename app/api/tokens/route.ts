import { route } from "@/lib/auth/route";
import { ApiTokenCreate, createApiToken, listApiTokens } from "@/lib/auth/tokens";

// GET /api/tokens (tokens:manage) — every API token, without secrets
export const GET = route({ permission: "tokens:manage" }, async () => ({ data: await listApiTokens() }));

// POST /api/tokens (tokens:manage) — create a token; the plaintext is in this response only
export const POST = route(
  { permission: "tokens:manage", body: ApiTokenCreate, audit: "token.create", secretAnswer: true },
  async ({ body, audit }) => {
    const created = await createApiToken(audit, body);
    return Response.json(created, { status: 201 });
  },
);
