// Pure helpers for the priority and SLA badges: computed against a `now` the caller passes, so a render is pure
// and the server and the browser agree on the first paint.

export type SlaState =
  { kind: "none" } | { kind: "met" } | { kind: "left"; ms: number; near: boolean } | { kind: "breached"; ms: number };

/** Near breach = less than a quarter of the clock left (same rule as the server's near-breach filter). */
export function slaState(slaDueAt: string | null, status: string, alertCreationTime: string, now: number): SlaState {
  if (!slaDueAt) return { kind: "none" };
  if (status === "Resolved") return { kind: "met" };
  const due = Date.parse(slaDueAt);
  const left = due - now;
  if (left < 0) return { kind: "breached", ms: -left };
  const clock = due - Date.parse(alertCreationTime);
  return { kind: "left", ms: left, near: left < clock * 0.25 };
}

/** "45s", "12m", "3h 5m", "2d 4h". */
export function shortDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h}h ${m % 60}m` : `${h}h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d}d ${h % 24}h` : `${d}d`;
}
