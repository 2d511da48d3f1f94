import { route } from "@/lib/auth/route";
import { incidentSlaCounts } from "@/lib/incidents";

// GET /api/incidents/sla (console:read) — open incidents past their SLA deadline and near it
export const GET = route({ permission: "console:read" }, async () => incidentSlaCounts());
