import { cn } from "@/components/ui/cn";
import { label } from "@/lib/labels";
// Small status marks for devices, shared by the inventory and the device page. Colour is never the only signal:
// every badge carries its text.

const TONE = {
  bad: "bg-red-50 text-red-800 ring-1 ring-red-300 dark:bg-red-950 dark:text-red-200 dark:ring-red-800",
  warn: "bg-amber-50 text-amber-900 ring-1 ring-amber-300 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-800",
  ok: "bg-emerald-50 text-emerald-800 ring-1 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-800",
  info: "bg-slate-100 text-slate-700 ring-1 ring-slate-200 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-700",
} as const;

function Badge({ tone, children, testId }: { tone: keyof typeof TONE; children: React.ReactNode; testId?: string }) {
  return (
    <span
      className={cn("inline-flex items-center whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium", TONE[tone])}
      data-testid={testId}
    >
      {children}
    </span>
  );
}

/** A Defender risk score or exposure level. */
export function LevelBadge({
  value,
  kind = "riskScore",
}: {
  value: string | null;
  kind?: "riskScore" | "exposureLevel";
}) {
  if (!value) return <span className="text-slate-400">—</span>;
  const tone = value === "High" ? "bad" : value === "Medium" ? "warn" : "info";
  return <Badge tone={tone}>{label(kind, value)}</Badge>;
}

export function HealthBadge({ value }: { value: string | null }) {
  if (!value) return <span className="text-slate-400">—</span>;
  return (
    <Badge tone={value === "Active" ? "ok" : value === "Inactive" || value.startsWith("NoSensor") ? "bad" : "warn"}>
      {label("healthStatus", value)}
    </Badge>
  );
}

export function IsolationBadge({ value }: { value: string }) {
  return value === "Isolated" ? (
    <Badge tone="bad" testId="isolation-state">
      Isolated
    </Badge>
  ) : (
    <span className="text-xs text-slate-600 dark:text-slate-400" data-testid="isolation-state">
      Not isolated
    </span>
  );
}

export function ComplianceBadge({ value }: { value: string | null }) {
  if (!value) return <span className="text-slate-400">—</span>;
  return (
    <Badge tone={value === "compliant" ? "ok" : value === "noncompliant" ? "bad" : "warn"}>
      {label("complianceState", value)}
    </Badge>
  );
}

/** Open vulnerabilities by severity as C/H/M/L counts. */
export function VulnCounts({
  critical,
  high,
  medium,
  low,
}: {
  critical: number;
  high: number;
  medium: number;
  low: number;
}) {
  if (critical + high + medium + low === 0) return <span className="text-slate-400">0</span>;
  return (
    <span
      className="whitespace-nowrap font-mono text-xs"
      title={`${critical} critical, ${high} high, ${medium} medium, ${low} low`}
    >
      <span className={critical ? "font-semibold text-red-700 dark:text-red-300" : ""}>{critical}</span>/
      <span className={high ? "text-orange-700 dark:text-orange-300" : ""}>{high}</span>/{medium}/{low}
      <span className="sr-only"> critical/high/medium/low</span>
    </span>
  );
}

const STATUS_TONE: Record<string, keyof typeof TONE> = {
  AwaitingApproval: "warn",
  Queued: "info",
  Sending: "info",
  Pending: "info",
  InProgress: "warn",
  Succeeded: "ok",
  Failed: "bad",
  TimeOut: "bad",
  Cancelled: "info",
  Rejected: "bad",
  SendFailed: "bad",
};

/** A response action's status: Defender's (Pending … Cancelled) or the console's before it reached Defender. */
export function ActionStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={STATUS_TONE[status] ?? "info"} testId="action-status">
      {label("actionStatus", status)}
    </Badge>
  );
}
