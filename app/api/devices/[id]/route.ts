import { route } from "@/lib/auth/route";
import { getDeviceDetail } from "@/lib/devices";
import { DeviceRef } from "@/lib/devices/schemas";
import { NotFound } from "@/lib/http/errors";

// GET /api/devices/[id] (console:read) — one device with its alerts, vulnerabilities, users and timeline
// Limited per actor: opening a device may call Defender for its logged-on users.
export const GET = route(
  { permission: "console:read", params: DeviceRef, rateLimit: "defender-read" },
  async ({ params, actor }) => {
    const device = await getDeviceDetail(params.id, { auditDetails: actor.permissions.has("audit:read") });
    if (!device) throw new NotFound(`Device ${params.id} is not in the console's cache.`);
    return device;
  },
);
