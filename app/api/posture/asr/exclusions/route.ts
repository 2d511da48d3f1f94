import { route } from "@/lib/auth/route";
import { setAsrExclusions } from "@/lib/posture";
import { AsrExclusionsInput } from "@/lib/posture/schemas";

// PUT /api/posture/asr/exclusions (posture:exclusions) — replaces the exclusion paths the advisor accepts: a rule
// whose hits all fall within them is safe to block. A policy decision, so Managers and Admins only; audited with the
// new list.
export const PUT = route(
  { permission: "posture:exclusions", body: AsrExclusionsInput, audit: "posture.asr.exclusions" },
  ({ audit, body }) => setAsrExclusions(audit, body),
);
