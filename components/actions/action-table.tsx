import { formatUtc } from "@/components/ui/format";
import Link from "next/link";
import type { ReactNode } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { ActionStatusBadge } from "@/components/devices/badges";
import { DataTable } from "@/components/ui/data-table";
import type { ActionView } from "@/lib/actions/schemas";
import { label } from "@/lib/labels";

// The action center's table: who, what, device, comment, status and timestamps; the row's buttons are the
// caller's (approve/reject for approvers, cancel for responders).

const when = (iso: string | null) => formatUtc(iso, "—", { seconds: true });

export function actionColumns(controls: (row: ActionView) => ReactNode): ColumnDef<ActionView>[] {
  return [
    {
      id: "requested",
      header: "Requested",
      cell: ({ row: { original: a } }) => when(a.createdAt),
      meta: { cellClassName: "whitespace-nowrap" },
    },
    {
      id: "action",
      header: "Action",
      cell: ({ row: { original: a } }) => (
        <>
          {label("actionType", a.type)}
          {a.scope ? <span className="text-slate-500"> ({a.scope})</span> : null}
          {a.source === "defender" ? <span className="block text-slate-500">outside the console</span> : null}
        </>
      ),
    },
    {
      id: "device",
      header: "Device",
      cell: ({ row: { original: a } }) =>
        a.deviceId ? (
          <Link
            href={`/devices/${encodeURIComponent(a.deviceId)}`}
            className="text-blue-800 hover:underline dark:text-blue-300"
          >
            {a.deviceName ?? a.deviceId}
          </Link>
        ) : (
          (a.deviceName ?? "—")
        ),
    },
    {
      id: "status",
      header: "Status",
      cell: ({ row: { original: a } }) => (
        <>
          <ActionStatusBadge status={a.status} />
          {a.error ? <span className="mt-1 block max-w-xs text-red-700 dark:text-red-300">{a.error}</span> : null}
        </>
      ),
    },
    { id: "requestedBy", header: "Requested by", cell: ({ row: { original: a } }) => a.requestedBy ?? "—" },
    {
      id: "comment",
      header: "Comment",
      cell: ({ row: { original: a } }) => a.comment ?? "—",
      meta: { cellClassName: "max-w-xs" },
    },
    {
      id: "decision",
      header: "Decision",
      cell: ({ row: { original: a } }) =>
        a.decidedAt ? (
          <>
            {a.status === "Rejected" ? "Rejected" : a.status === "Withdrawn" ? "Withdrawn" : "Approved"} by{" "}
            {a.decidedBy}
            {a.decisionReason ? <span className="block text-slate-500">“{a.decisionReason}”</span> : null}
          </>
        ) : a.cancelledBy ? (
          `Cancelled by ${a.cancelledBy}`
        ) : (
          "—"
        ),
    },
    {
      id: "updated",
      header: "Updated",
      cell: ({ row: { original: a } }) => when(a.updatedAt),
      meta: { cellClassName: "whitespace-nowrap" },
    },
    {
      id: "controls",
      header: "",
      cell: ({ row: { original: a } }) => controls(a),
      meta: { cellClassName: "whitespace-nowrap", srHeader: "Controls" },
    },
  ];
}

export function ActionTable({
  rows,
  empty,
  controls,
}: {
  rows: ActionView[];
  empty: ReactNode;
  controls: (row: ActionView) => ReactNode;
}) {
  return (
    <DataTable
      label="Response actions"
      dense
      rows={rows}
      columns={actionColumns(controls)}
      getRowId={(a) => a.id}
      cellClassName="text-xs"
      rowProps={(a) => ({ "data-action-id": a.id, "data-device-name": a.deviceName ?? "" })}
      empty={empty}
    />
  );
}
