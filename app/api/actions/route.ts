import { route } from "@/lib/auth/route";
import { listActions } from "@/lib/actions";
import { ActionQuery } from "@/lib/actions/schemas";

// GET /api/actions (console:read) — the action center: approvals, in flight and history, newest first
export const GET = route({ permission: "console:read", query: ActionQuery }, async ({ query }) => {
  const { cursor, limit, ...filter } = query;
  return listActions(filter, { cursor, limit });
});
