import { route } from "@/lib/auth/route";
import { createRuleFromSavedQuery, listDetectionRules } from "@/lib/detections";
import { DetectionRuleCreate } from "@/lib/detections/schemas";

// GET /api/detections (console:read) — the custom detection rules as last read from Microsoft Graph, with their
// last run and the alerts each raised
export const GET = route({ permission: "console:read" }, async () => ({ data: await listDetectionRules() }));

// POST /api/detections (detections:write) — turns a saved hunting query into a custom detection rule in Graph;
// refused with 400 naming the column when the query lacks one a detection needs
export const POST = route(
  { permission: "detections:write", body: DetectionRuleCreate, audit: "detection.rule.create" },
  async ({ body, audit }) => Response.json(await createRuleFromSavedQuery(audit, body), { status: 201 }),
);
