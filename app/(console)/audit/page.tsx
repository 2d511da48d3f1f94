import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { buttonSecondary } from "@/components/ui/button-styles";
import { requireUser } from "@/lib/auth/page";
import { AuditFilter, listAuditEvents } from "@/lib/audit";
import { AUDIT_VIEW_KEYS, auditViewToSearch, type AuditView } from "@/lib/audit/schemas";
import { parseLeniently } from "@/lib/http/query-params";
import { IgnoredParameters } from "@/components/ui/ignored-parameters";
import { SECURITY_DENIED, securitySummary } from "@/lib/audit/security-events";
import Link from "next/link";
import { AuditLog } from "./_components/audit-log";

export const metadata: Metadata = { title: "Audit" };

type Search = Record<string, string | string[] | undefined>;

// /audit — the URL is the view (filters), so it can be shared and bookmarked; "Load more" pages on by cursor.
export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireUser("audit:read");
  const raw = await searchParams;
  const { value: filter, ignored } = parseLeniently(AuditFilter, raw);
  // The view keeps the text as typed (dates as YYYY-MM-DD), without the parameters that did not parse.
  const view: AuditView = Object.fromEntries(
    AUDIT_VIEW_KEYS.flatMap((k) => (typeof raw[k] === "string" && !ignored.includes(k) ? [[k, raw[k]]] : [])),
  );
  const search = auditViewToSearch(view).toString();
  const [page, refused] = await Promise.all([listAuditEvents(filter, { limit: 100 }), securitySummary(60)]);
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
      {refused.total > 0 ? (
        <p
          role="status"
          className="mb-4 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm dark:border-amber-700 dark:bg-amber-950"
          data-testid="refused-requests"
        >
          <strong>{refused.total}</strong> refused request{refused.total === 1 ? "" : "s"} or failed sign-in
          {refused.total === 1 ? "" : "s"} in the last hour
          {" ("}
          {refused.byReason.map((r) => `${r.reason.replaceAll("_", " ")}: ${r.count}`).join(", ")}
          {"). "}
          <Link href={`/audit?action=${SECURITY_DENIED}`} className="text-blue-700 underline dark:text-blue-300">
            Show them
          </Link>
        </p>
      ) : null}
      <AuditLog view={view} search={search} initialPage={page} />
    </>
  );
}
