import { cn } from "@/components/ui/cn";
import { label } from "@/lib/labels";
const STYLE: Record<string, string> = {
  Critical: "bg-red-800 text-white dark:bg-red-700",
  High: "bg-orange-100 text-orange-900 ring-1 ring-orange-300 dark:bg-orange-950 dark:text-orange-100 dark:ring-orange-800",
  Medium: "bg-amber-50 text-amber-900 ring-1 ring-amber-300 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-800",
  Low: "bg-sky-50 text-sky-900 ring-1 ring-sky-200 dark:bg-sky-950 dark:text-sky-100 dark:ring-sky-800",
};

/** A CVE's severity (Critical is a real value in TVM, unlike alerts). */
export function CveSeverityBadge({ severity }: { severity: string }) {
  return (
    <span className={cn("inline-flex rounded px-1.5 py-0.5 text-xs font-semibold", STYLE[severity] ?? STYLE.Low)}>
      {label("severity", severity)}
    </span>
  );
}

export function Flag({ children, tone = "red" }: { children: string; tone?: "red" | "slate" }) {
  const cls =
    tone === "red"
      ? "bg-red-50 text-red-800 ring-red-300 dark:bg-red-950 dark:text-red-200 dark:ring-red-800"
      : "bg-slate-100 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600";
  return <span className={cn("inline-flex rounded px-1.5 py-0.5 text-xs font-medium ring-1", cls)}>{children}</span>;
}
