import { route } from "@/lib/auth/route";
import { requestAction } from "@/lib/actions";
import { LiveResponseRequestInput } from "@/lib/actions/schemas";
import { DeviceRef } from "@/lib/devices/schemas";

// POST /api/devices/[id]/live-response (liveresponse:run) — a live response session: library scripts to run and
// files to collect. A response action like the others: four-eyes when on, sent once, followed through
// GET /api/actions/[id]; 201 with the new session, 200 with the earlier one when the idempotency key was used.
export const POST = route(
  {
    permission: "liveresponse:run",
    params: DeviceRef,
    body: LiveResponseRequestInput,
    audit: "liveresponse.request",
  },
  async ({ params, body, audit }) => {
    const { action, replayed } = await requestAction(audit, params.id, body);
    return Response.json({ data: action, replayed }, { status: replayed ? 200 : 201 });
  },
);
