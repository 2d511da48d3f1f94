import { formatUtc } from "@/components/ui/format";
import Link from "next/link";
import type { ReactNode } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable } from "@/components/ui/data-table";
import type { IncidentRow } from "@/lib/incidents/schemas";
import { label } from "@/lib/labels";

// The incident list's columns for the one DataTable.

export const incidentColumns: ColumnDef<IncidentRow>[] = [
  {
    id: "name",
    header: "Incident",
    cell: ({ row: { original: i } }) => (
      <>
        <Link href={`/incidents/${i.id}`} className="font-medium text-blue-800 hover:underline dark:text-blue-300">
          {i.name}
        </Link>
        <span className="block text-xs text-slate-500">#{i.id}</span>
      </>
    ),
  },
  {
    id: "severity",
    header: "Severity",
    cell: ({ row }) => label("severity", row.original.severity),
    meta: { cellClassName: "text-xs" },
  },
  {
    id: "status",
    header: "Status",
    cell: ({ row }) => label("incidentStatus", row.original.status),
    meta: { cellClassName: "text-xs" },
  },
  { id: "alerts", header: "Alerts", cell: ({ row }) => row.original.alertCount, meta: { cellClassName: "text-xs" } },
  { id: "devices", header: "Devices", cell: ({ row }) => row.original.deviceCount, meta: { cellClassName: "text-xs" } },
  { id: "users", header: "Users", cell: ({ row }) => row.original.userCount, meta: { cellClassName: "text-xs" } },
  {
    id: "assignedTo",
    header: "Assigned to",
    cell: ({ row }) => row.original.assignedTo ?? "—",
    meta: { cellClassName: "text-xs" },
  },
  {
    id: "updated",
    header: "Last update (UTC)",
    cell: ({ row }) => formatUtc(row.original.lastUpdateTime, "—", { zone: false }),
    meta: { cellClassName: "whitespace-nowrap font-mono text-xs" },
  },
];

export function IncidentTable({ rows, empty }: { rows: IncidentRow[]; empty: ReactNode }) {
  return (
    <DataTable
      caption="Incidents"
      rows={rows}
      columns={incidentColumns}
      getRowId={(i) => i.id}
      rowProps={(i) => ({ "data-incident-id": i.id })}
      empty={empty}
    />
  );
}
