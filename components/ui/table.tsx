import type { CSSProperties, ReactNode, ThHTMLAttributes, TdHTMLAttributes } from "react";
import { cn } from "./cn";

// Table primitives shared by every list in the console, so rows, headers and empty states look the same everywhere.

export function Table({ caption, children }: { caption: string; children: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

/** A column header; `dense` matches the tighter cells of the work queues (alerts, devices, actions). */
export function Th({ dense, ...props }: ThHTMLAttributes<HTMLTableCellElement> & { dense?: boolean }) {
  return (
    <th
      scope="col"
      {...props}
      className={cn(
        "border-b border-slate-200 bg-slate-50",
        dense ? "px-2" : "px-3",
        "py-2 text-xs font-semibold uppercase tracking-wide text-slate-600 dark:border-slate-800 dark:bg-slate-800/50 dark:text-slate-300",
        props.className,
      )}
    />
  );
}

/** A header (dense by default) that sorts its column when pressed, with the direction shown and announced (aria-sort). */
export function SortableTh({
  label,
  active,
  dir,
  onSort,
  className,
  style,
  dense = true,
}: {
  label: ReactNode;
  active: boolean;
  dir: "asc" | "desc";
  onSort: () => void;
  className?: string;
  style?: CSSProperties;
  dense?: boolean;
}) {
  return (
    <Th
      dense={dense}
      className={className}
      style={style}
      aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"}
    >
      <button
        type="button"
        className="inline-flex items-center gap-1 uppercase hover:text-blue-700 dark:hover:text-blue-300"
        onClick={onSort}
      >
        {label}
        <span aria-hidden="true" className={active ? "" : "opacity-0"}>
          {dir === "asc" ? "▲" : "▼"}
        </span>
      </button>
    </Th>
  );
}

/** The select-all checkbox header of a list whose rows can be selected in bulk. */
export function SelectAllTh({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <Th dense className="w-8">
      <input type="checkbox" aria-label={label} checked={checked} onChange={(e) => onChange(e.target.checked)} />
    </Th>
  );
}

export function Td(props: TdHTMLAttributes<HTMLTableCellElement>) {
  return (
    <td
      {...props}
      className={cn("border-b border-slate-100 px-3 py-2 align-top dark:border-slate-800", props.className)}
    />
  );
}

export function EmptyRow({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className="px-3 py-10 text-center text-slate-500 dark:text-slate-400">
        {children}
      </td>
    </tr>
  );
}

/** A column of a RowsTable: its header text, or the header with a class (alignment, a visually hidden label). */
export type RowsTableColumn = string | { label: ReactNode; className?: string };

/**
 * A read-only table of `rows`: one header per column, then `row` for each item, or one row saying `empty` that spans
 * every column (so the span cannot drift from the headers).
 */
export function RowsTable<T>({
  caption,
  columns,
  rows,
  empty,
  row,
}: {
  caption: string;
  columns: readonly RowsTableColumn[];
  rows: readonly T[];
  empty: ReactNode;
  row: (item: T, index: number) => ReactNode;
}) {
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          {columns.map((c, i) =>
            typeof c === "string" ? (
              <Th key={i}>{c}</Th>
            ) : (
              <Th key={i} className={c.className}>
                {c.label}
              </Th>
            ),
          )}
        </tr>
      </thead>
      <tbody>{rows.length === 0 ? <EmptyRow colSpan={columns.length}>{empty}</EmptyRow> : rows.map(row)}</tbody>
    </Table>
  );
}
