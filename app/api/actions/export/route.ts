import { route } from "@/lib/auth/route";
import { csvResponse } from "@/lib/http/csv-response";
import { actionsCsv } from "@/lib/actions";
import { ActionExportQuery } from "@/lib/actions/schemas";

// GET /api/actions/export (console:read) — the filtered action list as CSV, streamed
export const GET = route({ permission: "console:read", query: ActionExportQuery }, async ({ query }) => {
  return csvResponse("actions", actionsCsv(query));
});
