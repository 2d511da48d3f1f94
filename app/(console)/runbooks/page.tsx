import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/page";
import { listRunbookTemplates } from "@/lib/runbooks";
import { RunbookEditor } from "./_components/runbook-editor";

export const metadata: Metadata = { title: "Runbooks" };

// /runbooks — incident runbook templates (Managers and Admins): ordered tasks, matched to incidents by their alerts'
// category, lowest severity and detection source; the first match in position order is attached.
export default async function RunbooksPage() {
  await requireUser("runbooks:edit");
  const templates = await listRunbookTemplates();
  return (
    <>
      <PageHeader
        title="Runbooks"
        description="Templates of ordered tasks. An open incident gets the first enabled template one of its alerts matches; changing a template leaves runbooks already attached as they were."
      />
      <RunbookEditor initial={templates} />
    </>
  );
}
