import { route } from "@/lib/auth/route";
import { bulkScan } from "@/lib/actions";
import { BulkScanInput } from "@/lib/actions/schemas";

// POST /api/actions/bulk (actions:respond) — an antivirus scan on many devices, queued under Defender's limit
export const POST = route(
  { permission: "actions:respond", body: BulkScanInput, audit: "action.bulk_scan" },
  async ({ body, audit }) => bulkScan(audit, body),
);
