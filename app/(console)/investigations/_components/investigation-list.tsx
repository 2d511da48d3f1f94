"use client";

import { ClearFiltersLink, NavigatingStatus } from "@/components/ui/filter-form";
import { NoMatches } from "@/components/ui/no-matches";
import { NothingSynced } from "@/components/ui/nothing-synced";
import { TabBar } from "@/components/ui/tab-bar";
import { MultiSelect } from "@/components/ui/multi-select";
import { SearchBox } from "@/components/ui/search-box";
import { ListFooter } from "@/components/ui/list-footer";
import { InvestigationTable } from "@/components/investigations/investigation-table";
import {
  ACTION_CENTER_URL,
  APPROVAL_TIMEOUT_DAYS,
  INVESTIGATION_STATES,
  investigationFilterToSearch,
  type InvestigationFilter,
  type InvestigationPage,
  type InvestigationView,
} from "@/lib/investigations/schemas";
import { labeller } from "@/lib/labels";
import { investigationKeys } from "../../_query/keys";
import { useCursorList, useUrlListView } from "../../_query/use-url-list";

// The investigations list's client container: the URL is the filter, pages load by cursor.

export interface InvestigationListProps {
  filter: InvestigationFilter;
  search: string;
  initialPage: InvestigationPage;
  pending: number;
  cache: { empty: boolean; lastSyncAt: string | null };
  now: number;
}

export function InvestigationList({ filter, search, initialPage, pending, cache, now }: InvestigationListProps) {
  const { go, href, navigating } = useUrlListView({
    path: "/investigations",
    view: filter,
    toSearch: investigationFilterToSearch,
  });
  const { rows, footer } = useCursorList<InvestigationView, InvestigationPage>({
    queryKey: investigationKeys.list(search),
    endpoint: "/api/investigations",
    search,
    initialPage,
  });
  const filtered = Boolean(filter.state.length || filter.q || filter.machine);
  const base = filter.view === "pending" ? "/investigations?view=pending" : "/investigations";
  return (
    <div className="space-y-3">
      <TabBar
        label="Investigation lists"
        tabs={[
          { key: "all", href: href({ view: "all" }), active: filter.view === "all", label: "All" },
          {
            key: "pending",
            href: href({ view: "pending" }),
            active: filter.view === "pending",
            label: (
              <>
                Pending approval
                {pending ? <span className="ml-1 rounded bg-amber-600 px-1 text-xs text-white">{pending}</span> : null}
              </>
            ),
          },
        ]}
      />
      {filter.view === "pending" ? (
        <p
          role="note"
          className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
        >
          These investigations wait for a person to approve or reject their remediation actions. Approval is not
          possible through Defender&apos;s API, so it cannot be done from this console: open the{" "}
          <a href={ACTION_CENTER_URL} target="_blank" rel="noreferrer" className="font-medium underline">
            Defender action center
          </a>
          . Pending actions time out after {APPROVAL_TIMEOUT_DAYS} days and are then treated as rejected; the countdown
          runs from the investigation&apos;s start, the earliest they can time out.
        </p>
      ) : null}
      <div role="search" aria-label="Filter investigations" className="flex flex-wrap items-center gap-2">
        <SearchBox
          id="investigation-search"
          label="Search device, alert title or alert id"
          placeholder="Search device, alert title or alert id"
          defaultValue={filter.q ?? ""}
          width="w-72"
          onSearch={(q) => go({ q })}
        />
        {filter.view === "all" ? (
          <MultiSelect
            label="State"
            options={INVESTIGATION_STATES}
            value={filter.state}
            onChange={(v) => go({ state: v as InvestigationFilter["state"] })}
            format={labeller("investigationState")}
          />
        ) : null}
        <ClearFiltersLink href={base} filtered={filtered} />
        <NavigatingStatus navigating={navigating} />
      </div>
      <InvestigationTable
        rows={rows}
        empty={
          cache.empty ? (
            <NothingSynced kind="investigation" lastSyncAt={cache.lastSyncAt} now={now} />
          ) : filtered ? (
            <NoMatches what="investigations" clearHref={base} />
          ) : filter.view === "pending" ? (
            "No investigation is waiting for approval."
          ) : (
            "No automated investigation."
          )
        }
      />
      <ListFooter summary={<>{rows.length} shown</>} list={footer} />
    </div>
  );
}
