import { route } from "@/lib/auth/route";
import { triageIncident } from "@/lib/incidents";
import { IncidentRef, IncidentTriage } from "@/lib/incidents/schemas";

// PATCH /api/incidents/[id] (alerts:triage) — status, assignment, classification, comment, via Defender XDR
export const PATCH = route(
  { permission: "alerts:triage", params: IncidentRef, body: IncidentTriage, audit: "incident.triage" },
  async ({ params, body, audit }) => ({ data: await triageIncident(audit, params.id, body) }),
);
