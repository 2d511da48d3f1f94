import { route } from "@/lib/auth/route";
import { dryRun } from "@/lib/detections";
import { DetectionDryRun } from "@/lib/detections/schemas";

// POST /api/detections/dry-run (detections:write) — runs a saved query through advanced hunting (shared quota) and
// answers with the alerts a rule over it would raise, at most 150. A read: recorded in the caller's hunting history.
export const POST = route({ permission: "detections:write", body: DetectionDryRun }, ({ actor, body }) =>
  dryRun(actor, body),
);
