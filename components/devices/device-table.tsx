import Link from "next/link";
import type { ReactNode } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import type { DeviceRow, DeviceSortColumn } from "@/lib/devices/schemas";
import { formatRelative } from "@/components/ui/format";
import { DataTable } from "@/components/ui/data-table";
import { ComplianceBadge, HealthBadge, IsolationBadge, LevelBadge, VulnCounts } from "./badges";
import { label } from "@/lib/labels";

// The inventory's columns for the one DataTable. A sortable column's id is the URL's `sort` value; selection is by
// checkbox; columns can be hidden (Columns).

const dash = <span className="text-slate-400">—</span>;

export function deviceColumns(now: number): ColumnDef<DeviceRow>[] {
  const col = (
    id: string,
    header: string,
    cell: ColumnDef<DeviceRow>["cell"],
    opts: { sort?: boolean; meta?: ColumnDef<DeviceRow>["meta"] } = {},
  ): ColumnDef<DeviceRow> => ({
    id,
    header,
    cell,
    meta: opts.meta,
    enableSorting: opts.sort === true,
  });
  const sorted = (
    id: DeviceSortColumn,
    header: string,
    cell: ColumnDef<DeviceRow>["cell"],
    meta?: ColumnDef<DeviceRow>["meta"],
  ) => col(id, header, cell, { sort: true, meta });
  return [
    {
      ...sorted(
        "name",
        "Device",
        ({ row: { original: r } }) => (
          <>
            <Link
              href={`/devices/${encodeURIComponent(r.id)}`}
              className="font-medium text-blue-800 hover:underline dark:text-blue-300"
            >
              {r.name}
            </Link>
            <div className="text-xs text-slate-500">{r.lastIpAddress ?? (r.inMde ? "" : "Intune only")}</div>
          </>
        ),
        { headerClassName: "min-w-56" },
      ),
      enableHiding: false,
    },
    sorted(
      "platform",
      "OS",
      ({ row: { original: r } }) => (
        <>
          {r.osPlatform ?? r.platform}
          {r.osBuild ? <span className="text-slate-500"> · {r.osBuild}</span> : null}
        </>
      ),
      { cellClassName: "whitespace-nowrap text-xs", cellProps: () => ({ "data-col": "platform" }) },
    ),
    sorted("risk", "Risk", ({ row: { original: r } }) => <LevelBadge value={r.riskScore} />, {
      cellProps: () => ({ "data-col": "risk" }),
    }),
    sorted("exposure", "Exposure", ({ row: { original: r } }) => (
      <LevelBadge value={r.exposureLevel} kind="exposureLevel" />
    )),
    sorted("health", "Health", ({ row: { original: r } }) => <HealthBadge value={r.healthStatus} />, {
      cellProps: () => ({ "data-col": "health" }),
    }),
    sorted(
      "onboarding",
      "Onboarding",
      ({ row: { original: r } }) =>
        r.inMde ? (r.onboardingStatus ? label("onboardingStatus", r.onboardingStatus) : dash) : "Not in Defender",
      {
        cellClassName: "text-xs",
        cellProps: () => ({ "data-col": "onboarding" }),
      },
    ),
    sorted(
      "lastSeen",
      "Sensor seen",
      ({ row: { original: r } }) => (r.lastSeen ? formatRelative(r.lastSeen, now) : dash),
      {
        cellClassName: "whitespace-nowrap text-xs",
        cellProps: (r) => ({ title: r.lastSeen ?? undefined }),
      },
    ),
    sorted("group", "Group", ({ row: { original: r } }) => r.rbacGroupName ?? dash, { cellClassName: "text-xs" }),
    col("tags", "Tags", ({ row: { original: r } }) => (r.machineTags.length ? r.machineTags.join(", ") : dash), {
      meta: { cellClassName: "text-xs" },
    }),
    sorted("isolation", "Isolation", ({ row: { original: r } }) => <IsolationBadge value={r.isolationState} />, {
      cellProps: () => ({ "data-col": "isolation" }),
    }),
    sorted("openAlerts", "Open alerts", ({ row: { original: r } }) => r.openAlerts, {
      cellClassName: "text-right text-xs",
    }),
    sorted("vulnerabilities", "Vulns C/H/M/L", ({ row: { original: r } }) => (
      <VulnCounts critical={r.vulnCritical} high={r.vulnHigh} medium={r.vulnMedium} low={r.vulnLow} />
    )),
    sorted("compliance", "Compliance", ({ row: { original: r } }) => <ComplianceBadge value={r.complianceState} />, {
      cellProps: () => ({ "data-col": "compliance" }),
    }),
    col(
      "encryption",
      "Encrypted",
      ({ row: { original: r } }) => (r.isEncrypted === null ? dash : r.isEncrypted ? "Yes" : "No"),
      { meta: { cellClassName: "text-xs" } },
    ),
    col(
      "agent",
      "Managed by",
      ({ row: { original: r } }) => (r.managementAgent ? label("managementAgent", r.managementAgent) : dash),
      {
        meta: { cellClassName: "text-xs" },
      },
    ),
    sorted("user", "Primary user", ({ row: { original: r } }) => r.primaryUserUpn ?? r.primaryUserName ?? dash, {
      cellClassName: "text-xs",
    }),
    sorted(
      "lastIntuneSync",
      "Intune sync",
      ({ row: { original: r } }) => (r.lastIntuneSync ? formatRelative(r.lastIntuneSync, now) : dash),
      {
        cellClassName: "whitespace-nowrap text-xs",
        cellProps: (r) => ({ title: r.lastIntuneSync ?? undefined }),
      },
    ),
  ];
}

export interface DeviceTableProps {
  rows: DeviceRow[];
  sort: DeviceSortColumn;
  dir: "asc" | "desc";
  onSort: (column: DeviceSortColumn) => void;
  now: number;
  selectable: boolean;
  selected: ReadonlySet<string>;
  onSelect: (ids: Set<string>) => void;
  empty: ReactNode;
}

export function DeviceTable({ rows, sort, dir, onSort, now, selectable, selected, onSelect, empty }: DeviceTableProps) {
  return (
    <DataTable
      label="Device inventory"
      dense
      columnPicker
      rows={rows}
      columns={deviceColumns(now)}
      getRowId={(r) => r.id}
      sort={{ column: sort, dir, onSort: (c) => onSort(c as DeviceSortColumn) }}
      selection={
        selectable
          ? { selected, onChange: onSelect, allLabel: "Select all shown devices", rowLabel: (r) => `Select ${r.name}` }
          : undefined
      }
      rowProps={(r) => ({ "data-device-id": r.id, "data-device-name": r.name })}
      empty={empty}
    />
  );
}
