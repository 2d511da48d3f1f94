import Link from "next/link";
import type { ReactNode } from "react";
import type { AlertRow, SortColumn } from "@/lib/alerts/schemas";
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

const thBase = "border-b border-slate-200 bg-slate-50 px-2 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:border-slate-800 dark:bg-slate-800/50 dark:text-slate-300";
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
            {selectable ? (
              <th scope="col" className={`${thBase} w-8`}>
                <input type="checkbox" aria-label="Select all shown alerts" checked={allSelected} onChange={(e) => onToggleAll(e.target.checked)} />
              </th>
            ) : null}
            {ALERT_COLUMNS.map((c) => {
              const active = c.key === sort;
              return (
                <th key={c.key} scope="col" className={`${thBase} ${c.className ?? ""}`} aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"}>
                  <button type="button" className="inline-flex items-center gap-1 uppercase hover:text-blue-700 dark:hover:text-blue-300" onClick={() => onSort(c.key)}>
                    {c.label}
                    <span aria-hidden="true" className={active ? "" : "opacity-0"}>
                      {dir === "asc" ? "▲" : "▼"}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={colSpan} className="px-3 py-10 text-center text-slate-500 dark:text-slate-400">
                {empty}
              </td>
            </tr>
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
