// Timestamps as the console shows them: UTC, ISO order, no locale. Client-safe (no server imports).

/**
 * "2026-11-26 14:05 UTC" from an ISO string or a Date; `empty` when there is none. `seconds` adds ":SS";
 * `zone: false` drops " UTC" where a column header already says so.
 */
export function formatUtc(
  value: string | Date | null | undefined,
  empty = "—",
  opts: { seconds?: boolean; zone?: boolean } = {},
): string {
  if (!value) return empty;
  const iso = typeof value === "string" ? value : value.toISOString();
  const text = iso.replace("T", " ").slice(0, opts.seconds ? 19 : 16);
  return opts.zone === false ? text : `${text} UTC`;
}
