import { route } from "@/lib/auth/route";
import { rejectAction } from "@/lib/actions";
import { ActionRef, ActionRejectInput } from "@/lib/actions/schemas";

// POST /api/actions/[id]/reject (actions:approve) — four-eyes: refuse a request, with the reason
export const POST = route(
  { permission: "actions:approve", params: ActionRef, body: ActionRejectInput, audit: "action.reject" },
  async ({ params, body, audit }) => ({
    data: await rejectAction(audit, params.id, body.reason),
  }),
);
