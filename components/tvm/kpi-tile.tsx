import Link from "next/link";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/** One headline figure. `hint` explains an absent value; `href` links to the list behind the number. */
export function KpiTile({
  label,
  value,
  detail,
  hint,
  href,
  testId,
}: {
  label: string;
  value: string | null;
  detail?: ReactNode;
  hint?: string;
  href?: string;
  testId?: string;
}) {
  const body = (
    <>
      <p className="text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums" data-testid={testId}>
        {value ?? "—"}
      </p>
      {value === null && hint ? <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{hint}</p> : null}
      {detail ? <div className="mt-1 text-xs text-slate-600 dark:text-slate-400">{detail}</div> : null}
    </>
  );
  const cls =
    "chart-panel block rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900";
  return href ? (
    <Link
      href={href}
      className={cn(cls, "hover:border-blue-400 focus-visible:outline-2 focus-visible:outline-blue-600")}
    >
      {body}
    </Link>
  ) : (
    <div className={cls}>{body}</div>
  );
}

/** "▲ 2.1" / "▼ 3.0" with words for screen readers; `goodWhenDown` says which direction is good news. */
export function Change({
  change,
  goodWhenDown,
  unit = "",
}: {
  change: number | null;
  goodWhenDown: boolean;
  unit?: string;
}) {
  if (change === null) return <span>No earlier point in this window</span>;
  if (change === 0) return <span>Unchanged over the window</span>;
  const good = goodWhenDown ? change < 0 : change > 0;
  return (
    <span className={good ? "text-emerald-700 dark:text-emerald-300" : "text-red-700 dark:text-red-300"}>
      <span aria-hidden="true">{change > 0 ? "▲" : "▼"} </span>
      {change > 0 ? "up" : "down"} {Math.abs(change).toFixed(1)}
      {unit} over the window
    </span>
  );
}
