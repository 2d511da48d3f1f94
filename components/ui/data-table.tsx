"use client";

import {
  useEffect,
  useMemo,
  useRef,
  useState,
  type HTMLAttributes,
  type ReactNode,
  type TableHTMLAttributes,
  type TdHTMLAttributes,
} from "react";
import {
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type Column,
  type ColumnDef,
  type Row as TanStackRow,
  type RowData,
  type RowSelectionState,
  type SortingState,
  type VisibilityState,
} from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { cn } from "./cn";
import { EmptyRow, SelectAllTh, SortableTh, Th } from "./table";

// The one table every list uses: column definitions in (TanStack Table, headless), the console's Tailwind markup
// out. Sorting is the server's (the table shows the URL's sort and calls back) unless `sortLocally` is set;
// selection is by checkbox with select-all; past `virtualizeAbove` rows only the rows in view are rendered.

declare module "@tanstack/react-table" {
  // TData and TValue are the library's names for this augmentation; TValue is unused here.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Classes on the header and on every cell of the column. */
    className?: string;
    headerClassName?: string;
    cellClassName?: string;
    /** Figures: right-aligned, tabular. */
    numeric?: boolean;
    /** More attributes on each cell (`data-col` that tests read, `title`). */
    cellProps?: (
      row: TData,
    ) => TdHTMLAttributes<HTMLTableCellElement> & { [data: `data-${string}`]: string | undefined };
    /** The header's accessible text when it shows none (a column of buttons). */
    srHeader?: string;
    /** A fixed width in pixels (with `tableProps.style.tableLayout: "fixed"`, so virtualised rows do not make
     * columns jump as different rows scroll into view). */
    width?: number;
  }
}

/** Attributes of one row (data-* ids that tests and the keyboard use, aria-current, a class, a click handler). */
export type RowProps = HTMLAttributes<HTMLTableRowElement> & { [data: `data-${string}`]: string | undefined };

export interface DataTableProps<T> {
  rows: T[];
  /** Column definitions; in server-sorted tables a column sorts when `enableSorting: true`, its `id` being the sort key. */
  columns: ColumnDef<T>[];
  getRowId: (row: T) => string;
  /** The table's accessible name: a visually hidden caption, or `label` as aria-label. */
  caption?: string;
  label?: string;
  /** What the one row of an empty table says ("nothing synced yet", or NoMatches with its "Clear filters"). */
  empty: ReactNode;
  /** The tighter cells of the work queues (alerts, devices, actions). */
  dense?: boolean;
  /** Classes on every body cell (a column's own classes come after, and win). */
  cellClassName?: string;
  /** Server-side sort: the URL's column and direction, and the callback a header press makes. */
  sort?: { column: string; dir: "asc" | "desc"; onSort: (column: string) => void };
  /** Sort the given rows in the browser instead (small, complete lists). */
  sortLocally?: boolean;
  selection?: {
    selected: ReadonlySet<string>;
    onChange: (ids: Set<string>) => void;
    allLabel: string;
    rowLabel: (row: T) => string;
  };
  /** Columns hidden by id; with `columnPicker` the reader can change it. */
  initialColumnVisibility?: VisibilityState;
  /** The hidden columns held by the caller (a stored choice) instead of the table. */
  columnVisibility?: { value: VisibilityState; onChange: (next: VisibilityState) => void };
  columnPicker?: boolean;
  /**
   * Grouped rows: each group is a header row (a button that expands or collapses it, with its count) followed,
   * when expanded, by its rows, which must be among `rows`. A grouped table is never virtualised.
   */
  groups?: DataTableGroup<T>[];
  rowProps?: (row: T) => RowProps;
  /** A row (the keyboard's focus) to keep in view: scrolled to when it changes. */
  activeRowId?: string | null;
  /** Above this many rows only the rows in view are rendered (and the table scrolls inside its frame). */
  virtualizeAbove?: number;
  /** The rows' height in pixels when every row has the same (one-line cells): rows measured at their estimate cost
   * the virtualiser nothing, while each mismatch makes it recompute every row's position after it. */
  rowHeight?: number;
  tableProps?: TableHTMLAttributes<HTMLTableElement>;
}

