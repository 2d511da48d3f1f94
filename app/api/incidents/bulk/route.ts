import { route } from "@/lib/auth/route";
import { bulkTriageIncidents } from "@/lib/incidents";
import { IncidentBulkTriage } from "@/lib/incidents/schemas";

// POST /api/incidents/bulk (alerts:triage) — one change to many incidents, one Defender XDR update each; per-item results
export const POST = route(
  { permission: "alerts:triage", body: IncidentBulkTriage, audit: "incident.bulk_triage" },
  async ({ body, audit }) => bulkTriageIncidents(audit, body.ids, body.change),
);
