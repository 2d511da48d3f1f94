"use client";

import { useCallback, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { downloadCsv } from "@/components/charts/csv-download";
import { buttonSecondary } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { chartPlanOf } from "./chart-plan";
import { csvFileName, csvTable } from "./csv-export";
import type { HuntingColumn, HuntingRow } from "./result-types";
import { ResultsChart } from "./results-chart";
import { ResultsGrid } from "./results-grid";
import { nextSort, sortedOrder, type ResultSort } from "./sort-rows";

export type { HuntingColumn, HuntingRow } from "./result-types";

export interface HuntingResultsProps {
  columns: HuntingColumn[];
  /** Exactly Graph's `results`. */
  rows: Record<string, unknown>[];
  /** The query that produced them: its `| render` picks the chart, its first table names the CSV file. */
  query: string;
}

// Each result gets its own grid (a fresh scroll position, virtualiser and expanded cells): the page may hand a
// new result to the same HuntingResults, and a virtualiser carried over from 100,000 rows to a few hundred kept
// re-rendering.
const resultIds = new WeakMap<object, number>();
let lastResultId = 0;
function resultId(rows: object): number {
  let id = resultIds.get(rows);
  if (id === undefined) resultIds.set(rows, (id = ++lastResultId));
  return id;
}

type View = "table" | "chart";
const VIEWS: { key: View; label: string }[] = [
  { key: "table", label: "Table" },
  { key: "chart", label: "Chart" },
];

/**
 * The result of a hunting query: a Table tab (virtualised, sortable, entity links, copy) and a Chart tab, and a
 * CSV of exactly the result — every column in order and every row, in the order the table shows (the query's own
 * order until a header is pressed). The page shows the row count and the run time.
 */
export function HuntingResults({ columns, rows, query }: HuntingResultsProps) {
  const [view, setView] = useState<View>("table");
  // The sort belongs to one result: a new run starts in the order the query returned.
  const [sortState, setSortState] = useState<{ rows: HuntingRow[]; sort: ResultSort | null }>({ rows, sort: null });
  const sort =
    sortState.rows === rows && columns.some((c) => c.name === sortState.sort?.column) ? sortState.sort : null;
  const [copied, setCopied] = useState("");
  const tabIds = useId();
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);

  const order = useMemo(() => {
    const column = sort && columns.find((c) => c.name === sort.column);
    return column ? sortedOrder(rows, column, sort.dir) : rows.map((_, i) => i);
  }, [rows, columns, sort]);
  const plan = useMemo(
    () => (view === "chart" ? chartPlanOf(columns, rows, query) : null),
    [view, columns, rows, query],
  );

  const onSort = useCallback((column: string) => setSortState({ rows, sort: nextSort(sort, column) }), [rows, sort]);
  const onCopy = useCallback((column: string, text: string) => {
    navigator.clipboard.writeText(text).then(
      () => setCopied(`Copied the ${column} value.`),
      () => setCopied("The browser refused to copy; select the text and copy it."),
    );
  }, []);

  function onTabKey(e: KeyboardEvent<HTMLButtonElement>, index: number) {
    const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = (index + step + VIEWS.length) % VIEWS.length;
    setView(VIEWS[next].key);
    tabRefs.current[next]?.focus();
  }

  function exportCsv() {
    const { header, body } = csvTable(columns, rows, order);
    downloadCsv(csvFileName(query, new Date()), header, body);
  }

  if (rows.length === 0)
    return (
      <p className="rounded-lg border border-dashed border-slate-300 px-4 py-10 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
        The query returned no rows.
      </p>
    );

  return (
    <section aria-label="Query results" className="space-y-2">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div
          role="tablist"
          aria-label="Show the result as"
          className="flex gap-1 border-b border-slate-200 dark:border-slate-800"
        >
          {VIEWS.map((v, i) => (
            <button
              key={v.key}
              ref={(el) => {
                tabRefs.current[i] = el;
              }}
              type="button"
              role="tab"
              id={`${tabIds}-${v.key}`}
              aria-selected={view === v.key}
              aria-controls={`${tabIds}-panel`}
              tabIndex={view === v.key ? 0 : -1}
              onClick={() => setView(v.key)}
              onKeyDown={(e) => onTabKey(e, i)}
              className={cn(
                "-mb-px border-b-2 px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-blue-600",
                view === v.key
                  ? "border-blue-700 text-blue-800 dark:border-blue-400 dark:text-blue-200"
                  : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100",
              )}
            >
              {v.label}
            </button>
          ))}
        </div>
        <div className="flex items-center gap-2">
          <span role="status" className="text-xs text-slate-600 dark:text-slate-400">
            {copied}
          </span>
          <button type="button" className={cn(buttonSecondary, "px-2 py-1 text-xs")} onClick={exportCsv}>
            CSV<span className="sr-only"> of the result{sort ? ", in the order shown" : ""}</span>
          </button>
        </div>
      </div>
      <div role="tabpanel" id={`${tabIds}-panel`} aria-labelledby={`${tabIds}-${view}`}>
        {view === "table" ? (
          <ResultsGrid
            key={resultId(rows)}
            columns={columns}
            rows={rows}
            order={order}
            sort={sort}
            onSort={onSort}
            onCopy={onCopy}
          />
        ) : plan?.ok ? (
          <ResultsChart plan={plan.plan} />
        ) : (
          <p className="rounded border border-dashed border-slate-300 px-4 py-10 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
            No chart for this result. {plan?.ok === false ? plan.reason : null}
          </p>
        )}
      </div>
    </section>
  );
}
