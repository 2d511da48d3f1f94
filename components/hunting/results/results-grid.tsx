"use client";

import { useMemo, useState } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable } from "@/components/ui/data-table";
import { columnWidths } from "./column-widths";
import { entityLinkOf } from "./entity-links";
import { ResultCell } from "./result-cell";
import type { HuntingColumn, HuntingRow } from "./result-types";
import type { ResultSort } from "./sort-rows";
import { kindOf } from "./values";

/** A dense one-line row: 20px of text, 12px of padding and a 1px border. Only a row with an expanded dynamic
 * value is taller. */
const ROW_HEIGHT = 33;

/**
 * The result as the console's one table, fed row indexes in display order (sorting is done outside so the CSV
 * follows the same order). Past a hundred rows only the rows in view are rendered; the header stays on top and
 * wide results scroll sideways, with fixed column widths so scrolling never reflows the columns.
 */
export function ResultsGrid({
  columns,
  rows,
  order,
  sort,
  onSort,
  onCopy,
}: {
  columns: HuntingColumn[];
  rows: HuntingRow[];
  order: number[];
  sort: ResultSort | null;
  onSort: (column: string) => void;
  onCopy: (column: string, text: string) => void;
}) {
  // Expanded dynamic cells, "row:column"; a new result starts with none expanded.
  const [expanded, setExpanded] = useState<{ rows: HuntingRow[]; cells: ReadonlySet<string> }>({
    rows,
    cells: new Set(),
  });
  const open = useMemo(() => (expanded.rows === rows ? expanded.cells : new Set<string>()), [expanded, rows]);
  const widths = useMemo(() => columnWidths(columns, rows), [columns, rows]);

  const defs = useMemo<ColumnDef<number>[]>(() => {
    const toggle = (cell: string) => {
      const next = new Set(open);
      if (!next.delete(cell)) next.add(cell);
      setExpanded({ rows, cells: next });
    };
    return columns.map((c, j) => {
      const kind = kindOf(c.type);
      return {
        id: c.name,
        enableSorting: true,
        header: () => (
          <span className="normal-case" title={`${c.name} (${c.type})`}>
            {c.name}
            {kind === "datetime" ? (
              <span className="ml-1 font-normal text-slate-500 dark:text-slate-400">UTC</span>
            ) : null}
          </span>
        ),
        cell: ({ row }) => {
          const i = row.original;
          const value = rows[i][c.name];
          const key = `${i}:${c.name}`;
          return (
            <ResultCell
              column={c.name}
              kind={kind}
              value={value}
              link={kind === "dynamic" ? null : entityLinkOf(c.name, value)}
              expanded={open.has(key)}
              onToggle={() => toggle(key)}
              onCopy={onCopy}
            />
          );
        },
        meta: {
          numeric: kind === "number",
          width: widths[j],
          cellClassName: "overflow-hidden whitespace-nowrap",
          headerClassName: "overflow-hidden whitespace-nowrap",
        },
      };
    });
  }, [columns, rows, widths, open, onCopy]);

  return (
    <DataTable
      rows={order}
      columns={defs}
      getRowId={(i) => String(i)}
      label="Query results"
      empty="The query returned no rows."
      dense
      sort={{ column: sort?.column ?? "", dir: sort?.dir ?? "asc", onSort }}
      virtualizeAbove={100}
      rowHeight={ROW_HEIGHT}
      tableProps={{ style: { tableLayout: "fixed", width: widths.reduce((a, b) => a + b, 0) } }}
    />
  );
}
