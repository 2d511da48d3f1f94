import { route } from "@/lib/auth/route";
import { createSavedQuery, listSavedQueries } from "@/lib/hunting";
import { SavedQueryInput } from "@/lib/hunting/schemas";

// GET /api/hunting/queries (console:read) — starter queries, every shared query, and the caller's own
export const GET = route({ permission: "console:read" }, async ({ actor }) => ({
  queries: await listSavedQueries(actor),
}));

// POST /api/hunting/queries (hunting:save) — save a query for oneself or shared with everyone
export const POST = route(
  { permission: "hunting:save", body: SavedQueryInput, audit: "hunting.query.create" },
  async ({ body, audit }) => Response.json(await createSavedQuery(audit, body), { status: 201 }),
);
