import { route } from "@/lib/auth/route";
import { refreshAsrHits } from "@/lib/posture";

// POST /api/posture/asr/refresh (console:read) — re-reads 30 days of ASR events through advanced hunting (the
// tenant's shared hunting quota, like any person's query: whoever may run hunting may refresh) and answers the new
// advice. Audited: it replaces the hits everyone's advisor reads. 409 on a plan without advanced hunting.
export const POST = route({ permission: "console:read", audit: "posture.asr.refresh" }, ({ audit }) =>
  refreshAsrHits(audit),
);
