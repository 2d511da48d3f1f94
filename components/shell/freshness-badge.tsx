import { formatRelative } from "@/components/ui/format";

export function FreshnessBadge({ lastSyncAt, tenantConfigured }: { lastSyncAt: string | null; tenantConfigured: boolean }) {
  const label = !tenantConfigured ? "No tenant" : lastSyncAt ? `Synced ${formatRelative(lastSyncAt)}` : "Not synced yet";
  const tone = !tenantConfigured || !lastSyncAt
    ? "border-amber-300 bg-amber-50 text-amber-800 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
    : "border-emerald-300 bg-emerald-50 text-emerald-800 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-200";
  return (
    <span
      className={`inline-flex h-7 items-center rounded-full border px-2.5 text-xs font-medium ${tone}`}
      title={lastSyncAt ? `Cache last complete at ${lastSyncAt}` : undefined}
      data-testid="freshness"
    >
      {label}
    </span>
  );
}
