import { route } from "@/lib/auth/route";
import { refreshAction } from "@/lib/actions";
import { ActionRef } from "@/lib/actions/schemas";

// GET /api/actions/[id] (console:read) — one action, its status refreshed from Defender while it is not final.
// refreshError says why it could not be (the status shown is then the last one known), including a read skipped
// because the budget is used up or kept for responders. Limited per actor: it may call Defender.
export const GET = route(
  { permission: "console:read", params: ActionRef, rateLimit: "defender-read" },
  async ({ params, actor }) => {
    const { view, refreshError } = await refreshAction(params.id, {
      responder: actor.permissions.has("actions:respond"),
    });
    return { data: view, refreshError };
  },
);
