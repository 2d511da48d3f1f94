"use client";

import type { Ref } from "react";
import { ClearFiltersLink, NavigatingStatus } from "@/components/ui/filter-form";
import { MultiSelect } from "@/components/ui/multi-select";
import { SearchBox } from "@/components/ui/search-box";
import { SlaFilterSelect } from "@/components/alerts/sla-filter-select";
import { ASSIGNED_TO_ME, PRIORITIES, SEVERITIES, UNASSIGNED } from "@/lib/alerts/vocabulary";
import { labeller } from "@/lib/labels";
import { hasIncidentFilters, INCIDENT_STATUSES, type IncidentView } from "@/lib/incidents/schemas";

// The incident list's filter bar, the alert queue's pattern: disclosure menus with counts, every change goes to
// the URL through `go` (no Apply button).

export interface IncidentFilterBarProps {
  view: IncidentView;
  me: string;
  assignees: string[];
  go: (next: Partial<IncidentView>) => void;
  navigating: boolean;
  /** The search box, for the "/" shortcut. */
  searchRef: Ref<HTMLInputElement>;
}

export function IncidentFilterBar({ view, me, assignees, go, navigating, searchRef }: IncidentFilterBarProps) {
  return (
    <div role="search" aria-label="Filter incidents" className="flex flex-wrap items-center gap-2">
      <SearchBox
        id="incident-search"
        label="Search incident name or id"
        placeholder="Search name or id  ( / )"
        defaultValue={view.q ?? ""}
        width="w-64"
        onSearch={(q) => go({ q })}
        inputRef={searchRef}
      />
      <MultiSelect
        label="Status"
        options={INCIDENT_STATUSES}
        value={view.status}
        onChange={(v) => go({ status: v as IncidentView["status"] })}
        format={labeller("incidentStatus")}
      />
      <MultiSelect
        label="Severity"
        options={SEVERITIES}
        value={view.severity}
        onChange={(v) => go({ severity: v as IncidentView["severity"] })}
        format={labeller("severity")}
      />
      <MultiSelect
        label="Priority"
        options={PRIORITIES}
        value={view.priority}
        onChange={(v) => go({ priority: v as IncidentView["priority"] })}
      />
      <MultiSelect
        label="Assigned to"
        options={[ASSIGNED_TO_ME, UNASSIGNED, ...assignees]}
        value={view.assignedTo}
        onChange={(v) => go({ assignedTo: v })}
        format={(v) => (v === ASSIGNED_TO_ME ? `Me (${me})` : v === UNASSIGNED ? "Unassigned" : v)}
      />
      <SlaFilterSelect value={view.sla} onChange={(sla) => go({ sla })} />
      <ClearFiltersLink href="/incidents" filtered={hasIncidentFilters(view)} />
      <NavigatingStatus navigating={navigating} />
    </div>
  );
}
