import { formatRelative } from "@/components/ui/format";
import type { ActionView } from "@/lib/actions/schemas";
import { canCancel } from "@/lib/actions/schemas";
import { ActionStatusBadge } from "./badges";
import { label } from "@/lib/labels";

// A device's recent response actions with their live status; props in, callbacks out.

export function ActionList({
  actions,
  now,
  onCancel,
}: {
  actions: ActionView[];
  now: number;
  onCancel?: (action: ActionView) => void;
}) {
  if (actions.length === 0)
    return <p className="text-sm text-slate-600 dark:text-slate-400">No response actions on this device yet.</p>;
  return (
    <ul className="space-y-2" aria-label="Response actions on this device">
      {actions.map((a) => {
        const cancellable = canCancel(a);
        return (
          <li
            key={a.id}
            data-action-id={a.id}
            data-action-type={a.type}
            className="rounded-md border border-slate-200 p-2 text-sm dark:border-slate-700"
          >
            <div className="flex items-center justify-between gap-2">
              <span className="font-medium">
                {label("actionType", a.type)}
                {a.scope ? <span className="text-xs text-slate-500"> ({a.scope})</span> : null}
              </span>
              <ActionStatusBadge status={a.status} />
            </div>
            <p className="text-xs text-slate-600 dark:text-slate-400">
              {a.requestedBy ?? "unknown"} · <span title={a.createdAt}>{formatRelative(a.createdAt, now)}</span>
              {a.approvedBy && a.status !== "Rejected" && a.status !== "Withdrawn"
                ? ` · approved by ${a.approvedBy}`
                : ""}
            </p>
            {a.comment ? <p className="text-xs">“{a.comment}”</p> : null}
            {a.status === "Rejected" || a.status === "Withdrawn" ? (
              <p className="text-xs text-red-700 dark:text-red-300">
                {label("actionStatus", a.status)} by {a.decidedBy}: {a.decisionReason}
              </p>
            ) : null}
            {a.error ? <p className="text-xs text-red-700 dark:text-red-300">{a.error}</p> : null}
            {onCancel && cancellable ? (
              <button
                type="button"
                className="mt-1 text-xs text-red-700 underline dark:text-red-300"
                onClick={() => onCancel(a)}
              >
                {a.status === "AwaitingApproval" ? "Withdraw request" : "Cancel action"}
              </button>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
