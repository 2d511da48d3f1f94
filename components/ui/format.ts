const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1_000],
];

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "3 minutes ago" / "in 2 hours", from an ISO date. */
export function formatRelative(iso: string, now: number = Date.now()): string {
  const diff = new Date(iso).getTime() - now;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms || unit === "second") return relative.format(Math.round(diff / ms), unit);
  }
  return iso;
}

/** "2026-11-26 14:05 UTC" from an ISO date; `empty` when there is none. */
export function formatUtc(iso: string | null | undefined, empty = "—"): string {
  return iso ? `${iso.replace("T", " ").slice(0, 16)} UTC` : empty;
}
