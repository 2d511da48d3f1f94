import { route } from "@/lib/auth/route";
import { deleteRunbookTemplate, saveRunbookTemplate } from "@/lib/runbooks";
import { RunbookTemplateInput, RunbookTemplateRef } from "@/lib/runbooks/schemas";

// PUT /api/runbooks/[id] (runbooks:edit) — change a template (runbooks already attached stay as they were).
export const PUT = route(
  {
    permission: "runbooks:edit",
    params: RunbookTemplateRef,
    body: RunbookTemplateInput,
    audit: "runbook.template.update",
  },
  async ({ params, body, audit }) => ({ data: await saveRunbookTemplate(audit, params.id, body) }),
);

// DELETE /api/runbooks/[id] (runbooks:edit) — remove a template.
export const DELETE = route(
  { permission: "runbooks:edit", params: RunbookTemplateRef, audit: "runbook.template.delete" },
  async ({ params, audit }) => {
    await deleteRunbookTemplate(audit, params.id);
    return { data: { deleted: params.id } };
  },
);
