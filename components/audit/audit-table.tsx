import { formatUtc } from "@/components/ui/format";
import type { ReactNode } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable } from "@/components/ui/data-table";
import type { AuditEventRow } from "@/lib/audit";

// The audit log's columns for the one DataTable.

export const auditColumns: ColumnDef<AuditEventRow>[] = [
  {
    id: "at",
    header: "Time (UTC)",
    cell: ({ row }) => formatUtc(row.original.at, "—", { seconds: true, zone: false }),
    meta: { cellClassName: "whitespace-nowrap font-mono text-xs" },
  },
  {
    id: "actor",
    header: "Actor",
    cell: ({ row: { original: e } }) => (
      <>
        <span className="block">{e.actorName}</span>
        <span className="text-xs text-slate-500">{e.actorType}</span>
      </>
    ),
  },
  {
    id: "action",
    header: "What happened",
    cell: ({ row: { original: e } }) => (
      <>
        <span className="block">{e.summary}</span>
        <span className="font-mono text-xs text-slate-500">{e.action}</span>
      </>
    ),
    meta: { cellClassName: "max-w-md break-words" },
  },
  {
    id: "target",
    header: "Target",
    // The name as the cache knows it now; the id (what the log keeps) on hover and in the CSV.
    cell: ({ row: { original: e } }) =>
      e.targetType ? (
        <span title={`${e.targetType} ${e.targetId ?? ""}`} data-testid="audit-target">
          {e.targetName ?? `${e.targetType.replaceAll("_", " ")} ${e.targetId ?? ""}`}
        </span>
      ) : (
        "—"
      ),
    meta: { cellClassName: "max-w-64 break-words text-xs" },
  },
  {
    id: "result",
    header: "Result",
    cell: ({ row: { original: e } }) => (
      <span
        className={
          e.result === "success"
            ? "text-emerald-700 dark:text-emerald-300"
            : e.result === "pending"
              ? "text-slate-600 dark:text-slate-400"
              : "font-medium text-red-700 dark:text-red-300"
        }
      >
        {e.result}
      </span>
    ),
  },
  {
    id: "details",
    header: "Details",
    cell: ({ row: { original: e } }) => (
      <>
        {e.error ? <span className="block text-red-700 dark:text-red-300">{e.error}</span> : null}
        {JSON.stringify(e.params) === "{}" ? null : JSON.stringify(e.params)}
      </>
    ),
    meta: { cellClassName: "max-w-md break-words font-mono text-xs" },
  },
  {
    id: "request",
    header: "Request",
    cell: ({ row }) => row.original.requestId?.slice(0, 8),
    meta: { cellClassName: "font-mono text-xs text-slate-500" },
  },
];

export function AuditTable({ rows, empty }: { rows: AuditEventRow[]; empty: ReactNode }) {
  return (
    <DataTable
      caption="Audit events, newest first"
      rows={rows}
      columns={auditColumns}
      getRowId={(e) => e.id}
      rowProps={(e) => ({ "data-audit-id": e.id })}
      empty={empty}
    />
  );
}
