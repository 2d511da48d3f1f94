"use client";

import Link from "next/link";
import { auditKeys } from "../../_query/keys";
import { useCursorList, useUrlListView } from "../../_query/use-url-list";
import { AuditTable } from "@/components/audit/audit-table";
import { ListFooter } from "@/components/ui/list-footer";
import { NoMatches } from "@/components/ui/no-matches";
import { buttonSecondary, inputBase } from "@/components/ui/button-styles";
import type { AuditEventRow } from "@/lib/audit";
import { auditViewToSearch, AUDIT_VIEW_KEYS, type AuditPage, type AuditView } from "@/lib/audit/schemas";

// The audit log's client container: the URL is the view (the filter form pushes it); the server renders the
// first page and "Load more" pages on by cursor (newest first).

export function AuditLog({ view, search, initialPage }: { view: AuditView; search: string; initialPage: AuditPage<AuditEventRow> }) {
  const { go, navigating } = useUrlListView({ path: "/audit", view, toSearch: auditViewToSearch });
  const { list, rows, footer } = useCursorList<AuditEventRow, AuditPage<AuditEventRow>>({ queryKey: auditKeys.list(search), endpoint: "/api/audit", search, initialPage, limit: 100 });
  const filtered = search !== "";
  return (
    <div className="space-y-3">
      <form
        key={search}
        className="flex flex-wrap items-end gap-3"
        role="search"
        aria-label="Filter audit events"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          go(Object.fromEntries(AUDIT_VIEW_KEYS.map((k) => [k, String(form.get(k) ?? "").trim() || undefined])));
        }}
      >
        <label className="flex flex-col gap-1 text-xs font-medium">
          Actor
          <input name="actor" defaultValue={view.actor} className={inputBase} placeholder="name or id" />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium">
          Action
          <input name="action" defaultValue={view.action} className={inputBase} placeholder="e.g. token." />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium">
          Target id
          <input name="target" defaultValue={view.target} className={inputBase} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium">
          Result
          <select name="result" defaultValue={view.result ?? ""} className={inputBase}>
            <option value="">Any</option>
            <option value="success">Success</option>
            <option value="failure">Failure</option>
            <option value="pending" title="Sent to Defender; the outcome was not recorded">Pending</option>
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium">
          From
          <input type="date" name="from" defaultValue={view.from} className={inputBase} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium">
          To
          <input type="date" name="to" defaultValue={view.to} className={inputBase} />
        </label>
        <button type="submit" className={buttonSecondary}>
          Apply
        </button>
        {filtered ? (
          <Link href="/audit" className="text-sm text-blue-700 underline dark:text-blue-300">
            Clear filters
          </Link>
        ) : null}
        {navigating ? (
          <span role="status" className="text-xs text-slate-500">
            Loading…
          </span>
        ) : null}
      </form>
      <AuditTable rows={rows} empty={filtered ? <NoMatches what="audit events" clearHref="/audit" /> : "Nothing has been recorded yet."} />
      <ListFooter summary={`${rows.length} shown${list.hasNextPage ? "; more match" : ""}`} list={footer} />
    </div>
  );
}
