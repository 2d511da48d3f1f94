// Pure retry arithmetic, kept apart from I/O so it can be unit-tested with fixed clocks and random sources.

/**
 * `Retry-After` as milliseconds from `nowMs`: delta-seconds (what MDE documents, common-errors) or an
 * HTTP-date (RFC 9110 §10.2.3; Graph may send either). Null when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (value === null || value === undefined) return null;
  const v = value.trim();
  if (v === "") return null;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  // An HTTP-date always names a day or month; without letters Date.parse would read "-5" as a year.
  if (!/[a-z]/i.test(v)) return null;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"; Graph
 * RetryHandler design): a uniform wait in [0, min(max, base·2^attempt)), so many clients do not retry in step.
 */
export function backoffDelay(attempt: number, opts: BackoffOptions, random: () => number): number {
  const ceiling = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}

/** Statuses worth another try when the call may be repeated: the service failed before or while working. */
export const TRANSIENT_STATUSES = new Set([500, 502, 503, 504]);
