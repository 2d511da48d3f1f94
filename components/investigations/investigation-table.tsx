"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable } from "@/components/ui/data-table";
import { formatUtc } from "@/components/ui/format";
import { ACTION_CENTER_URL, type InvestigationView } from "@/lib/investigations/schemas";
import { label } from "@/lib/labels";
import { cn } from "@/components/ui/cn";

// Automated investigations: state, the alert that triggered it, the device, how long it ran and what it waits
// for. A pending approval shows the days left before its actions time out and the way to the Defender action
// center (approving is not possible through any API).

const link = "text-blue-800 hover:underline dark:text-blue-300";

export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

export function StateBadge({ state }: { state: string }) {
  const tone =
    state === "PendingApproval"
      ? "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-100"
      : state === "Running" || state === "Queued" || state === "PendingResource"
        ? "bg-blue-100 text-blue-900 dark:bg-blue-950 dark:text-blue-100"
        : state === "SuccessfullyRemediated" || state === "Benign"
          ? "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
          : "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200";
  return (
    <span className={cn("rounded px-1.5 py-0.5 text-xs font-medium", tone)}>{label("investigationState", state)}</span>
  );
}

/** The expiry of a pending approval and the way to decide it. */
export function ApprovalDeadline({ row }: { row: InvestigationView }) {
  if (!row.expiry) return null;
  const { expiry } = row;
  return (
    <span className="block" data-testid="approval-deadline">
      <span className={cn("font-medium", expiry.daysLeft <= 1 ? "text-red-700 dark:text-red-300" : "")}>
        {expiry.expired
          ? "Timed out (treated as rejected)"
          : `${expiry.daysLeft} ${expiry.daysLeft === 1 ? "day" : "days"} left`}
      </span>{" "}
      <span className="text-slate-500">· expires {formatUtc(expiry.expiresAt)}</span>
      <a href={ACTION_CENTER_URL} target="_blank" rel="noreferrer" className={cn(link, "block")}>
        Approve or reject in the Defender action center
      </a>
    </span>
  );
}

function columns(opts: { device: boolean }): ColumnDef<InvestigationView>[] {
  const cols: ColumnDef<InvestigationView>[] = [
    {
      id: "id",
      header: "Investigation",
      meta: { cellClassName: "whitespace-nowrap" },
      cell: ({ row: { original: i } }) => (
        <>
          <span className="font-mono">{i.id}</span>
          {i.startedBy ? <span className="block text-slate-500">started by {i.startedBy}</span> : null}
        </>
      ),
    },
    { id: "state", header: "State", cell: ({ row: { original: i } }) => <StateBadge state={i.state} /> },
    {
      id: "alert",
      header: "Triggered by",
      cell: ({ row: { original: i } }) =>
        i.triggeringAlertId ? (
          <Link href={`/alerts/${encodeURIComponent(i.triggeringAlertId)}`} className={link}>
            {i.alertTitle ?? i.triggeringAlertId}
          </Link>
        ) : (
          "Started manually"
        ),
      meta: { cellClassName: "max-w-xs" },
    },
  ];
  if (opts.device)
    cols.push({
      id: "device",
      header: "Device",
      cell: ({ row: { original: i } }) =>
        i.deviceId ? (
          <Link href={`/devices/${encodeURIComponent(i.deviceId)}`} className={link}>
            {i.deviceName ?? i.machineId}
          </Link>
        ) : (
          (i.deviceName ?? i.machineId)
        ),
    });
  cols.push(
    {
      id: "started",
      header: "Started",
      cell: ({ row: { original: i } }) => formatUtc(i.startTime),
      meta: { cellClassName: "whitespace-nowrap" },
    },
    {
      id: "duration",
      header: "Duration",
      cell: ({ row: { original: i } }) => (
        <>
          {formatDuration(i.durationMs)}
          {i.endTime ? null : i.durationMs !== null ? <span className="block text-slate-500">so far</span> : null}
        </>
      ),
      meta: { cellClassName: "whitespace-nowrap" },
    },
    {
      id: "waiting",
      header: "Waiting for",
      cell: ({ row: { original: i } }) => (
        <>
          {i.waitingFor ?? "—"}
          <ApprovalDeadline row={i} />
        </>
      ),
      meta: { cellClassName: "min-w-48 max-w-sm" },
    },
  );
  return cols;
}

export function InvestigationTable({
  rows,
  empty,
  showDevice = true,
  label: tableLabel = "Automated investigations",
}: {
  rows: InvestigationView[];
  empty: ReactNode;
  showDevice?: boolean;
  label?: string;
}) {
  return (
    <DataTable
      label={tableLabel}
      dense
      rows={rows}
      columns={columns({ device: showDevice })}
      getRowId={(i) => i.id}
      cellClassName="text-xs"
      rowProps={(i) => ({ "data-investigation-id": i.id, "data-state": i.state })}
      empty={empty}
    />
  );
}
