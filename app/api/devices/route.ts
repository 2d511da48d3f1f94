import { route } from "@/lib/auth/route";
import { listDevices } from "@/lib/devices";
import { DeviceQuery } from "@/lib/devices/schemas";

// GET /api/devices (console:read) — the inventory: platform tab, filters, search, sort and keyset paging
export const GET = route({ permission: "console:read", query: DeviceQuery }, async ({ query }) => {
  const { cursor, limit, ...view } = query;
  return listDevices(view, { cursor, limit });
});
