import { route } from "@/lib/auth/route";
import { deleteSavedView } from "@/lib/views";
import { SavedViewRef } from "@/lib/views/schemas";

// DELETE /api/views/[id] (views:write) — the owner deletes a view; an Admin may remove a shared one
export const DELETE = route(
  { permission: "views:write", params: SavedViewRef, audit: "view.delete" },
  async ({ params, audit }) => ({
    data: await deleteSavedView(audit, params.id),
  }),
);
