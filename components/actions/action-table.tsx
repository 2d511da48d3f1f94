import Link from "next/link";
import type { ReactNode } from "react";
import { ActionStatusBadge } from "@/components/devices/badges";
import { EmptyRow, Th } from "@/components/ui/table";
import { formatUtc } from "@/components/ui/format";
import { ACTION_LABELS, type ActionType, type ActionView } from "@/lib/actions/schemas";

// The action center's table: who, what, device, comment, status and timestamps; the row's buttons are the
// caller's (approve/reject for approvers, cancel for responders).

const when = (iso: string | null) => formatUtc(iso, "—", { seconds: true });

export function ActionTable({ rows, empty, controls }: { rows: ActionView[]; empty: ReactNode; controls: (row: ActionView) => ReactNode }) {
  const td = "border-b border-slate-100 px-2 py-1.5 align-top text-xs dark:border-slate-800";
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="min-w-full text-left text-sm" aria-label="Response actions">
        <thead>
          <tr>
            {["Requested", "Action", "Device", "Status", "Requested by", "Comment", "Decision", "Updated", ""].map((h, i) => (
              <Th key={i} dense>
                {h || <span className="sr-only">Controls</span>}
              </Th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <EmptyRow colSpan={9}>{empty}</EmptyRow>
          ) : (
            rows.map((a) => (
              <tr key={a.id} data-action-id={a.id} data-device-name={a.deviceName ?? ""}>
                <td className={`${td} whitespace-nowrap`}>{when(a.createdAt)}</td>
                <td className={td}>
                  {ACTION_LABELS[a.type as ActionType] ?? a.type}
                  {a.scope ? <span className="text-slate-500"> ({a.scope})</span> : null}
                  {a.source === "defender" ? <span className="block text-slate-500">outside the console</span> : null}
                </td>
                <td className={td}>
                  {a.deviceId ? (
                    <Link href={`/devices/${encodeURIComponent(a.deviceId)}`} className="text-blue-800 hover:underline dark:text-blue-300">
                      {a.deviceName ?? a.deviceId}
                    </Link>
                  ) : (
                    (a.deviceName ?? "—")
                  )}
                </td>
                <td className={td}>
                  <ActionStatusBadge status={a.status} />
                  {a.error ? <span className="mt-1 block max-w-xs text-red-700 dark:text-red-300">{a.error}</span> : null}
                </td>
                <td className={td}>{a.requestedBy ?? "—"}</td>
                <td className={`${td} max-w-xs`}>{a.comment ?? "—"}</td>
                <td className={td}>
                  {a.decidedAt ? (
                    <>
                      {a.status === "Rejected" ? "Rejected" : a.status === "Withdrawn" ? "Withdrawn" : "Approved"} by {a.decidedBy}
                      {a.decisionReason ? <span className="block text-slate-500">“{a.decisionReason}”</span> : null}
                    </>
                  ) : a.cancelledBy ? (
                    `Cancelled by ${a.cancelledBy}`
                  ) : (
                    "—"
                  )}
                </td>
                <td className={`${td} whitespace-nowrap`}>{when(a.updatedAt)}</td>
                <td className={`${td} whitespace-nowrap`}>{controls(a)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
