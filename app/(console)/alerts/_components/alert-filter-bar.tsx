"use client";

import { ClearFiltersLink, NavigatingStatus } from "@/components/ui/filter-form";
import type { Ref } from "react";
import { MultiSelect } from "@/components/ui/multi-select";
import { SearchBox } from "@/components/ui/search-box";
import { inputBase } from "@/components/ui/button-styles";
import { SlaFilterSelect } from "@/components/alerts/sla-filter-select";
import {
  ALERT_STATUSES,
  ASSIGNED_TO_ME,
  GROUP_BY,
  hasFilters,
  PRIORITIES,
  SEVERITIES,
  TIME_RANGES,
  UNASSIGNED,
} from "@/lib/alerts/vocabulary";
import type { AlertView } from "@/lib/alerts/schemas";
import { labeller } from "@/lib/labels";

// The queue's filter bar: every control changes the URL through `go` (useUrlListView).

const RANGE_LABEL: Record<string, string> = {
  "1d": "Last day",
  "3d": "Last 3 days",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  "90d": "Last 3 months",
  "180d": "Last 6 months",
};
export const GROUP_LABEL: Record<string, string> = {
  none: "No grouping",
  incident: "Incident",
  device: "Device",
  title: "Title / detector",
  category: "Category",
};

export interface AlertFilterBarProps {
  view: AlertView;
  me: string;
  options: { categories: string[]; sources: string[]; techniques: string[]; assignees: string[] };
  go: (next: Partial<AlertView>) => void;
  navigating: boolean;
  /** The search box, for the "/" shortcut. */
  searchRef: Ref<HTMLInputElement>;
}

export function AlertFilterBar({ view, me, options, go, navigating, searchRef }: AlertFilterBarProps) {
  const filtered = hasFilters(view);
  return (
    <div role="search" aria-label="Filter alerts" className="flex flex-wrap items-center gap-2">
      <SearchBox
        id="alert-search"
        label="Search title, device, user, id, hash or IP"
        placeholder="Search title, device, user, id, hash, IP  ( / )"
        defaultValue={view.q ?? ""}
        width="w-72"
        onSearch={(q) => go({ q })}
        searchAsYouType
        inputRef={searchRef}
      />
      <MultiSelect
        label="Severity"
        options={SEVERITIES}
        value={view.severity}
        onChange={(v) => go({ severity: v as AlertView["severity"] })}
        format={labeller("severity")}
      />
      <MultiSelect
        label="Status"
        options={ALERT_STATUSES}
        value={view.status}
        onChange={(v) => go({ status: v as AlertView["status"] })}
        format={labeller("alertStatus")}
      />
      <MultiSelect
        label="Priority"
        options={PRIORITIES}
        value={view.priority}
        onChange={(v) => go({ priority: v as AlertView["priority"] })}
      />
      <MultiSelect
        label="Category"
        options={options.categories}
        value={view.category}
        onChange={(v) => go({ category: v })}
        format={labeller("category")}
      />
      <MultiSelect
        label="Source"
        options={options.sources}
        value={view.source}
        onChange={(v) => go({ source: v })}
        format={labeller("detectionSource")}
      />
      <MultiSelect
        label="Technique"
        options={options.techniques}
        value={view.technique}
        onChange={(v) => go({ technique: v })}
      />
      <MultiSelect
        label="Assigned to"
        options={[ASSIGNED_TO_ME, UNASSIGNED, ...options.assignees]}
        value={view.assignedTo}
        onChange={(v) => go({ assignedTo: v })}
        format={(v) => (v === ASSIGNED_TO_ME ? `Me (${me})` : v === UNASSIGNED ? "Unassigned" : v)}
      />
      <label className="flex items-center gap-1 text-xs font-medium">
        <span className="sr-only">Time range</span>
        <select
          aria-label="Time range"
          value={view.range}
          onChange={(e) => go({ range: e.target.value as AlertView["range"] })}
          className={inputBase}
        >
          {Object.keys(TIME_RANGES).map((r) => (
            <option key={r} value={r}>
              {RANGE_LABEL[r]}
            </option>
          ))}
        </select>
      </label>
      <SlaFilterSelect value={view.sla} onChange={(sla) => go({ sla })} />
      <select
        aria-label="Group by"
        value={view.group}
        onChange={(e) => go({ group: e.target.value as AlertView["group"] })}
        className={inputBase}
      >
        {GROUP_BY.map((g) => (
          <option key={g} value={g}>
            {g === "none" ? GROUP_LABEL.none : `Group by ${GROUP_LABEL[g].toLowerCase()}`}
          </option>
        ))}
      </select>
      <ClearFiltersLink href="/alerts" filtered={filtered} />
      {view.incident || view.device || view.title || view.detector ? (
        <span className="text-xs text-slate-600 dark:text-slate-400">
          Only{" "}
          {view.incident
            ? `incident ${view.incident}`
            : view.device
              ? `device ${view.device}`
              : view.title
                ? `“${view.title}”`
                : "alerts raised by one custom detection rule"}
        </span>
      ) : null}
      <NavigatingStatus navigating={navigating} />
    </div>
  );
}
