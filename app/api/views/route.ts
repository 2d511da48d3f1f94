import { route } from "@/lib/auth/route";
import { createSavedView, listSavedViews } from "@/lib/views";
import { SavedViewInput, SavedViewList } from "@/lib/views/schemas";

// GET /api/views?page=alerts (console:read) — the caller's saved views, then views others shared
export const GET = route({ permission: "console:read", query: SavedViewList }, async ({ actor, query }) => ({
  data: await listSavedViews(actor, query.page),
}));

// POST /api/views (views:write; views:share to share it) — save the current view under a name, optionally shared with everyone
export const POST = route(
  { permission: "views:write", body: SavedViewInput, audit: "view.create" },
  async ({ body, audit }) => Response.json({ data: await createSavedView(audit, body) }, { status: 201 }),
);
