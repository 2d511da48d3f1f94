"use client";

import Link from "next/link";
import { incidentKeys } from "../../_query/keys";
import { useCursorList, useUrlListView } from "../../_query/use-url-list";
import { IncidentTable } from "@/components/incidents/incident-table";
import { ListFooter } from "@/components/ui/list-footer";
import { NoMatches } from "@/components/ui/no-matches";
import { buttonSecondary, inputBase } from "@/components/ui/button-styles";
import { SEVERITIES } from "@/lib/alerts/schemas";
import { hasIncidentFilters, incidentFilterToSearch, INCIDENT_STATUSES, type IncidentFilter, type IncidentPage, type IncidentRow } from "@/lib/incidents/schemas";

// The incident list's client container: the URL is the view (the filter form pushes it); the server renders the
// first page and "Load more" pages on by cursor.

export function IncidentList({ filter, search, initialPage }: { filter: IncidentFilter; search: string; initialPage: IncidentPage }) {
  const { go, navigating } = useUrlListView({ path: "/incidents", view: filter, toSearch: incidentFilterToSearch });
  const { list, rows, footer } = useCursorList<IncidentRow, IncidentPage>({ queryKey: incidentKeys.list(search), endpoint: "/api/incidents", search, initialPage });
  const filtered = hasIncidentFilters(filter);
  return (
    <div className="space-y-3">
      <form
        key={search}
        role="search"
        aria-label="Filter incidents"
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          const text = (name: string) => String(form.get(name) ?? "").trim();
          go({
            q: text("q") || undefined,
            status: form.getAll("status").map(String) as IncidentFilter["status"],
            severity: form.getAll("severity").map(String) as IncidentFilter["severity"],
            assignedTo: text("assignedTo").split(",").map((a) => a.trim()).filter(Boolean),
            sort: text("sort") === "created" ? "created" : "updated",
          });
        }}
      >
        <label className="flex flex-col gap-1 text-xs font-medium">
          Search
          <input name="q" defaultValue={filter.q} className={inputBase} placeholder="incident name" />
        </label>
        <fieldset className="flex flex-col gap-1 text-xs font-medium">
          <legend>Status</legend>
          <div className="flex gap-2">
            {INCIDENT_STATUSES.map((s) => (
              <label key={s} className="flex items-center gap-1 font-normal">
                <input type="checkbox" name="status" value={s} defaultChecked={filter.status.includes(s)} /> {s}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="flex flex-col gap-1 text-xs font-medium">
          <legend>Severity</legend>
          <div className="flex gap-2">
            {SEVERITIES.map((s) => (
              <label key={s} className="flex items-center gap-1 font-normal">
                <input type="checkbox" name="severity" value={s} defaultChecked={filter.severity.includes(s)} /> {s}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="flex flex-col gap-1 text-xs font-medium">
          Assigned to
          <input name="assignedTo" defaultValue={filter.assignedTo.join(",")} className={inputBase} placeholder="@me or name@contoso.com" />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium">
          Sort
          <select name="sort" defaultValue={filter.sort} className={inputBase}>
            <option value="updated">Last updated</option>
            <option value="created">Created</option>
          </select>
        </label>
        <button type="submit" className={buttonSecondary}>
          Apply
        </button>
        {filtered ? (
          <Link href="/incidents" className="text-sm text-blue-700 underline dark:text-blue-300">
            Clear filters
          </Link>
        ) : null}
        {navigating ? (
          <span role="status" className="text-xs text-slate-500">
            Loading…
          </span>
        ) : null}
      </form>
      <IncidentTable rows={rows} empty={filtered ? <NoMatches what="incidents" clearHref="/incidents" /> : "Nothing synced yet: no incidents in the cache."} />
      <ListFooter summary={`${rows.length} shown${list.hasNextPage ? "; more match" : ""}`} list={footer} />
    </div>
  );
}
