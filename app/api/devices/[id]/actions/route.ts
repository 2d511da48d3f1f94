import { route } from "@/lib/auth/route";
import { requestAction } from "@/lib/actions";
import { ActionRequestInput } from "@/lib/actions/schemas";
import { DeviceRef } from "@/lib/devices/schemas";

// POST /api/devices/[id]/actions (actions:respond) — isolate, release, scan, restrict, unrestrict or collect.
// 201 with the new action; 200 with the earlier one when the idempotency key was already used (nothing new sent).
export const POST = route(
  { permission: "actions:respond", params: DeviceRef, body: ActionRequestInput, audit: "action.request" },
  async ({ params, body, audit }) => {
    const { action, replayed } = await requestAction(audit, params.id, body);
    return Response.json({ data: action, replayed }, { status: replayed ? 200 : 201 });
  },
);
