"use client";

import { incidentKeys } from "../../_query/keys";
import { useCursorList, useUrlListView } from "../../_query/use-url-list";
import { IncidentTable } from "@/components/incidents/incident-table";
import { ListFooter } from "@/components/ui/list-footer";
import { NoMatches } from "@/components/ui/no-matches";
import { inputBase } from "@/components/ui/button-styles";
import { CheckboxGroup, FilterField, FilterForm } from "@/components/ui/filter-form";
import { SEVERITIES } from "@/lib/alerts/vocabulary";
import {
  hasIncidentFilters,
  incidentFilterToSearch,
  INCIDENT_STATUSES,
  type IncidentFilter,
  type IncidentPage,
  type IncidentRow,
} from "@/lib/incidents/schemas";
import { labeller } from "@/lib/labels";

// The incident list's client container: the URL is the view (the filter form pushes it); the server renders the
// first page and "Load more" pages on by cursor.

export function IncidentList({
  filter,
  search,
  initialPage,
}: {
  filter: IncidentFilter;
  search: string;
  initialPage: IncidentPage;
}) {
  const { go, navigating } = useUrlListView({ path: "/incidents", view: filter, toSearch: incidentFilterToSearch });
  const { list, rows, footer } = useCursorList<IncidentRow, IncidentPage>({
    queryKey: incidentKeys.list(search),
    endpoint: "/api/incidents",
    search,
    initialPage,
  });
  const filtered = hasIncidentFilters(filter);
  return (
    <div className="space-y-3">
      <FilterForm
        key={search}
        label="Filter incidents"
        onApply={(form) => {
          const text = (name: string) => String(form.get(name) ?? "").trim();
          go({
            q: text("q") || undefined,
            status: form.getAll("status").map(String) as IncidentFilter["status"],
            severity: form.getAll("severity").map(String) as IncidentFilter["severity"],
            assignedTo: text("assignedTo")
              .split(",")
              .map((a) => a.trim())
              .filter(Boolean),
            sort: text("sort") === "created" ? "created" : "updated",
          });
        }}
        clearHref="/incidents"
        filtered={filtered}
        navigating={navigating}
      >
        <FilterField label="Search">
          <input name="q" defaultValue={filter.q} className={inputBase} placeholder="incident name" />
        </FilterField>
        <CheckboxGroup
          legend="Status"
          name="status"
          options={INCIDENT_STATUSES}
          checked={filter.status}
          format={labeller("incidentStatus")}
        />
        <CheckboxGroup
          legend="Severity"
          name="severity"
          options={SEVERITIES}
          checked={filter.severity}
          format={labeller("severity")}
        />
        <FilterField label="Assigned to">
          <input
            name="assignedTo"
            defaultValue={filter.assignedTo.join(",")}
            className={inputBase}
            placeholder="@me or name@contoso.com"
          />
        </FilterField>
        <FilterField label="Sort">
          <select name="sort" defaultValue={filter.sort} className={inputBase}>
            <option value="updated">Last updated</option>
            <option value="created">Created</option>
          </select>
        </FilterField>
      </FilterForm>
      <IncidentTable
        rows={rows}
        empty={
          filtered ? (
            <NoMatches what="incidents" clearHref="/incidents" />
          ) : (
            "Nothing synced yet: no incidents in the cache."
          )
        }
      />
      <ListFooter summary={`${rows.length} shown${list.hasNextPage ? "; more match" : ""}`} list={footer} />
    </div>
  );
}
