import type { ReactNode } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable } from "@/components/ui/data-table";

/** One column of a chart's table view and CSV: `value` is the raw figure, `render` how a cell shows it. */
export interface Column<T> {
  key: string;
  label: string;
  value: (row: T) => string | number | boolean | null;
  render?: (row: T) => ReactNode;
  numeric?: boolean;
}

/** A chart's rows as a table: the chart's columns (shared with its CSV) become the one DataTable's column defs. */
export function ChartTable<T>({
  caption,
  columns,
  rows,
  empty,
  rowKey,
}: {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  empty: ReactNode;
  rowKey: (row: T) => string;
}) {
  return <DataTable caption={caption} columns={columns.map(toColumnDef)} rows={rows} getRowId={rowKey} empty={empty} />;
}

function toColumnDef<T>(c: Column<T>): ColumnDef<T> {
  return {
    id: c.key,
    header: c.label,
    cell: ({ row }) => (c.render ? c.render(row.original) : String(c.value(row.original) ?? "—")),
    meta: { numeric: c.numeric },
  };
}
