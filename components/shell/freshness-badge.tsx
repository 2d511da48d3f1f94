import Link from "next/link";
import { formatRelative } from "@/components/ui/format";
import { cn } from "@/components/ui/cn";

export function FreshnessBadge({
  lastSyncAt,
  tenantConfigured,
  failing = [],
}: {
  lastSyncAt: string | null;
  tenantConfigured: boolean;
  failing?: readonly string[];
}) {
  const label = !tenantConfigured
    ? "No tenant"
    : failing.length
      ? `Sync problem (${failing.length})`
      : lastSyncAt
        ? `Synced ${formatRelative(lastSyncAt)}`
        : "Not synced yet";
  const tone =
    !tenantConfigured || !lastSyncAt || failing.length
      ? "border-amber-300 bg-amber-50 text-amber-800 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
      : "border-emerald-300 bg-emerald-50 text-emerald-800 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-200";
  return (
    <Link
      href="/sync"
      className={cn(
        "inline-flex h-7 items-center rounded-full border px-2.5 text-xs font-medium focus-visible:outline-2 focus-visible:outline-blue-600",
        tone,
      )}
      title={
        failing.length
          ? `Failing: ${failing.join(", ")}`
          : lastSyncAt
            ? `Cache last complete at ${lastSyncAt}`
            : undefined
      }
      data-testid="freshness"
    >
      {label}
    </Link>
  );
}
