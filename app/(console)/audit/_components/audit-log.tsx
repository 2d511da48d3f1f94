"use client";

import { auditKeys } from "../../_query/keys";
import { useCursorList, useUrlListView } from "../../_query/use-url-list";
import { AuditTable } from "@/components/audit/audit-table";
import { ListFooter } from "@/components/ui/list-footer";
import { NoMatches } from "@/components/ui/no-matches";
import { inputBase } from "@/components/ui/button-styles";
import { FilterField, FilterForm } from "@/components/ui/filter-form";
import type { AuditEventRow } from "@/lib/audit";
import { auditViewToSearch, AUDIT_VIEW_KEYS, type AuditPage, type AuditView } from "@/lib/audit/schemas";

// The audit log's client container: the URL is the view (the filter form pushes it); the server renders the
// first page and "Load more" pages on by cursor (newest first).

export function AuditLog({
  view,
  search,
  initialPage,
}: {
  view: AuditView;
  search: string;
  initialPage: AuditPage<AuditEventRow>;
}) {
  const { go, navigating } = useUrlListView({ path: "/audit", view, toSearch: auditViewToSearch });
  const { list, rows, footer } = useCursorList<AuditEventRow, AuditPage<AuditEventRow>>({
    queryKey: auditKeys.list(search),
    endpoint: "/api/audit",
    search,
    initialPage,
    limit: 100,
  });
  const filtered = search !== "";
  return (
    <div className="space-y-3">
      <FilterForm
        key={search}
        label="Filter audit events"
        onApply={(form) =>
          go(Object.fromEntries(AUDIT_VIEW_KEYS.map((k) => [k, String(form.get(k) ?? "").trim() || undefined])))
        }
        clearHref="/audit"
        filtered={filtered}
        navigating={navigating}
      >
        <FilterField label="Actor">
          <input name="actor" defaultValue={view.actor} className={inputBase} placeholder="name or id" />
        </FilterField>
        <FilterField label="Action">
          <input name="action" defaultValue={view.action} className={inputBase} placeholder="e.g. token." />
        </FilterField>
        <FilterField label="Target id">
          <input name="target" defaultValue={view.target} className={inputBase} />
        </FilterField>
        <FilterField label="Result">
          <select name="result" defaultValue={view.result ?? ""} className={inputBase}>
            <option value="">Any</option>
            <option value="success">Success</option>
            <option value="failure">Failure</option>
            <option value="pending" title="Sent to Defender; the outcome was not recorded">
              Pending
            </option>
          </select>
        </FilterField>
        <FilterField label="From">
          <input type="date" name="from" defaultValue={view.from} className={inputBase} />
        </FilterField>
        <FilterField label="To">
          <input type="date" name="to" defaultValue={view.to} className={inputBase} />
        </FilterField>
      </FilterForm>
      <AuditTable
        rows={rows}
        empty={filtered ? <NoMatches what="audit events" clearHref="/audit" /> : "Nothing has been recorded yet."}
      />
      <ListFooter summary={`${rows.length} shown${list.hasNextPage ? "; more match" : ""}`} list={footer} />
    </div>
  );
}
