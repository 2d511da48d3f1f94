"use client";

import type { ReactNode } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable } from "@/components/ui/data-table";
import { formatUtc } from "@/components/ui/format";
import { cn } from "@/components/ui/cn";
import { CONSOLE_ACTION_LABELS, type ConsoleAction, type IndicatorView } from "@/lib/indicators/schemas";
import { label } from "@/lib/labels";

// Custom indicators: value and type, action, severity, title, expiry and who created it; the selection and the
// row's controls are the caller's (Admins delete).

function actionText(a: IndicatorView): string {
  return CONSOLE_ACTION_LABELS[a.consoleAction as ConsoleAction] ?? label("actionType", a.action);
}

function columns(controls?: (row: IndicatorView) => ReactNode): ColumnDef<IndicatorView>[] {
  const cols: ColumnDef<IndicatorView>[] = [
    {
      id: "value",
      header: "Indicator",
      cell: ({ row: { original: i } }) => (
        <>
          <span className="break-all font-mono">{i.indicatorValue}</span>
          <span className="block text-slate-500">{label("indicatorType", i.indicatorType)}</span>
        </>
      ),
      meta: { cellClassName: "max-w-sm" },
    },
    {
      id: "action",
      header: "Action",
      cell: ({ row: { original: i } }) => (
        <span
          className={cn(
            "rounded px-1.5 py-0.5 font-medium",
            i.action === "Block" || i.action === "AlertAndBlock" || i.action === "BlockAndRemediate"
              ? "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-100"
              : i.action === "Allowed"
                ? "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
                : "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200",
          )}
        >
          {actionText(i)}
        </span>
      ),
    },
    { id: "severity", header: "Severity", cell: ({ row: { original: i } }) => label("severity", i.severity) },
    {
      id: "title",
      header: "Title",
      cell: ({ row: { original: i } }) => i.title ?? "—",
      meta: { cellClassName: "max-w-xs" },
    },
    {
      id: "expires",
      header: "Expires",
      cell: ({ row: { original: i } }) =>
        i.expirationTime ? (
          <span className={i.expired ? "text-slate-500 line-through" : ""}>
            {formatUtc(i.expirationTime)}
            {i.expired ? <span className="block no-underline">expired</span> : null}
          </span>
        ) : (
          "Never"
        ),
      meta: { cellClassName: "whitespace-nowrap" },
    },
    {
      id: "created",
      header: "Created",
      cell: ({ row: { original: i } }) => (
        <>
          {formatUtc(i.createdAt)}
          {i.createdBy ? <span className="block text-slate-500">{i.createdBy}</span> : null}
        </>
      ),
      meta: { cellClassName: "whitespace-nowrap" },
    },
  ];
  if (controls)
    cols.push({
      id: "controls",
      header: "",
      cell: ({ row: { original: i } }) => controls(i),
      meta: { cellClassName: "whitespace-nowrap", srHeader: "Controls" },
    });
  return cols;
}

export function IndicatorTable({
  rows,
  empty,
  controls,
  selection,
}: {
  rows: IndicatorView[];
  empty: ReactNode;
  controls?: (row: IndicatorView) => ReactNode;
  selection?: { selected: ReadonlySet<string>; onChange: (ids: Set<string>) => void };
}) {
  return (
    <DataTable
      label="Custom indicators"
      dense
      rows={rows}
      columns={columns(controls)}
      getRowId={(i) => i.id}
      cellClassName="text-xs"
      rowProps={(i) => ({ "data-indicator-id": i.id, "data-value": i.indicatorValue })}
      selection={
        selection
          ? { ...selection, allLabel: "Select all indicators shown", rowLabel: (i) => `Select ${i.indicatorValue}` }
          : undefined
      }
      empty={empty}
    />
  );
}
