import { route } from "@/lib/auth/route";
import { deleteRule, updateRule } from "@/lib/detections";
import { DetectionRulePatch, DetectionRuleRef } from "@/lib/detections/schemas";

// PATCH /api/detections/[id] (detections:write) — changes, enables or disables a custom detection rule in Graph
export const PATCH = route(
  {
    permission: "detections:write",
    params: DetectionRuleRef,
    body: DetectionRulePatch,
    audit: "detection.rule.update",
  },
  ({ params, body, audit }) => updateRule(audit, params.id, body),
);

// DELETE /api/detections/[id] (detections:delete) — deletes the rule in Graph (its alerts stay)
export const DELETE = route(
  { permission: "detections:delete", params: DetectionRuleRef, audit: "detection.rule.delete" },
  ({ params, audit }) => deleteRule(audit, params.id),
);
