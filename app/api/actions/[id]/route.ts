import { route } from "@/lib/auth/route";
import { refreshAction } from "@/lib/actions";
import { ActionRef } from "@/lib/actions/schemas";

// GET /api/actions/[id] (console:read) — one action, its status refreshed from Defender while it is not final.
// refreshError says why it could not be (the status shown is then the last one known).
export const GET = route({ permission: "console:read", params: ActionRef }, async ({ params }) => {
  const { view, refreshError } = await refreshAction(params.id);
  return { data: view, refreshError };
});
