"use client";

import { ClearFiltersLink, NavigatingStatus } from "@/components/ui/filter-form";
import { NoMatches } from "@/components/ui/no-matches";
import { NothingSynced } from "@/components/ui/nothing-synced";
import { TabBar } from "@/components/ui/tab-bar";
import { deviceKeys } from "../../_query/keys";
import { useUrlList } from "../../_query/use-url-list";
import { DeviceTable } from "@/components/devices/device-table";
import { MultiSelect } from "@/components/ui/multi-select";
import { SearchBox } from "@/components/ui/search-box";
import { ListFooter } from "@/components/ui/list-footer";
import { buttonSecondary } from "@/components/ui/button-styles";
import {
  COMPLIANCE_STATES,
  defaultDeviceDirection,
  DEVICE_FLAG_LABELS,
  DEVICE_FLAGS,
  deviceViewToSearch,
  EXPOSURE_LEVELS,
  hasDeviceFilters,
  HEALTH_STATUSES,
  ISOLATION_STATES,
  ONBOARDING_STATUSES,
  PLATFORM_TAB_LABELS,
  PLATFORM_TABS,
  POSTURE_FILTER_LABELS,
  POSTURE_FILTERS,
  RISK_SCORES,
  type DevicePage,
  type DeviceFilterOptions,
  type DeviceRow,
  type DeviceSortColumn,
  type DeviceView,
} from "@/lib/devices/schemas";
import { BulkResponse } from "./bulk-response";
import { cn } from "@/components/ui/cn";
import { labeller } from "@/lib/labels";

// The inventory's client container: the URL is the view; the server renders the first page, useUrlList pages on
// with the cursor ("load more") and keeps the selection for a bulk scan (local; cleared on a new view).

export interface DeviceInventoryProps {
  view: DeviceView;
  search: string;
  initialPage: DevicePage;
  now: number;
  canRespond: boolean;
  /** Four-eyes approval is on: bulk isolation requests approval for each device. */
  fourEyes: boolean;
  cache: { hasDevices: boolean; lastSyncAt: string | null };
  options: DeviceFilterOptions;
}

const pill = (active: boolean) =>
  cn(
    "rounded-full border px-3 py-1 text-sm",
    active
      ? "border-blue-700 bg-blue-700 text-white dark:border-blue-400 dark:bg-blue-500"
      : "border-slate-300 bg-white text-slate-800 hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800",
  );

const deviceId = (r: DeviceRow) => r.id;

