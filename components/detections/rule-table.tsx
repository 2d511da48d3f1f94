import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import type { DetectionRuleRow } from "@/lib/detections/schemas";
import { frequencyLabel, ruleAlertsHref } from "@/lib/detections/vocabulary";
import { DataTable } from "@/components/ui/data-table";
import { buttonDanger, buttonSecondary } from "@/components/ui/button-styles";
import { formatUtc } from "@/components/ui/format";
import { cn } from "@/components/ui/cn";

// The custom detection rules list: status, schedule, the last run (and why it failed), and the alerts each rule
// raised, linked into the queue filtered to that rule. Props in, callbacks out.

const STATUS_TEXT: Record<string, string> = {
  enabled: "Enabled",
  disabled: "Disabled",
  autoDisabled: "Turned off by Defender",
};

function StatusPill({ status }: { status: string }) {
  return (
    <span
      className={cn(
        "rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap",
        status === "enabled"
          ? "bg-emerald-100 text-emerald-900 dark:bg-emerald-900/40 dark:text-emerald-200"
          : status === "autoDisabled"
            ? "bg-red-100 text-red-900 dark:bg-red-900/40 dark:text-red-200"
            : "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
      )}
    >
      {STATUS_TEXT[status] ?? status}
    </span>
  );
}

export function DetectionRuleTable({
  rules,
  canWrite,
  canDelete,
  busyId,
  onToggle,
  onDelete,
}: {
  rules: DetectionRuleRow[];
  canWrite: boolean;
  canDelete: boolean;
  /** The rule a change is in flight for (its buttons wait). */
  busyId: string | null;
  onToggle: (rule: DetectionRuleRow) => void;
  onDelete: (rule: DetectionRuleRow) => void;
}) {
  const columns: ColumnDef<DetectionRuleRow>[] = [
    {
      id: "name",
      header: "Rule",
      cell: ({ row: { original: r } }) => (
        <div className="min-w-56">
          <div className="font-medium">{r.displayName}</div>
          <div className="text-xs text-slate-600 dark:text-slate-400">
            Alert “{r.title}” · {r.severity ?? "—"}
            {r.category ? ` · ${r.category}` : ""}
            {r.techniques.length ? ` · ${r.techniques.join(", ")}` : ""}
          </div>
        </div>
      ),
      meta: { cellProps: () => ({ "data-col": "name" }) },
    },
    {
      id: "status",
      header: "Status",
      cell: ({ row: { original: r } }) => <StatusPill status={r.status} />,
      meta: { cellProps: () => ({ "data-col": "status" }) },
    },
    {
      id: "frequency",
      header: "Runs",
      cell: ({ row: { original: r } }) => frequencyLabel(r.frequency),
      meta: { cellClassName: "whitespace-nowrap text-xs" },
    },
    {
      id: "lastRun",
      header: "Last run",
      cell: ({ row: { original: r } }) =>
        r.lastRun.at ? (
          <div className="text-xs">
            <div className="whitespace-nowrap">{formatUtc(r.lastRun.at)}</div>
            <div
              className={cn(
                r.lastRun.status === "failed" || r.lastRun.status === "partiallyFailed"
                  ? "text-red-700 dark:text-red-300"
                  : "text-slate-600 dark:text-slate-400",
              )}
            >
              {r.lastRun.status ?? "—"}
              {r.lastRun.error ? ` — ${r.lastRun.error}` : ""}
            </div>
          </div>
        ) : (
          <span className="text-xs text-slate-500">Not run yet</span>
        ),
      meta: { cellProps: () => ({ "data-col": "lastRun" }) },
    },
    {
      id: "alerts",
      header: "Alerts raised",
      cell: ({ row: { original: r } }) =>
        r.detectorId && r.alerts.count > 0 ? (
          <Link href={ruleAlertsHref(r.detectorId)} className="text-blue-800 hover:underline dark:text-blue-300">
            {r.alerts.count} ({r.alerts.open} open)
          </Link>
        ) : (
          <span className="text-xs text-slate-500">None synced</span>
        ),
      meta: { numeric: true, cellProps: () => ({ "data-col": "alerts" }) },
    },
    {
      id: "actions",
      header: "",
      cell: ({ row: { original: r } }) => (
        <div className="flex justify-end gap-2">
          {canWrite ? (
            <button
              type="button"
              className={buttonSecondary}
              disabled={busyId === r.id}
              onClick={() => onToggle(r)}
              aria-label={`${r.status === "enabled" ? "Disable" : "Enable"} ${r.displayName}`}
            >
              {r.status === "enabled" ? "Disable" : "Enable"}
            </button>
          ) : null}
          {canDelete ? (
            <button
              type="button"
              className={buttonDanger}
              disabled={busyId === r.id}
              onClick={() => onDelete(r)}
              aria-label={`Delete ${r.displayName}`}
            >
              Delete
            </button>
          ) : null}
        </div>
      ),
      meta: { srHeader: "Actions" },
    },
  ];
  return (
    <DataTable
      rows={rules}
      columns={columns}
      getRowId={(r) => r.id}
      caption="Custom detection rules"
      sortLocally
      rowProps={(r) => ({ "data-rule": r.displayName })}
      empty={
        <p className="p-4 text-sm text-slate-600 dark:text-slate-400">
          No custom detection rules yet. Open a saved query in Hunting and choose “Create detection rule”.
        </p>
      }
    />
  );
}
