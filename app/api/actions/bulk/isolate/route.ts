import { route } from "@/lib/auth/route";
import { bulkIsolate } from "@/lib/actions";
import { BulkIsolateInput } from "@/lib/actions/schemas";

// POST /api/actions/bulk/isolate (actions:respond) — isolate many devices: each device's request takes the single
// path (four-eyes approval when it is on), the approved-or-unneeded ones queued under Defender's limit
export const POST = route(
  { permission: "actions:respond", body: BulkIsolateInput, audit: "action.bulk_isolate" },
  async ({ body, audit }) => bulkIsolate(audit, body),
);
