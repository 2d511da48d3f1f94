import { route } from "@/lib/auth/route";
import { triageAlert } from "@/lib/alerts";
import { AlertRef, AlertTriage } from "@/lib/alerts/schemas";

// PATCH /api/alerts/[id] (alerts:triage) — status, assignment, classification + determination, comment, via Defender
export const PATCH = route(
  { permission: "alerts:triage", params: AlertRef, body: AlertTriage, audit: "alert.triage" },
  async ({ params, body, audit }) => ({ data: await triageAlert(audit, params.id, body) }),
);
