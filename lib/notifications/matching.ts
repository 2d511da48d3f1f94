import type { Digest, NotificationEventType, NotificationPayload, QuietHours, RuleFilter } from "./schemas";

// Pure: whether a rule wants an event, and when its message may go out (digest window, quiet hours).

export interface MatchableRule {
  id: string;
  eventType: string;
  filter: RuleFilter;
  digest: Digest;
  quietHours: QuietHours | null;
  timeZone: string;
}

const anyOf = (wanted: readonly string[], value: string | undefined) =>
  wanted.length === 0 || (value !== undefined && wanted.some((w) => w.toLowerCase() === value.toLowerCase()));

export function ruleMatches(
  rule: MatchableRule,
  event: { type: NotificationEventType | string; payload: NotificationPayload },
): boolean {
  if (rule.eventType !== event.type) return false;
  const f = rule.filter;
  const p = event.payload;
  if (event.type === "sync.failing")
    return f.syncFailingMinutes === undefined || (p.failingMinutes ?? 0) >= f.syncFailingMinutes;
  return (
    anyOf(f.priorities, p.priority) &&
    anyOf(f.severities, p.severity) &&
    anyOf(f.categories, p.category) &&
    anyOf(f.deviceGroups, p.deviceGroup) &&
    anyOf(f.detectionSources, p.detectionSource)
  );
}

const DIGEST_MS: Record<Exclude<Digest, "immediate">, number> = { "15m": 15 * 60_000, "1h": 3_600_000 };

/** Minutes since local midnight of `at` in `timeZone`. */
function localMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
    .formatToParts(at)
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  return Number(parts.hour) * 60 + Number(parts.minute);
}

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** `at`, or the end of the quiet hours it falls in (in the rule's time zone; a window may span midnight). */
export function afterQuietHours(at: Date, quiet: QuietHours | null, timeZone: string): Date {
  if (!quiet) return at;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return at;
  const now = localMinutes(at, timeZone);
  const inside = start < end ? now >= start && now < end : now >= start || now < end;
  if (!inside) return at;
  const wait = (end - now + 24 * 60) % (24 * 60);
  const startOfMinute = Math.floor(at.getTime() / 60_000) * 60_000;
  return new Date(startOfMinute + wait * 60_000);
}

/**
 * When a delivery for this rule may first be attempted, and the digest it joins: an immediate rule now (after quiet
 * hours), a digest rule at the end of its current window, every delivery of the window sharing one key.
 */
export function scheduleFor(rule: MatchableRule, now: Date): { nextAttemptAt: Date; digestKey: string | null } {
  if (rule.digest === "immediate")
    return { nextAttemptAt: afterQuietHours(now, rule.quietHours, rule.timeZone), digestKey: null };
  const size = DIGEST_MS[rule.digest];
  const windowEnd = new Date(Math.ceil((now.getTime() + 1) / size) * size);
  return {
    nextAttemptAt: afterQuietHours(windowEnd, rule.quietHours, rule.timeZone),
    digestKey: `${rule.id}:${windowEnd.toISOString()}`,
  };
}

/** Exponential backoff with jitter for attempt n (1-based): 10 s, 20 s, 40 s … capped at 30 min. */
export function backoffMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const exp = Math.min(baseMs * 2 ** (attempt - 1), 30 * 60_000);
  return Math.round(exp * (0.8 + 0.4 * random()));
}
