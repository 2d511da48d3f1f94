import { formatUtc } from "@/components/ui/format";
import Link from "next/link";
import type { ReactNode } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { triageRowProps, type TriageRowState } from "@/components/ui/triage-row-props";
import { DataTable } from "@/components/ui/data-table";
import { PriorityBadge, SeverityText, SlaBadge } from "@/components/alerts/badges";
import { CLOSED_INCIDENT_STATUSES, type IncidentRow, type IncidentSort } from "@/lib/incidents/schemas";
import { label } from "@/lib/labels";

// The incident list's table: the columns for the one DataTable, sortable by priority, SLA, last update and
// creation (server-side), with selection for bulk triage and the keyboard's focused row (aria-current).

const isClosed = (status: string) => (CLOSED_INCIDENT_STATUSES as readonly string[]).includes(status);

export function incidentColumns(now: number): ColumnDef<IncidentRow>[] {
  const sortable = (id: IncidentSort) => ({ id, enableSorting: true });
  return [
    {
      ...sortable("priority"),
      header: "Priority",
      cell: ({ row: { original: i } }) => <PriorityBadge priority={i.priority} rule={null} />,
    },
    {
      id: "name",
      header: "Incident",
      cell: ({ row: { original: i } }) => (
        <>
          <Link href={`/incidents/${i.id}`} className="font-medium text-blue-800 hover:underline dark:text-blue-300">
            {i.name}
          </Link>
          <span className="block text-xs text-slate-500">#{i.id}</span>
        </>
      ),
      meta: { headerClassName: "min-w-64", cellClassName: "max-w-md" },
    },
    {
      id: "severity",
      header: "Severity",
      cell: ({ row }) => <SeverityText severity={row.original.severity} />,
      meta: { cellProps: () => ({ "data-col": "severity" }) },
    },
    {
      id: "status",
      header: "Status",
      cell: ({ row }) => label("incidentStatus", row.original.status),
      meta: { cellClassName: "text-xs", cellProps: () => ({ "data-col": "status" }) },
    },
    {
      id: "runbook",
      header: "Runbook",
      cell: ({ row: { original: i } }) =>
        i.runbook ? (
          <span title={`${i.runbook.done} of ${i.runbook.total} runbook tasks done`}>
            {i.runbook.done}/{i.runbook.total}
          </span>
        ) : (
          <span className="text-slate-400">—</span>
        ),
      meta: { cellClassName: "text-xs tabular-nums", cellProps: () => ({ "data-col": "runbook" }) },
    },
    { id: "alerts", header: "Alerts", cell: ({ row }) => row.original.alertCount, meta: { numeric: true } },
    { id: "devices", header: "Devices", cell: ({ row }) => row.original.deviceCount, meta: { numeric: true } },
    {
      id: "assignedTo",
      header: "Assigned to",
      cell: ({ row }) => row.original.assignedTo ?? <span className="text-slate-400">unassigned</span>,
      meta: { cellClassName: "text-xs", cellProps: () => ({ "data-col": "assignedTo" }) },
    },
    {
      ...sortable("sla"),
      header: "SLA",
      cell: ({ row: { original: i } }) =>
        isClosed(i.status) ? (
          <span className="text-xs text-slate-500">closed</span>
        ) : (
          // The clock runs from the incident's creation to its earliest open alert's deadline.
          <SlaBadge slaDueAt={i.slaDueAt} status={i.status} alertCreationTime={i.createdTime} now={now} />
        ),
      meta: { cellClassName: "whitespace-nowrap" },
    },
    {
      ...sortable("updated"),
      header: "Last update (UTC)",
      cell: ({ row }) => formatUtc(row.original.lastUpdateTime, "—", { zone: false }),
      meta: { cellClassName: "whitespace-nowrap font-mono text-xs" },
    },
    {
      ...sortable("created"),
      header: "Created (UTC)",
      cell: ({ row }) => formatUtc(row.original.createdTime, "—", { zone: false }),
      meta: { cellClassName: "whitespace-nowrap font-mono text-xs" },
    },
  ];
}

export interface IncidentTableProps extends TriageRowState {
  rows: IncidentRow[];
  sort: IncidentSort;
  dir: "asc" | "desc";
  onSort: (column: IncidentSort) => void;
  now: number;
  selectable: boolean;
  selected: ReadonlySet<string>;
  onSelect: (ids: Set<string>) => void;
  empty: ReactNode;
}

export function IncidentTable({
  rows,
  sort,
  dir,
  onSort,
  now,
  selectable,
  selected,
  onSelect,
  empty,
  ...rowState
}: IncidentTableProps) {
  return (
    <DataTable
      caption="Incidents"
      dense
      rows={rows}
      columns={incidentColumns(now)}
      getRowId={(i) => i.id}
      sort={{ column: sort, dir, onSort: (c) => onSort(c as IncidentSort) }}
      selection={
        selectable
          ? {
              selected,
              onChange: onSelect,
              allLabel: "Select all shown incidents",
              rowLabel: (i) => `Select ${i.name} (#${i.id})`,
            }
          : undefined
      }
      activeRowId={rowState.focusedId}
      rowProps={(i) => triageRowProps(i.id, "data-incident-id", rowState)}
      empty={empty}
    />
  );
}
