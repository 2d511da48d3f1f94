import { route } from "@/lib/auth/route";
import { approveAction } from "@/lib/actions";
import { ActionApproveInput, ActionRef } from "@/lib/actions/schemas";

// POST /api/actions/[id]/approve (actions:approve) — four-eyes: a second person sends the request to Defender
export const POST = route(
  { permission: "actions:approve", params: ActionRef, body: ActionApproveInput, audit: "action.approve" },
  async ({ params, body, audit }) => ({
    data: await approveAction(audit, params.id, body.reason),
  }),
);
