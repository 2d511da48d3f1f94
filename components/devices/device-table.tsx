import Link from "next/link";
import type { ReactNode } from "react";
import type { DeviceRow, DeviceSortColumn } from "@/lib/devices/schemas";
import { formatRelative } from "@/components/ui/format";
import { EmptyRow, SelectAllTh, SortableTh, Th } from "@/components/ui/table";
import { ComplianceBadge, HealthBadge, IsolationBadge, LevelBadge, VulnCounts } from "./badges";

// The inventory table: props in, callbacks out. Sortable headers carry aria-sort; selection is by checkbox.

export const DEVICE_COLUMNS: { key: string; label: string; sort?: DeviceSortColumn; className?: string }[] = [
  { key: "name", label: "Device", sort: "name", className: "min-w-56" },
  { key: "os", label: "OS", sort: "platform" },
  { key: "risk", label: "Risk", sort: "risk" },
  { key: "exposure", label: "Exposure", sort: "exposure" },
  { key: "health", label: "Health", sort: "health" },
  { key: "onboarding", label: "Onboarding", sort: "onboarding" },
  { key: "lastSeen", label: "Sensor seen", sort: "lastSeen" },
  { key: "group", label: "Group", sort: "group" },
  { key: "tags", label: "Tags" },
  { key: "isolation", label: "Isolation", sort: "isolation" },
  { key: "alerts", label: "Open alerts", sort: "openAlerts" },
  { key: "vulns", label: "Vulns C/H/M/L", sort: "vulnerabilities" },
  { key: "compliance", label: "Compliance", sort: "compliance" },
  { key: "encryption", label: "Encrypted" },
  { key: "agent", label: "Managed by" },
  { key: "user", label: "Primary user", sort: "user" },
  { key: "intune", label: "Intune sync", sort: "lastIntuneSync" },
];

export interface DeviceTableProps {
  rows: DeviceRow[];
  sort: DeviceSortColumn;
  dir: "asc" | "desc";
  onSort: (column: DeviceSortColumn) => void;
  now: number;
  selectable: boolean;
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onToggleAll: (select: boolean) => void;
  empty: ReactNode;
}

const td = "border-b border-slate-100 px-2 py-1.5 align-top dark:border-slate-800";
const dash = <span className="text-slate-400">—</span>;

export function DeviceTable({ rows, sort, dir, onSort, now, selectable, selected, onToggle, onToggleAll, empty }: DeviceTableProps) {
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="min-w-full text-left text-sm" aria-label="Device inventory">
        <thead>
          <tr>
            {selectable ? <SelectAllTh label="Select all shown devices" checked={allSelected} onChange={onToggleAll} /> : null}
            {DEVICE_COLUMNS.map((c) => {
              const column = c.sort;
              return column ? (
                <SortableTh key={c.key} label={c.label} className={c.className} active={column === sort} dir={dir} onSort={() => onSort(column)} />
              ) : (
                <Th key={c.key} dense className={c.className}>
                  {c.label}
                </Th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <EmptyRow colSpan={DEVICE_COLUMNS.length + (selectable ? 1 : 0)}>{empty}</EmptyRow>
          ) : (
            rows.map((r) => (
              <tr key={r.id} data-device-id={r.id} data-device-name={r.name} aria-selected={selectable ? selected.has(r.id) : undefined} className="hover:bg-slate-50 dark:hover:bg-slate-800/40">
                {selectable ? (
                  <td className={td}>
                    <input type="checkbox" aria-label={`Select ${r.name}`} checked={selected.has(r.id)} onChange={() => onToggle(r.id)} />
                  </td>
                ) : null}
                <td className={td}>
                  <Link href={`/devices/${encodeURIComponent(r.id)}`} className="font-medium text-blue-800 hover:underline dark:text-blue-300">
                    {r.name}
                  </Link>
                  <div className="text-xs text-slate-500">{r.lastIpAddress ?? (r.inMde ? "" : "Intune only")}</div>
                </td>
                <td className={`${td} whitespace-nowrap text-xs`} data-col="platform">
                  {r.osPlatform ?? r.platform}
                  {r.osBuild ? <span className="text-slate-500"> · {r.osBuild}</span> : null}
                </td>
                <td className={td} data-col="risk">
                  <LevelBadge value={r.riskScore} />
                </td>
                <td className={td}>
                  <LevelBadge value={r.exposureLevel} />
                </td>
                <td className={td} data-col="health">
                  <HealthBadge value={r.healthStatus} />
                </td>
                <td className={`${td} text-xs`} data-col="onboarding">
                  {r.inMde ? (r.onboardingStatus ?? dash) : "Not in Defender"}
                </td>
                <td className={`${td} whitespace-nowrap text-xs`} title={r.lastSeen ?? undefined}>
                  {r.lastSeen ? formatRelative(r.lastSeen, now) : dash}
                </td>
                <td className={`${td} text-xs`}>{r.rbacGroupName ?? dash}</td>
                <td className={`${td} text-xs`}>{r.machineTags.length ? r.machineTags.join(", ") : dash}</td>
                <td className={td} data-col="isolation">
                  <IsolationBadge value={r.isolationState} />
                </td>
                <td className={`${td} text-right text-xs`}>{r.openAlerts}</td>
                <td className={td}>
                  <VulnCounts critical={r.vulnCritical} high={r.vulnHigh} medium={r.vulnMedium} low={r.vulnLow} />
                </td>
                <td className={td} data-col="compliance">
                  <ComplianceBadge value={r.complianceState} />
                </td>
                <td className={`${td} text-xs`}>{r.isEncrypted === null ? dash : r.isEncrypted ? "Yes" : "No"}</td>
                <td className={`${td} text-xs`}>{r.managementAgent ?? dash}</td>
                <td className={`${td} text-xs`}>{r.primaryUserUpn ?? r.primaryUserName ?? dash}</td>
                <td className={`${td} whitespace-nowrap text-xs`} title={r.lastIntuneSync ?? undefined}>
                  {r.lastIntuneSync ? formatRelative(r.lastIntuneSync, now) : dash}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
