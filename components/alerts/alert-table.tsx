import Link from "next/link";
import type { ReactNode } from "react";
import type { ColumnDef, VisibilityState } from "@tanstack/react-table";
import type { AlertRow, SortColumn } from "@/lib/alerts/schemas";
import { triageRowProps, type TriageRowState } from "@/components/ui/triage-row-props";
import { label } from "@/lib/labels";
import { DataTable, type DataTableGroup } from "@/components/ui/data-table";
import { shortDuration } from "./sla";
import { PriorityBadge, SeverityText, SlaBadge } from "./badges";

// The queue's table: the alert columns for the one DataTable. Sorting is by header buttons (aria-sort on the
// header cell); selection by checkbox; the focused row (j/k) is marked with aria-current and a ring.

const dash = (v: string | null | undefined) => v || "—";

/** A long name on one line, cut with an ellipsis (in full on hover), so the compact queue keeps its columns in view. */
function Clipped({ text }: { text: string }) {
  return (
    <span className="block max-w-48 truncate" title={text}>
      {text}
    </span>
  );
}

/** The queue's columns; every one sorts (server-side), its id being the URL's `sort` value. */
export function alertColumns(now: number): ColumnDef<AlertRow>[] {
  const col = (
    id: SortColumn,
    header: string,
    cell: ColumnDef<AlertRow>["cell"],
    meta?: ColumnDef<AlertRow>["meta"],
  ): ColumnDef<AlertRow> => ({ id, header, cell, meta, enableSorting: true });
  return [
    col("priority", "Priority", ({ row: { original: r } }) => (
      <PriorityBadge priority={r.priority} rule={r.priorityRule} />
    )),
    col("severity", "Severity", ({ row: { original: r } }) => <SeverityText severity={r.severity} />),
    col(
      "title",
      "Title",
      ({ row: { original: r } }) => (
        <Link
          href={`/alerts/${encodeURIComponent(r.id)}`}
          title={r.title}
          className="block max-w-xs truncate font-medium text-blue-800 hover:underline dark:text-blue-300"
        >
          {r.title}
        </Link>
      ),
      { headerClassName: "min-w-64", cellProps: () => ({ "data-col": "title" }) },
    ),
    col("status", "Status", ({ row: { original: r } }) => label("alertStatus", r.status), {
      cellClassName: "whitespace-nowrap text-xs",
      cellProps: () => ({ "data-col": "status" }),
    }),
    col("category", "Category", ({ row: { original: r } }) => label("category", r.category), {
      cellClassName: "text-xs",
    }),
    col("technique", "MITRE", ({ row: { original: r } }) => dash(r.mitreTechniques.join(", ")), {
      cellClassName: "font-mono text-xs",
    }),
    col("device", "Device", ({ row: { original: r } }) => <Clipped text={dash(r.computerDnsName)} />, {
      cellClassName: "whitespace-nowrap text-xs",
      cellProps: () => ({ "data-col": "device" }),
    }),
    col("user", "User", ({ row: { original: r } }) => dash(r.userName), { cellClassName: "text-xs" }),
    col("source", "Source", ({ row: { original: r } }) => label("detectionSource", r.detectionSource), {
      cellClassName: "text-xs",
    }),
    col(
      "assignedTo",
      "Assigned to",
      ({ row: { original: r } }) =>
        r.assignedTo ? <Clipped text={r.assignedTo} /> : <span className="text-slate-400">unassigned</span>,
      {
        cellClassName: "whitespace-nowrap text-xs",
        cellProps: () => ({ "data-col": "assignedTo" }),
      },
    ),
    col("age", "Age", ({ row: { original: r } }) => shortDuration(Math.max(0, now - Date.parse(r.alertCreationTime))), {
      cellClassName: "whitespace-nowrap text-xs",
      cellProps: (r) => ({ title: r.alertCreationTime }),
    }),
    col(
      "sla",
      "SLA",
      ({ row: { original: r } }) => (
        <SlaBadge slaDueAt={r.slaDueAt} status={r.status} alertCreationTime={r.alertCreationTime} now={now} />
      ),
      {
        cellClassName: "whitespace-nowrap",
        cellProps: () => ({ "data-col": "sla" }),
      },
    ),
  ];
}

/**
 * Columns an analyst's queue hides until they choose them (the column chooser): the rest — priority, title,
 * status, device, assigned to and SLA — fit a 1440-pixel screen without scrolling sideways.
 */
export const DEFAULT_HIDDEN_ALERT_COLUMNS: VisibilityState = {
  age: false,
  severity: false,
  category: false,
  technique: false,
  user: false,
  source: false,
};

export interface AlertTableProps extends TriageRowState {
  rows: AlertRow[];
  sort: SortColumn;
  dir: "asc" | "desc";
  onSort: (column: SortColumn) => void;
  now: number;
  selectable: boolean;
  selected: ReadonlySet<string>;
  onSelect: (ids: Set<string>) => void;
  empty: ReactNode;
  /** The columns shown (the reader's stored choice) and the chooser's callback. */
  columnVisibility: VisibilityState;
  onColumnVisibilityChange: (next: VisibilityState) => void;
  /** A grouped queue: group header rows, each with its rows when expanded. */
  groups?: DataTableGroup<AlertRow>[];
}

export function AlertTable({
  rows,
  sort,
  dir,
  onSort,
  now,
  selectable,
  selected,
  onSelect,
  empty,
  columnVisibility,
  onColumnVisibilityChange,
  groups,
  ...rowState
}: AlertTableProps) {
  return (
    <DataTable
      label="Alert queue"
      tableProps={{ "aria-rowcount": -1 }}
      dense
      cellClassName="py-1"
      columnPicker
      columnVisibility={{ value: columnVisibility, onChange: onColumnVisibilityChange }}
      groups={groups}
      rows={rows}
      columns={alertColumns(now)}
      getRowId={(r) => r.id}
      sort={{ column: sort, dir, onSort: (c) => onSort(c as SortColumn) }}
      selection={
        selectable
          ? {
              selected,
              onChange: onSelect,
              allLabel: "Select all shown alerts",
              rowLabel: (r) => `Select ${r.title} (${r.id})`,
            }
          : undefined
      }
      activeRowId={rowState.focusedId}
      rowProps={(r) => triageRowProps(r.id, "data-alert-id", rowState)}
      empty={empty}
    />
  );
}
