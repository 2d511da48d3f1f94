import type { ReactNode } from "react";
import { cn } from "./cn";

// Loading placeholders shared by every console segment's loading.tsx, so a page keeps its real shape (title,
// filters, columns) while the server renders and the layout does not jump when the first page arrives.

const bar = "animate-pulse rounded bg-slate-200 dark:bg-slate-800";

function Placeholder({ className }: { className: string }) {
  return <div className={cn(className, bar)} />;
}

function SkeletonFrame({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <span className="sr-only">{label}</span>
      {children}
    </div>
  );
}

export function TableSkeleton({
  columns,
  rows,
  cellPadding,
}: {
  columns: readonly string[];
  rows: number;
  cellPadding: "px-2" | "px-3";
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="min-w-full text-sm" aria-hidden="true">
        <thead>
          <tr>
            {columns.map((label) => (
              <th
                key={label}
                className={cn(
                  "border-b border-slate-200 bg-slate-50",
                  cellPadding,
                  "py-2 text-left text-xs font-semibold uppercase text-slate-500 dark:border-slate-800 dark:bg-slate-800/50",
                )}
              >
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="animate-pulse">
          {Array.from({ length: rows }, (_, i) => (
            <tr key={i}>
              {columns.map((label) => (
                <td key={label} className={cn("border-b border-slate-100", cellPadding, "py-2 dark:border-slate-800")}>
                  <div className="h-3 rounded bg-slate-200 dark:bg-slate-800" />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A list page: title bar, an optional row of filter placeholders (or a summary panel), then either the table's real
 * column headers over placeholder rows or, without columns, plain placeholder lines.
 */
export function PageSkeleton({
  label,
  titleWidth = "w-32",
  filters,
  panel = false,
  columns,
  rows = 12,
  cellPadding = "px-3",
}: {
  label: string;
  titleWidth?: string;
  filters?: { count: number; width: string; gap?: "gap-2" | "gap-3" };
  panel?: boolean;
  columns?: readonly string[];
  rows?: number;
  cellPadding?: "px-2" | "px-3";
}) {
  return (
    <SkeletonFrame label={label}>
      <Placeholder className={cn("h-7", titleWidth)} />
      {filters ? (
        <div className={cn("flex", filters.gap ?? "gap-3")}>
          {Array.from({ length: filters.count }, (_, i) => (
            <Placeholder key={i} className={cn("h-8", filters.width)} />
          ))}
        </div>
      ) : null}
      {panel ? <div className="h-24 animate-pulse rounded-lg bg-slate-200 dark:bg-slate-800" /> : null}
      {columns ? (
        <TableSkeleton columns={columns} rows={rows} cellPadding={cellPadding} />
      ) : (
        <div className="space-y-2">
          {Array.from({ length: rows }, (_, i) => (
            <Placeholder key={i} className="h-6" />
          ))}
        </div>
      )}
    </SkeletonFrame>
  );
}

/** A detail page: breadcrumb, title, then a facts panel beside a wider table panel. */
export function DetailSkeleton({ label = "Loading…" }: { label?: string }) {
  return (
    <SkeletonFrame label={label}>
      <Placeholder className="h-4 w-32" />
      <Placeholder className="h-7 w-80" />
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="h-64 animate-pulse rounded-lg bg-slate-200 dark:bg-slate-800" />
        <div className="h-64 animate-pulse rounded-lg bg-slate-200 lg:col-span-2 dark:bg-slate-800" />
      </div>
    </SkeletonFrame>
  );
}
