import Link from "next/link";
import type { ReactNode } from "react";
import type { AlertRow, SortColumn } from "@/lib/alerts/schemas";
import { EmptyRow, SelectAllTh, SortableTh } from "@/components/ui/table";
import { shortDuration } from "./sla";
import { PriorityBadge, SeverityText, SlaBadge } from "./badges";

// The queue's table: props in, callbacks out. Sorting is by header buttons (aria-sort on the header cell);
// selection by checkbox; the focused row (j/k) is marked with aria-current and a ring.

export const ALERT_COLUMNS: { key: SortColumn; label: string; className?: string }[] = [
  { key: "priority", label: "Priority" },
  { key: "severity", label: "Severity" },
  { key: "title", label: "Title", className: "min-w-64" },
  { key: "status", label: "Status" },
  { key: "category", label: "Category" },
  { key: "technique", label: "MITRE" },
  { key: "device", label: "Device" },
  { key: "user", label: "User" },
  { key: "source", label: "Source" },
  { key: "assignedTo", label: "Assigned to" },
  { key: "age", label: "Age" },
  { key: "sla", label: "SLA" },
];

export interface AlertTableProps {
  rows: AlertRow[];
  sort: SortColumn;
  dir: "asc" | "desc";
  onSort: (column: SortColumn) => void;
  now: number;
  selectable: boolean;
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onToggleAll: (select: boolean) => void;
  focusedId: string | null;
  onFocusRow: (id: string) => void;
  /** Ids with a change on its way to Defender (shown dimmed until it lands or rolls back). */
  pending: ReadonlySet<string>;
  empty: ReactNode;
}

const td = "border-b border-slate-100 px-2 py-1.5 align-top dark:border-slate-800";

export function AlertTable(props: AlertTableProps) {
  const { rows, sort, dir, onSort, now, selectable, selected, onToggle, onToggleAll, focusedId, onFocusRow, pending, empty } = props;
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const colSpan = ALERT_COLUMNS.length + (selectable ? 1 : 0);
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="min-w-full text-left text-sm" aria-label="Alert queue" aria-rowcount={-1}>
        <thead>
          <tr>
            {selectable ? <SelectAllTh label="Select all shown alerts" checked={allSelected} onChange={onToggleAll} /> : null}
            {ALERT_COLUMNS.map((c) => (
              <SortableTh key={c.key} label={c.label} className={c.className} active={c.key === sort} dir={dir} onSort={() => onSort(c.key)} />
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <EmptyRow colSpan={colSpan}>{empty}</EmptyRow>
          ) : (
            rows.map((r) => {
              const focused = r.id === focusedId;
              return (
                <tr
                  key={r.id}
                  data-alert-id={r.id}
                  aria-current={focused ? "true" : undefined}
                  aria-selected={selectable ? selected.has(r.id) : undefined}
                  onClick={() => onFocusRow(r.id)}
                  className={`${focused ? "bg-blue-50 outline-2 -outline-offset-2 outline-blue-600 dark:bg-blue-950/40" : "hover:bg-slate-50 dark:hover:bg-slate-800/40"} ${pending.has(r.id) ? "opacity-60" : ""}`}
                >
                  {selectable ? (
                    <td className={td}>
                      <input type="checkbox" aria-label={`Select ${r.title} (${r.id})`} checked={selected.has(r.id)} onChange={() => onToggle(r.id)} />
                    </td>
                  ) : null}
                  <td className={td}>
                    <PriorityBadge priority={r.priority} rule={r.priorityRule} />
                  </td>
                  <td className={td}>
                    <SeverityText severity={r.severity} />
                  </td>
                  <td className={`${td} max-w-md`}>
                    <Link href={`/alerts/${encodeURIComponent(r.id)}`} className="font-medium text-blue-800 hover:underline dark:text-blue-300">
                      {r.title}
                    </Link>
                  </td>
                  <td className={`${td} text-xs`} data-col="status">
                    {r.status}
                  </td>
                  <td className={`${td} text-xs`}>{r.category || "—"}</td>
                  <td className={`${td} font-mono text-xs`}>{r.mitreTechniques.join(", ") || "—"}</td>
                  <td className={`${td} text-xs`}>{r.computerDnsName ?? "—"}</td>
                  <td className={`${td} text-xs`}>{r.userName ?? "—"}</td>
                  <td className={`${td} text-xs`}>{r.detectionSource || "—"}</td>
                  <td className={`${td} text-xs`} data-col="assignedTo">
                    {r.assignedTo ?? <span className="text-slate-400">unassigned</span>}
                  </td>
                  <td className={`${td} whitespace-nowrap text-xs`} title={r.alertCreationTime}>
                    {shortDuration(Math.max(0, now - Date.parse(r.alertCreationTime)))}
                  </td>
                  <td className={`${td} whitespace-nowrap`}>
                    <SlaBadge slaDueAt={r.slaDueAt} status={r.status} alertCreationTime={r.alertCreationTime} now={now} />
                  </td>
                </tr>
              );
            })
          )}
        </tbody>
      </table>
    </div>
  );
}
