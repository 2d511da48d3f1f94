import type { BurndownPoint, ScorePoint, ScoreSummary } from "./schemas";

// Pure aggregations behind the dashboard and the remediation burndown, kept apart from SQL so they can be checked
// by hand on small fixtures (series.test.ts).

const DAY_MS = 86_400_000;

export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS));
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** First day inside a window of `days` days ending with `today` (today counts as one). */
export function windowStart(today: string, days: number): string {
  return addDays(today, -(days - 1));
}

/**
 * The trend over the window: points inside it, oldest first; "now" is the newest point and "change" what moved
 * since the oldest one (negative exposure change is good news).
 */
export function scoreTrend(points: readonly ScorePoint[], today: string, days: number): ScoreSummary {
  const from = windowStart(today, days);
  const trend = points.filter((p) => p.day >= from && p.day <= today).sort((a, b) => a.day.localeCompare(b.day));
  const now = trend.length ? trend[trend.length - 1].score : null;
  const change = trend.length >= 2 ? round1(trend[trend.length - 1].score - trend[0].score) : null;
  return {
    now: now === null ? null : round1(now),
    change,
    trend: trend.map((p) => ({ day: p.day, score: round1(p.score) })),
  };
}

export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/**
 * The n largest by `score`, ties broken by `tiebreak` ascending (a stable, shareable order). Items scoring zero or
 * less are not "top" anything and are left out.
 */
export function topN<T>(items: readonly T[], n: number, score: (t: T) => number, tiebreak: (t: T) => string): T[] {
  return items
    .filter((t) => score(t) > 0)
    .sort((a, b) => score(b) - score(a) || tiebreak(a).localeCompare(tiebreak(b)))
    .slice(0, n);
}

/**
 * Microsoft Secure Score for Devices as a percentage. The API returns points (Get device secure score API: its example
 * is 340) and no maximum, which depends on the tenant; the maximum comes from configuration
 * (SECURE_SCORE_MAX_POINTS, the figure the Defender portal shows; the simulated tenant's is 1000). A value
 * already on a 0–100 scale is kept.
 */
export function secureScorePercent(points: number, maxPoints = 1000): number {
  return points > 100 ? Math.min(100, (points / maxPoints) * 100) : points;
}

/**
 * Daily burndown of a remediation request from the creation day to max(due day, last sample day, today capped at
 * due + 30): exposed = the last sample at or before the day (syncs do not run every day), ideal = a straight line
 * from the baseline to zero on the due day.
 */
export function burndown(
  samples: readonly { day: string; exposedDevices: number }[],
  created: string,
  due: string,
  baseline: number,
  today: string,
): BurndownPoint[] {
  const sorted = [...samples].sort((a, b) => a.day.localeCompare(b.day));
  const lastSample = sorted.length ? sorted[sorted.length - 1].day : created;
  let end = [due, lastSample, today].sort().at(-1)!;
  const cap = addDays(due < created ? created : due, 30);
  if (end > cap) end = cap;
  const span = Math.max(1, daysBetween(created, due));
  const points: BurndownPoint[] = [];
  let i = 0;
  let current: number | null = null;
  for (let day = created; day <= end; day = addDays(day, 1)) {
    while (i < sorted.length && sorted[i].day <= day) current = sorted[i++].exposedDevices;
    const elapsed = daysBetween(created, day);
    const ideal = round1(Math.max(0, baseline * (1 - elapsed / span)));
    points.push({ day, exposed: day <= today ? current : null, ideal });
  }
  return points;
}

/** Overdue: past the due day with devices still exposed. */
export function isOverdue(dueOn: string, exposedNow: number, today: string): boolean {
  return exposedNow > 0 && dueOn < today;
}