export interface DataTableGroup<T> {
  key: string;
  label: ReactNode;
  count: number;
  expanded: boolean;
  onToggle: () => void;
  rows: T[];
  /** Under the group's rows: "loading", "N more…". */
  footer?: ReactNode;
}

const CELL = "border-b border-slate-100 align-top dark:border-slate-800";
const ROW_HOVER = "hover:bg-slate-50 dark:hover:bg-slate-800/40";

export function DataTable<T>(props: DataTableProps<T>) {
  const {
    rows,
    columns,
    getRowId,
    caption,
    label,
    empty,
    dense = false,
    cellClassName,
    sort,
    sortLocally = false,
    selection,
    rowProps,
    activeRowId,
    virtualizeAbove = 200,
    tableProps,
    groups,
  } = props;
  const [localSorting, setLocalSorting] = useState<SortingState>([]);
  const [localVisibility, setLocalVisibility] = useState<VisibilityState>(props.initialColumnVisibility ?? {});
  const columnVisibility = props.columnVisibility?.value ?? localVisibility;
  const rowSelection: RowSelectionState = {};
  for (const id of selection?.selected ?? []) rowSelection[id] = true;

  // Past `virtualizeAbove` rows only the rows in view are rendered. When the order is the caller's (no local sort)
  // and nothing is selected across rows, the table model is built from those rows alone: TanStack creates an
  // object with dozens of closures per row, which for 100,000 rows costs a second of garbage collection.
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = !groups && rows.length > virtualizeAbove;
  const windowed = virtual && !sortLocally && !selection;
  // eslint-disable-next-line react-hooks/incompatible-library -- see useReactTable below
  const virtualizer = useVirtualizer({
    count: virtual ? rows.length : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => props.rowHeight ?? (dense ? 34 : 40),
    overscan: 12,
    // With a known row height, a row entering the view is taken at that height instead of being measured there
    // and then (reading offsetHeight forces a layout of the whole table, per row); the ResizeObserver's own
    // report, which comes after layout, still corrects a row that differs.
    ...(props.rowHeight
      ? {
          measureElement: (el: Element, entry: ResizeObserverEntry | undefined) =>
            entry?.borderBoxSize?.[0] ? Math.round(entry.borderBoxSize[0].blockSize) : props.rowHeight!,
        }
      : {}),
  });
  const items = virtual ? virtualizer.getVirtualItems() : [];
  const windowStart = windowed && items.length ? items[0].index : 0;
  const windowEnd = windowed && items.length ? items[items.length - 1].index + 1 : 0;
  // The same array while the window stays put: a new one each render would make TanStack rebuild its row model,
  // re-render every row and re-measure them, which moves the window again (a render loop in all but name).
  const data = useMemo(
    () => (windowed ? rows.slice(windowStart, windowEnd) : rows),
    [windowed, rows, windowStart, windowEnd],
  );

  // TanStack Table (like TanStack Virtual above) returns functions that the React Compiler must not memoise; this
  // component is not compiled.
  const table = useReactTable({
    data,
    columns,
    getRowId: (row) => getRowId(row),
    getCoreRowModel: getCoreRowModel(),
    ...(sortLocally ? { getSortedRowModel: getSortedRowModel() } : { manualSorting: true }),
    enableRowSelection: Boolean(selection),
    state: { rowSelection, columnVisibility, ...(sortLocally ? { sorting: localSorting } : {}) },
    onSortingChange: setLocalSorting,
    onColumnVisibilityChange: (updater) => {
      const next = typeof updater === "function" ? updater(columnVisibility) : updater;
      if (props.columnVisibility) props.columnVisibility.onChange(next);
      else setLocalVisibility(next);
    },
    onRowSelectionChange: (updater) => {
      if (!selection) return;
      const next = typeof updater === "function" ? updater(rowSelection) : updater;
      selection.onChange(new Set(Object.keys(next).filter((id) => next[id])));
    },
  });

  const tableRows = table.getRowModel().rows;
  const leafColumns = table.getVisibleLeafColumns();
  const colSpan = leafColumns.length + (selection ? 1 : 0);

  const padTop = items.length ? items[0].start : 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  const shown = virtual
    ? items.map((item) => ({ row: tableRows[item.index - windowStart], index: item.index }))
    : tableRows.map((row, index) => ({ row, index }));

  // Keep the active row in view when it changes (j/k in the alert queue), not when rows load around it.
  const scrolledTo = useRef<string | null>(null);
  const activeIndex = !activeRowId
    ? -1
    : windowed
      ? rows.findIndex((r) => getRowId(r) === activeRowId)
      : tableRows.findIndex((r) => r.id === activeRowId);
  useEffect(() => {
    if (!activeRowId || activeRowId === scrolledTo.current || activeIndex < 0) return;
    scrolledTo.current = activeRowId;
    if (virtual) virtualizer.scrollToIndex(activeIndex, { align: "auto" });
    else
      scrollRef.current
        ?.querySelector(`tr[data-row-id="${CSS.escape(activeRowId)}"]`)
        ?.scrollIntoView({ block: "nearest" });
  }, [activeRowId, activeIndex, virtual, virtualizer]);

  const cellPad = dense ? "px-2 py-1.5" : "px-3 py-2";

  function renderRow(row: TanStackRow<T>, index: number | null) {
    const extra = rowProps?.(row.original) ?? {};
    return (
      <tr
        key={row.id}
        data-row-id={row.id}
        {...extra}
        className={extra.className ?? ROW_HOVER}
        aria-selected={selection ? row.getIsSelected() : undefined}
        {...(virtual && index !== null
          ? { "aria-rowindex": index + 2, "data-index": index, ref: virtualizer.measureElement }
          : {})}
      >
        {selection ? (
          <td className={cn(CELL, cellPad)}>
            <input
              type="checkbox"
              aria-label={selection.rowLabel(row.original)}
              checked={row.getIsSelected()}
              onChange={row.getToggleSelectedHandler()}
            />
          </td>
        ) : null}
        {row.getVisibleCells().map((cell) => {
          const meta = cell.column.columnDef.meta;
          return (
            <td
              key={cell.id}
              {...meta?.cellProps?.(row.original)}
              className={cn(
                CELL,
                cellPad,
                cellClassName,
                meta?.numeric && "text-right tabular-nums",
                meta?.className,
                meta?.cellClassName,
              )}
            >
              {flexRender(cell.column.columnDef.cell, cell.getContext())}
            </td>
          );
        })}
      </tr>
    );
  }

  return (
    <div className="space-y-2">
      {props.columnPicker ? <ColumnPicker table={table} /> : null}
      <div
        ref={scrollRef}
        className={cn(
          "overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900",
          virtual && "max-h-[75vh] overflow-y-auto",
        )}
      >
        <table
          className="min-w-full text-left text-sm"
          aria-label={label}
          {...(virtual ? { "aria-rowcount": rows.length + 1 } : {})}
          {...tableProps}
        >
          {caption ? <caption className="sr-only">{caption}</caption> : null}
          <thead className={cn(virtual && "sticky top-0 z-10")}>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {selection ? (
                  <SelectAllTh
                    label={selection.allLabel}
                    checked={table.getIsAllRowsSelected()}
                    onChange={(all) => table.toggleAllRowsSelected(all)}
                  />
                ) : null}
                {group.headers.map((header) => {
                  const meta = header.column.columnDef.meta;
                  const className =
                    cn(meta?.numeric && "text-right", meta?.className, meta?.headerClassName) || undefined;
                  const title = flexRender(header.column.columnDef.header, header.getContext());
                  const sorting = headerSorting(header.column, sort, sortLocally);
                  const style = meta?.width ? { width: meta.width } : undefined;
                  if (sorting) {
                    return (
                      <SortableTh
                        key={header.id}
                        dense={dense}
                        className={className}
                        style={style}
                        label={title}
                        {...sorting}
                      />
                    );
                  }
                  return (
                    <Th key={header.id} dense={dense} className={className} style={style}>
                      {title ?? null}
                      {meta?.srHeader ? <span className="sr-only">{meta.srHeader}</span> : null}
                    </Th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {rows.length === 0 && !groups?.length ? (
              <EmptyRow colSpan={colSpan}>{empty}</EmptyRow>
            ) : (
              <>
                {padTop > 0 ? <tr aria-hidden="true" style={{ height: padTop }} /> : null}
                {groups
                  ? groups.map((group) => (
                      <GroupRows
                        key={`group:${group.key}`}
                        group={group}
                        colSpan={colSpan}
                        dense={dense}
                        rows={group.expanded ? group.rows.map((r) => table.getRow(getRowId(r))) : []}
                        renderRow={(row) => renderRow(row, null)}
                      />
                    ))
                  : shown.map(({ row, index }) => renderRow(row, index))}
                {padBottom > 0 ? <tr aria-hidden="true" style={{ height: padBottom }} /> : null}
              </>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** A group's header row (the toggle, its label and count) and, when expanded, its rows and footer. */
function GroupRows<T>({
  group,
  colSpan,
  dense,
  rows,
  renderRow,
}: {
  group: DataTableGroup<T>;
  colSpan: number;
  dense: boolean;
  rows: TanStackRow<T>[];
  renderRow: (row: TanStackRow<T>) => ReactNode;
}) {
  return (
    <>
      <tr data-group-key={group.key} className="bg-slate-50 dark:bg-slate-800/50">
        <th scope="rowgroup" colSpan={colSpan} className={cn(CELL, dense ? "px-2 py-1" : "px-3 py-2", "text-left")}>
          <button
            type="button"
            aria-expanded={group.expanded}
            onClick={group.onToggle}
            className="inline-flex items-center gap-2 text-sm font-medium hover:text-blue-700 dark:hover:text-blue-300"
          >
            <span aria-hidden="true" className="inline-block w-3">
              {group.expanded ? "▾" : "▸"}
            </span>
            {group.label}
            <span className="rounded bg-slate-200 px-1.5 text-xs tabular-nums dark:bg-slate-700">{group.count}</span>
          </button>
        </th>
      </tr>
      {rows.map((row) => renderRow(row))}
      {group.expanded && group.footer ? (
        <tr>
          <td colSpan={colSpan} className={cn(CELL, "px-8 py-1 text-xs text-slate-600 dark:text-slate-400")}>
            {group.footer}
          </td>
        </tr>
      ) : null}
    </>
  );
}

/** Show or hide columns: a disclosure with one checkbox per column that can be hidden; Escape or a click
 * outside closes it (it covers the table's first columns while open). */
/** How a header sorts: by the URL's sort when the server sorts that column, in place with `sortLocally`, or not at all. */
function headerSorting<T>(
  column: Column<T, unknown>,
  sort: DataTableProps<T>["sort"],
  sortLocally: boolean,
): { active: boolean; dir: "asc" | "desc"; onSort: () => void } | null {
  if (sort && column.columnDef.enableSorting === true)
    return { active: sort.column === column.id, dir: sort.dir, onSort: () => sort.onSort(column.id) };
  if (sortLocally && column.getCanSort()) {
    const sorted = column.getIsSorted();
    return { active: sorted !== false, dir: sorted || "asc", onSort: () => column.toggleSorting(sorted === "asc") };
  }
  return null;
}

function ColumnPicker<T>({ table }: { table: ReturnType<typeof useReactTable<T>> }) {
  const hideable = table.getAllLeafColumns().filter((c) => c.getCanHide() && typeof c.columnDef.header === "string");
  const hidden = hideable.filter((c) => !c.getIsVisible()).length;
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const close = (e: Event) => {
      const details = ref.current;
      if (!details?.open) return;
      if (e instanceof KeyboardEvent ? e.key === "Escape" : !details.contains(e.target as Node)) {
        details.open = false;
        if (e instanceof KeyboardEvent) details.querySelector("summary")?.focus();
      }
    };
    document.addEventListener("pointerdown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("pointerdown", close);
      document.removeEventListener("keydown", close);
    };
  }, []);
  return (
    <details ref={ref} className="relative inline-block text-sm">
      <summary className="cursor-pointer select-none text-slate-600 underline dark:text-slate-300">
        Columns{hidden ? ` (${hidden} hidden)` : ""}
      </summary>
      <fieldset className="absolute z-20 mt-1 grid max-h-80 w-56 gap-1 overflow-y-auto rounded-md border border-slate-300 bg-white p-2 shadow dark:border-slate-600 dark:bg-slate-900">
        <legend className="sr-only">Columns shown</legend>
        {hideable.map((c) => (
          <label key={c.id} className="flex items-center gap-2">
            <input type="checkbox" checked={c.getIsVisible()} onChange={c.getToggleVisibilityHandler()} />
            {c.columnDef.header as string}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
