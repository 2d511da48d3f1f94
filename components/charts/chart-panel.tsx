"use client";

import { useId, useState, type ReactNode } from "react";
import { buttonSecondary } from "@/components/ui/button-styles";
import { downloadCsv } from "./csv-download";
import { ChartTable, type Column } from "./data-table";
import { cn } from "@/components/ui/cn";

/**
 * The frame every dashboard figure shares: title, a chart or its table view (the same rows), a CSV of those rows,
 * and one readable empty state. With `tableOnly` the table is the figure (top-N lists read better as tables).
 */
export function ChartPanel<T>({
  title,
  description,
  rows,
  columns,
  rowKey,
  csvName,
  empty,
  chart,
  tableOnly = false,
  className = "",
  testId,
}: {
  title: string;
  description?: string;
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  csvName: string;
  empty: ReactNode;
  chart?: ReactNode;
  tableOnly?: boolean;
  className?: string;
  testId?: string;
}) {
  const [view, setView] = useState<"chart" | "table">(tableOnly ? "table" : "chart");
  const headingId = useId();
  const showTable = tableOnly || view === "table";
  return (
    <section
      aria-labelledby={headingId}
      data-testid={testId}
      data-points={rows.length}
      className={cn(
        "chart-panel flex min-w-0 flex-col rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900",
        className,
      )}
    >
      <div className="mb-3 flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id={headingId} className="text-sm font-semibold">
            {title}
          </h2>
          {description ? <p className="mt-0.5 text-xs text-slate-600 dark:text-slate-400">{description}</p> : null}
        </div>
        <div className="no-print flex gap-1.5">
          {tableOnly ? null : (
            <div
              role="group"
              aria-label={`${title}: view`}
              className="inline-flex overflow-hidden rounded-md border border-slate-300 text-xs dark:border-slate-600"
            >
              {(["chart", "table"] as const).map((v) => (
                <button
                  key={v}
                  type="button"
                  aria-pressed={view === v}
                  onClick={() => setView(v)}
                  className={cn(
                    "px-2 py-1 capitalize focus-visible:outline-2 focus-visible:outline-blue-600",
                    view === v
                      ? "bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900"
                      : "hover:bg-slate-100 dark:hover:bg-slate-800",
                  )}
                >
                  {v}
                </button>
              ))}
            </div>
          )}
          <button
            type="button"
            className={cn(buttonSecondary, "px-2 py-1 text-xs")}
            disabled={rows.length === 0}
            onClick={() =>
              downloadCsv(
                csvName,
                columns.map((c) => c.label),
                rows.map((r) => columns.map((c) => c.value(r))),
              )
            }
          >
            CSV<span className="sr-only"> of {title}</span>
          </button>
        </div>
      </div>
      {rows.length === 0 ? (
        <p className="flex flex-1 items-center justify-center rounded border border-dashed border-slate-300 px-4 py-10 text-center text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">
          {empty}
        </p>
      ) : showTable ? (
        <div className={tableOnly ? "overflow-auto" : "max-h-96 overflow-auto"}>
          <ChartTable caption={title} columns={columns} rows={rows} rowKey={rowKey} empty={empty} />
        </div>
      ) : (
        <div className="chart-box h-56 text-slate-600 dark:text-slate-300">{chart}</div>
      )}
    </section>
  );
}
