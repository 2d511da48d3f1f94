import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { buttonSecondary } from "@/components/ui/button-styles";
import { requireUser } from "@/lib/auth/page";
import { AuditFilter, listAuditEvents } from "@/lib/audit";
import { AUDIT_VIEW_KEYS, auditViewToSearch, type AuditView } from "@/lib/audit/schemas";
import { parseLeniently } from "@/lib/http/query-params";
import { IgnoredParameters } from "@/components/ui/ignored-parameters";
import { AuditLog } from "./_components/audit-log";

export const metadata: Metadata = { title: "Audit" };

type Search = Record<string, string | string[] | undefined>;

// /audit — the URL is the view (filters), so it can be shared and bookmarked; "Load more" pages on by cursor.
export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireUser("audit:read");
  const raw = await searchParams;
  const { value: filter, ignored } = parseLeniently(AuditFilter, raw);
  // The view keeps the text as typed (dates as YYYY-MM-DD), without the parameters that did not parse.
  const view: AuditView = Object.fromEntries(AUDIT_VIEW_KEYS.flatMap((k) => (typeof raw[k] === "string" && !ignored.includes(k) ? [[k, raw[k]]] : [])));
  const search = auditViewToSearch(view).toString();
  const page = await listAuditEvents(filter, { limit: 100 });
  return (
    <>
      <PageHeader
        title="Audit"
        description="Every state-changing act in the console: who (person or API token), what, on which target, with which result. Entries are never edited or deleted."
        actions={
          actor.permissions.has("audit:export") ? (
            <a className={buttonSecondary} href={`/api/audit/export${search ? `?${search}` : ""}`} download>
              Export CSV
            </a>
          ) : null
        }
      />
      <IgnoredParameters names={ignored} />
      <AuditLog view={view} search={search} initialPage={page} />
    </>
  );
}
