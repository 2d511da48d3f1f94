import { route } from "@/lib/auth/route";
import { cancelAction } from "@/lib/actions";
import { ActionCancelInput, ActionRef } from "@/lib/actions/schemas";

// POST /api/actions/[id]/cancel (actions:respond) — cancel a Pending/InProgress action in Defender, or withdraw a request awaiting approval
export const POST = route(
  { permission: "actions:respond", params: ActionRef, body: ActionCancelInput, audit: "action.cancel" },
  async ({ params, body, audit }) => ({
    data: await cancelAction(audit, params.id, body.comment),
  }),
);
