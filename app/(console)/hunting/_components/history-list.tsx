"use client";

import type { HuntingHistoryRun } from "@/lib/hunting/schemas";
import { label } from "@/lib/labels";
import { formatRelative } from "@/components/ui/format";

/** The person's own recent runs; choosing one puts its query and time range back in the editor. */
export function HistoryList({
  runs,
  loading,
  onOpen,
}: {
  runs: HuntingHistoryRun[] | undefined;
  loading: boolean;
  onOpen: (run: HuntingHistoryRun) => void;
}) {
  if (loading && !runs) return <p className="text-sm text-slate-500">Loading history…</p>;
  if (!runs?.length) return <p className="text-sm text-slate-500 dark:text-slate-400">Queries you run appear here.</p>;
  return (
    <ul className="flex flex-col gap-1" data-testid="hunting-history">
      {runs.map((run) => (
        <li key={run.id}>
          <button
            type="button"
            onClick={() => onOpen(run)}
            title={run.error ?? run.query}
            className="w-full rounded px-2 py-1 text-left hover:bg-slate-100 dark:hover:bg-slate-800"
          >
            <span className="block truncate font-mono text-xs">{run.query.split("\n")[0]}</span>
            <span className="block text-xs text-slate-500 dark:text-slate-400">
              {formatRelative(run.at)} · {label("huntingOutcome", run.outcome)}
              {run.rowCount !== null ? ` · ${run.rowCount.toLocaleString("en-US")} rows` : ""} ·{" "}
              {(run.durationMs / 1000).toFixed(1)} s · {label("huntingTimespan", run.timespan)}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
