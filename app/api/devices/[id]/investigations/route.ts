import { route } from "@/lib/auth/route";
import { listInvestigationsOf, startDeviceInvestigation } from "@/lib/investigations";
import { StartInvestigationBody } from "@/lib/investigations/schemas";
import { DeviceRef } from "@/lib/devices/schemas";

// GET /api/devices/[id]/investigations (console:read) — the device's automated investigations
export const GET = route({ permission: "console:read", params: DeviceRef }, async ({ params }) => {
  return { data: await listInvestigationsOf({ deviceId: params.id }) };
});

// POST /api/devices/[id]/investigations (investigations:start) — start an automated investigation (50 an hour
// per tenant in Defender); 201 with the investigation as Defender answered it
export const POST = route(
  { permission: "investigations:start", params: DeviceRef, body: StartInvestigationBody, audit: "investigation.start" },
  async ({ params, body, audit }) =>
    Response.json({ data: await startDeviceInvestigation(audit, params.id, body.comment) }, { status: 201 }),
);
