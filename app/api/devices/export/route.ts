import { route } from "@/lib/auth/route";
import { csvResponse } from "@/lib/http/csv-response";
import { devicesCsv } from "@/lib/devices";
import { DeviceExportQuery } from "@/lib/devices/schemas";

// GET /api/devices/export (console:read) — exactly the filtered inventory rows as CSV, streamed in view order
export const GET = route({ permission: "console:read", query: DeviceExportQuery }, async ({ query }) => {
  return csvResponse("devices", devicesCsv(query));
});
