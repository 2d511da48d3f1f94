"use client";

import type { HuntingRunResult } from "@/lib/hunting/schemas";

const ROWS = new Intl.NumberFormat("en-US");

/** "1,234 rows · 0.8 s": what the last run returned and how long it took. */
export function RunSummary({ result }: { result: Pick<HuntingRunResult, "rowCount" | "durationMs" | "truncated"> }) {
  return (
    <p data-testid="run-summary" className="text-sm text-slate-600 dark:text-slate-400">
      <span data-testid="row-count">
        {ROWS.format(result.rowCount)} row{result.rowCount === 1 ? "" : "s"}
      </span>{" "}
      · {(result.durationMs / 1000).toFixed(1)} s
      {result.truncated ? " · Graph returns at most 100,000 rows: the result may be cut off; summarize or filter." : ""}
    </p>
  );
}

/** Why the run failed: Kusto's words for a query error, the retry time for a spent quota, else the message. */
export function RunError({ error }: { error: { code?: string; message: string } }) {
  if (error.code === "kql_invalid")
    return (
      <div
        role="alert"
        className="rounded-md border border-red-300 bg-red-50 p-3 text-sm dark:border-red-800 dark:bg-red-950"
      >
        <p className="font-medium text-red-800 dark:text-red-200">The query has an error</p>
        <pre className="mt-1 font-mono text-xs whitespace-pre-wrap text-red-800 dark:text-red-200">{error.message}</pre>
      </div>
    );
  const quota = error.code === "hunting_quota";
  return (
    <p
      role="alert"
      data-testid={quota ? "quota-error" : "run-error"}
      className={
        quota
          ? "rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
          : "rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
      }
    >
      {error.message}
    </p>
  );
}
