import { route } from "@/lib/auth/route";
import { deleteSavedQuery, updateSavedQuery } from "@/lib/hunting";
import { SavedQueryPatch, SavedQueryRef } from "@/lib/hunting/schemas";

// PATCH /api/hunting/queries/[id] (hunting:save) — the owner (or an Admin, for a shared query) changes or shares it
export const PATCH = route(
  { permission: "hunting:save", params: SavedQueryRef, body: SavedQueryPatch, audit: "hunting.query.update" },
  ({ params, body, audit }) => updateSavedQuery(audit, params.id, body),
);

// DELETE /api/hunting/queries/[id] (hunting:save) — the owner (or an Admin, for a shared query) deletes it
export const DELETE = route(
  { permission: "hunting:save", params: SavedQueryRef, audit: "hunting.query.delete" },
  async ({ params, audit }) => deleteSavedQuery(audit, params.id),
);
