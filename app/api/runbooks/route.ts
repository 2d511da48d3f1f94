import { route } from "@/lib/auth/route";
import { listRunbookTemplates, saveRunbookTemplate } from "@/lib/runbooks";
import { RunbookTemplateInput } from "@/lib/runbooks/schemas";

// GET /api/runbooks (runbooks:edit) — the runbook templates, in matching order.
export const GET = route({ permission: "runbooks:edit" }, async () => ({ data: await listRunbookTemplates() }));

// POST /api/runbooks (runbooks:edit) — a new template.
export const POST = route(
  { permission: "runbooks:edit", body: RunbookTemplateInput, audit: "runbook.template.create" },
  async ({ body, audit }) => Response.json({ data: await saveRunbookTemplate(audit, null, body) }, { status: 201 }),
);
