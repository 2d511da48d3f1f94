import { route } from "@/lib/auth/route";
import { slaCounts } from "@/lib/alerts";

// GET /api/alerts/sla (console:read) — open alerts past or near their SLA deadline, tenant-wide
export const GET = route({ permission: "console:read" }, async () => slaCounts());
