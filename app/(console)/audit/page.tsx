import type { Metadata } from "next";
import { NoMatches } from "@/components/ui/no-matches";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyRow, Table, Td, Th } from "@/components/ui/table";
import { buttonSecondary, inputBase } from "@/components/ui/button-styles";
import { requireUser } from "@/lib/auth/page";
import { AuditFilter, listAuditEvents } from "@/lib/audit";
import { SECURITY_DENIED, securitySummary } from "@/lib/audit/security-events";
import { parseLeniently } from "@/lib/http/query-params";
import { IgnoredParameters } from "@/components/ui/ignored-parameters";

export const metadata: Metadata = { title: "Audit" };

type Search = Record<string, string | undefined>;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireUser("audit:read");
  const search = await searchParams;
  const { value: filter, ignored } = parseLeniently(AuditFilter, search);
  const [page, refused] = await Promise.all([listAuditEvents(filter, { cursor: search.cursor, limit: 100 }), securitySummary(60)]);
  const query = new URLSearchParams(Object.entries(search).filter(([k, v]) => v && k !== "cursor") as [string, string][]);
  const filtered = query.size > 0;

  return (
    <>
      <PageHeader
        title="Audit"
        description="Every state-changing act in the console: who (person or API token), what, on which target, with which result. Entries are never edited or deleted."
        actions={
          actor.permissions.has("audit:export") ? (
            <a className={buttonSecondary} href={`/api/audit/export?${query}`} download>
              Export CSV
            </a>
          ) : null
        }
      />
      {refused.total > 0 ? (
        <p role="status" className="mb-4 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm dark:border-amber-700 dark:bg-amber-950" data-testid="refused-requests">
          <strong>{refused.total}</strong> refused request{refused.total === 1 ? "" : "s"} or failed sign-in{refused.total === 1 ? "" : "s"} in the last hour
          {" ("}
          {refused.byReason.map((r) => `${r.reason.replaceAll("_", " ")}: ${r.count}`).join(", ")}
          {"). "}
          <Link href={`/audit?action=${SECURITY_DENIED}`} className="text-blue-700 underline dark:text-blue-300">
            Show them
          </Link>
        </p>
      ) : null}
      {/* A GET form keeps every filter in the URL: views can be shared and bookmarked. */}
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label="Filter audit events">
        <label className="flex flex-col gap-1 text-xs font-medium">
          Actor
          <input name="actor" defaultValue={search.actor} className={inputBase} placeholder="name or id" />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium">
          Action
          <input name="action" defaultValue={search.action} className={inputBase} placeholder="e.g. token." />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium">
          Target id
          <input name="target" defaultValue={search.target} className={inputBase} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium">
          Result
          <select name="result" defaultValue={search.result ?? ""} className={inputBase}>
            <option value="">Any</option>
            <option value="success">Success</option>
            <option value="failure">Failure</option>
            <option value="pending">Pending (sent to Defender, outcome not recorded)</option>
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium">
          From
          <input type="date" name="from" defaultValue={search.from} className={inputBase} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium">
          To
          <input type="date" name="to" defaultValue={search.to} className={inputBase} />
        </label>
        <button type="submit" className={buttonSecondary}>
          Apply
        </button>
        {filtered ? (
          <Link href="/audit" className="text-sm text-blue-700 underline dark:text-blue-300">
            Clear filters
          </Link>
        ) : null}
      </form>
      <IgnoredParameters names={ignored} />
      <Table caption="Audit events, newest first">
        <thead>
          <tr>
            <Th>Time (UTC)</Th>
            <Th>Actor</Th>
            <Th>Action</Th>
            <Th>Target</Th>
            <Th>Result</Th>
            <Th>Details</Th>
            <Th>Request</Th>
          </tr>
        </thead>
        <tbody>
          {page.data.length === 0 ? (
            <EmptyRow colSpan={7}>{filtered ? <NoMatches what="audit events" clearHref="/audit" /> : "Nothing has been recorded yet."}</EmptyRow>
          ) : (
            page.data.map((e) => (
              <tr key={e.id}>
                <Td className="whitespace-nowrap font-mono text-xs">{e.at.replace("T", " ").slice(0, 19)}</Td>
                <Td>
                  <span className="block">{e.actorName}</span>
                  <span className="text-xs text-slate-500">{e.actorType}</span>
                </Td>
                <Td className="font-mono text-xs">{e.action}</Td>
                <Td className="text-xs">{e.targetType ? `${e.targetType} ${e.targetId ?? ""}` : "—"}</Td>
                <Td>
                  <span className={e.result === "success" ? "text-emerald-700 dark:text-emerald-300" : e.result === "pending" ? "text-slate-600 dark:text-slate-400" : "font-medium text-red-700 dark:text-red-300"}>
                    {e.result}
                  </span>
                </Td>
                <Td className="max-w-md break-words font-mono text-xs">
                  {e.error ? <span className="block text-red-700 dark:text-red-300">{e.error}</span> : null}
                  {JSON.stringify(e.params) === "{}" ? null : JSON.stringify(e.params)}
                </Td>
                <Td className="font-mono text-xs text-slate-500">{e.requestId?.slice(0, 8)}</Td>
              </tr>
            ))
          )}
        </tbody>
      </Table>
      {page.nextCursor ? (
        <div className="mt-4">
          <Link className={buttonSecondary} href={`/audit?${new URLSearchParams([...query, ["cursor", page.nextCursor]])}`}>
            Older events
          </Link>
        </div>
      ) : null}
    </>
  );
}
