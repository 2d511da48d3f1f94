import { route } from "@/lib/auth/route";
import { bulkTriageAlerts } from "@/lib/alerts";
import { AlertBulkTriage } from "@/lib/alerts/schemas";

// POST /api/alerts/bulk (alerts:triage) — one change to many alerts through Defender's batch endpoint; per-item results
export const POST = route(
  { permission: "alerts:triage", body: AlertBulkTriage, audit: "alert.bulk_triage" },
  async ({ body, audit }) => bulkTriageAlerts(audit, body.ids, body.change),
);
