import { route } from "@/lib/auth/route";
import { suggestAssignees } from "@/lib/assignees";
import { AssigneeQuery } from "@/lib/assignees/schemas";

// GET /api/assignees?q= (alerts:triage) — people to assign to: console users, the directory (Graph), Defender's
// assignees. It may call Graph, so it is limited per reader.
export const GET = route(
  { permission: "alerts:triage", query: AssigneeQuery, rateLimit: "defender-read" },
  async ({ query }) => suggestAssignees(query.q),
);
