import { shortDuration, slaState } from "./sla";
import { cn } from "@/components/ui/cn";
import { label } from "@/lib/labels";

const PRIORITY_STYLE: Record<string, string> = {
  Critical: "bg-red-700 text-white dark:bg-red-600",
  High: "bg-orange-100 text-orange-900 ring-1 ring-orange-300 dark:bg-orange-950 dark:text-orange-100 dark:ring-orange-800",
  Medium: "bg-amber-50 text-amber-900 ring-1 ring-amber-300 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-800",
  Low: "bg-sky-50 text-sky-900 ring-1 ring-sky-200 dark:bg-sky-950 dark:text-sky-100 dark:ring-sky-800",
  Informational:
    "bg-slate-100 text-slate-700 ring-1 ring-slate-200 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-700",
};

/** The derived priority; when a rule raised it, the rule's name is shown on hover and to screen readers. */
export function PriorityBadge({ priority, rule }: { priority: string; rule: string | null }) {
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-semibold",
        PRIORITY_STYLE[priority] ?? PRIORITY_STYLE.Informational,
      )}
      title={rule ? `Raised by rule: ${rule}` : "From the alert's severity"}
      data-testid="priority-badge"
    >
      {priority}
      {rule ? <span className="sr-only"> (raised by rule: {rule})</span> : null}
      {rule ? <span aria-hidden="true">↑</span> : null}
    </span>
  );
}

export function SeverityText({ severity }: { severity: string }) {
  const tone =
    severity === "High"
      ? "text-red-700 dark:text-red-300"
      : severity === "Medium"
        ? "text-amber-700 dark:text-amber-300"
        : "text-slate-600 dark:text-slate-400";
  return <span className={cn("text-xs font-medium", tone)}>{label("severity", severity)}</span>;
}

/** Time left on the SLA clock, or how long ago it was breached, against the `now` the page was rendered with. */
export function SlaBadge({
  slaDueAt,
  status,
  alertCreationTime,
  now,
}: {
  slaDueAt: string | null;
  status: string;
  alertCreationTime: string;
  now: number;
}) {
  const state = slaState(slaDueAt, status, alertCreationTime, now);
  if (state.kind === "none") return <span className="text-xs text-slate-400">no clock</span>;
  if (state.kind === "met") return <span className="text-xs text-slate-500">closed</span>;
  if (state.kind === "breached") {
    return (
      <span
        data-testid="sla-badge"
        data-sla="breached"
        className="inline-flex rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-800 ring-1 ring-red-300 dark:bg-red-950 dark:text-red-200 dark:ring-red-800"
      >
        Breached {shortDuration(state.ms)} ago
      </span>
    );
  }
  return (
    <span
      data-testid="sla-badge"
      data-sla={state.near ? "near" : "ok"}
      className={cn(
        "inline-flex rounded px-1.5 py-0.5 text-xs font-medium ring-1",
        state.near
          ? "bg-amber-100 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-800"
          : "text-emerald-800 ring-emerald-200 dark:text-emerald-200 dark:ring-emerald-800",
      )}
    >
      {shortDuration(state.ms)} left
    </span>
  );
}
