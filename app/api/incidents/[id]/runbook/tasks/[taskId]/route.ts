import { route } from "@/lib/auth/route";
import { updateRunbookTask } from "@/lib/runbooks";
import { RunbookTaskPatch, RunbookTaskRef } from "@/lib/runbooks/schemas";

// PATCH /api/incidents/[id]/runbook/tasks/[taskId] (alerts:triage) — tick, assign or comment on a runbook task, or
// link the action started from it.
export const PATCH = route(
  { permission: "alerts:triage", params: RunbookTaskRef, body: RunbookTaskPatch, audit: "runbook.task.update" },
  async ({ params, body, audit }) => ({ data: await updateRunbookTask(audit, params.id, params.taskId, body) }),
);
