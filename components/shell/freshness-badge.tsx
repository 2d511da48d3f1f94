import Link from "next/link";
import { formatRelative } from "@/components/ui/format";
import { cn } from "@/components/ui/cn";
import type { CacheFreshness, EntityFreshness } from "@/lib/sync/freshness";

const TONES = {
  green:
    "border-emerald-300 bg-emerald-50 text-emerald-800 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-200",
  amber: "border-amber-300 bg-amber-50 text-amber-800 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200",
  red: "border-red-300 bg-red-50 text-red-800 dark:border-red-700 dark:bg-red-950 dark:text-red-200",
} as const;

/** "every 5 min", "every 4 h 5 min". */
function every(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `every ${[h ? `${h} h` : "", m || !h ? `${m} min` : ""].filter(Boolean).join(" ")}`;
}

const VERDICT: Record<EntityFreshness["level"], string> = {
  fresh: "",
  overdue: "late",
  stale: "badly late",
  failing: "failing",
  never: "not synced yet",
};

/** One line per entity: when it last synced, how often it should, and what is wrong. */
function entityLine(e: EntityFreshness, now: number): string {
  const when = e.lastSuccessAt ? formatRelative(e.lastSuccessAt, now) : "never";
  const cadence = e.cadenceMs === null ? "by hand" : every(e.cadenceMs);
  const verdict = VERDICT[e.level] ? ` — ${VERDICT[e.level]}` : "";
  const error = e.error ? `: ${e.error.slice(0, 120)}` : "";
  return `${e.label}: ${when} (${cadence})${verdict}${error}`;
}

/**
 * The header's verdict on the cache: green when every entity is within its own cadence, amber when one is late or
 * has never synced, red when one is failing or badly late. The tooltip lists every entity; the link opens /sync.
 */
export function FreshnessBadge({
  freshness,
  tenantConfigured,
}: {
  freshness: CacheFreshness | null;
  tenantConfigured: boolean;
}) {
  const now = freshness ? Date.parse(freshness.at) : 0;
  const failing = freshness?.late.filter((e) => e.level === "failing").length ?? 0;
  const late = freshness?.late.filter((e) => e.level === "overdue" || e.level === "stale").length ?? 0;
  const label = !tenantConfigured
    ? "No tenant"
    : failing
      ? `Sync problem (${failing})`
      : !freshness?.syncedAt
        ? "Not synced yet"
        : late
          ? `Sync late (${late})`
          : `Synced ${formatRelative(freshness.syncedAt, now)}`;
  const tone = !tenantConfigured || !freshness ? "amber" : freshness.tone;
  return (
    <Link
      href="/sync"
      className={cn(
        "inline-flex h-7 items-center rounded-full border px-2.5 text-xs font-medium focus-visible:outline-2 focus-visible:outline-blue-600",
        TONES[tone],
      )}
      title={freshness?.entities.map((e) => entityLine(e, now)).join("\n") || undefined}
      data-testid="freshness"
      data-tone={tone}
    >
      {label}
    </Link>
  );
}