export function DeviceInventory({
  view,
  search,
  initialPage,
  now,
  canRespond,
  fourEyes,
  cache,
  options,
}: DeviceInventoryProps) {
  const dir = view.dir ?? defaultDeviceDirection(view.sort);
  const { go, href, navigating, rows, pages, footer, selection } = useUrlList<DeviceView, DeviceRow, DevicePage>({
    path: "/devices",
    view,
    toSearch: deviceViewToSearch,
    queryKey: deviceKeys.list(search),
    endpoint: "/api/devices",
    search,
    initialPage,
    idOf: deviceId,
  });
  const total = pages[0]?.total ?? rows.length;
  const totalText = `${total}${pages[0]?.totalCapped ? "+" : ""}`;
  const selected = selection.selected;

  function sortBy(column: DeviceSortColumn) {
    go({ sort: column, dir: column === view.sort ? (dir === "asc" ? "desc" : "asc") : defaultDeviceDirection(column) });
  }

  const filtered = hasDeviceFilters(view);
  const empty = !cache.hasDevices ? (
    <NothingSynced kind="device" lastSyncAt={cache.lastSyncAt} now={now} />
  ) : (
    <NoMatches what="devices" clearHref="/devices" />
  );

  return (
    <div className="space-y-3">
      <TabBar
        label="Platform"
        tabs={PLATFORM_TABS.map((tab) => ({
          key: tab,
          href: href({ platform: tab }),
          active: view.platform === tab,
          label: PLATFORM_TAB_LABELS[tab],
        }))}
      />

      <div role="group" aria-label="Quick filters" className="flex flex-wrap gap-2">
        {DEVICE_FLAGS.map((flag) => {
          const active = view.flag.includes(flag);
          return (
            <button
              key={flag}
              type="button"
              aria-pressed={active}
              className={pill(active)}
              onClick={() => go({ flag: active ? view.flag.filter((f) => f !== flag) : [...view.flag, flag] })}
            >
              {DEVICE_FLAG_LABELS[flag]}
            </button>
          );
        })}
      </div>

      <div role="search" aria-label="Filter devices" className="flex flex-wrap items-center gap-2">
        <SearchBox
          id="device-search"
          label="Search name, IP or user"
          placeholder="Search name, IP or user"
          defaultValue={view.q ?? ""}
          width="w-64"
          onSearch={(q) => go({ q })}
        />
        <MultiSelect
          label="Risk"
          options={RISK_SCORES}
          value={view.risk}
          onChange={(v) => go({ risk: v as DeviceView["risk"] })}
          format={labeller("riskScore")}
        />
        <MultiSelect
          label="Exposure"
          options={EXPOSURE_LEVELS}
          value={view.exposure}
          onChange={(v) => go({ exposure: v as DeviceView["exposure"] })}
          format={labeller("exposureLevel")}
        />
        <MultiSelect
          label="Health"
          options={HEALTH_STATUSES}
          value={view.health}
          onChange={(v) => go({ health: v as DeviceView["health"] })}
          format={labeller("healthStatus")}
        />
        <MultiSelect
          label="Onboarding"
          options={ONBOARDING_STATUSES}
          value={view.onboarding}
          onChange={(v) => go({ onboarding: v as DeviceView["onboarding"] })}
          format={labeller("onboardingStatus")}
        />
        <MultiSelect
          label="Compliance"
          options={COMPLIANCE_STATES}
          value={view.compliance}
          onChange={(v) => go({ compliance: v as DeviceView["compliance"] })}
          format={labeller("complianceState")}
        />
        <MultiSelect
          label="Isolation"
          options={ISOLATION_STATES}
          value={view.isolation}
          onChange={(v) => go({ isolation: v as DeviceView["isolation"] })}
          format={labeller("isolationState")}
        />
        <MultiSelect label="Group" options={options.groups} value={view.group} onChange={(v) => go({ group: v })} />
        <MultiSelect label="Tag" options={options.tags} value={view.tag} onChange={(v) => go({ tag: v })} />
        <MultiSelect
          label="Posture"
          options={POSTURE_FILTERS}
          value={view.posture}
          onChange={(v) => go({ posture: v as DeviceView["posture"] })}
          format={(v) => POSTURE_FILTER_LABELS[v as keyof typeof POSTURE_FILTER_LABELS] ?? v}
        />
        <ClearFiltersLink href="/devices" filtered={filtered} />
        <NavigatingStatus navigating={navigating} />
        <a
          href={`/api/devices/export${search ? `?${search}` : ""}`}
          className={cn(buttonSecondary, "ml-auto")}
          download
        >
          Export CSV ({totalText})
        </a>
      </div>

      <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="device-total">
        {totalText} device{total === 1 ? "" : "s"} match
      </p>

      {canRespond ? (
        <BulkResponse
          devices={rows.filter((r) => selected.has(r.id))}
          fourEyes={fourEyes}
          now={now}
          onDone={selection.clear}
        />
      ) : null}

      <DeviceTable
        rows={rows}
        sort={view.sort}
        dir={dir}
        onSort={sortBy}
        now={now}
        selectable={canRespond}
        selected={selected}
        onSelect={selection.set}
        empty={empty}
      />

      <ListFooter
        summary={
          <>
            {rows.length} of {totalText} shown
          </>
        }
        list={footer}
      />
    </div>
  );
}
