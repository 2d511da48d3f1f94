// Per (application, endpoint family) quotas with sliding one-minute and one-hour windows.
// Defaults are the documented limits (each API page's Limitations section); Graph values from "Microsoft Graph
// service-specific throttling limits". Rate limits apply per application + tenant (confirmed by Microsoft in a docs
// issue); this emulator has one tenant, so the key is the app.

export interface Limit {
  perMinute: number;
  perHour: number;
  /** Length of the "per minute" window; only the windowSeconds test knob changes it. */
  windowMs?: number;
}

export const FAMILY_LIMITS: Record<string, Limit> = {
  alerts: { perMinute: 100, perHour: 1500 },
  "alerts.batchUpdate": { perMinute: 10, perHour: 500 },
  machines: { perMinute: 100, perHour: 1500 },
  "machines.vulnerabilities": { perMinute: 50, perHour: 1500 },
  // "Export device antivirus health details" and "Export secure configuration assessment per device".
  "machines.avinfo": { perMinute: 30, perHour: 1000 },
  "tvm.secureConfiguration": { perMinute: 30, perHour: 1000 },
  machineactions: { perMinute: 100, perHour: 1500 },
  "machineactions.packageUri": { perMinute: 2, perHour: 120 },
  tvm: { perMinute: 100, perHour: 1500 },
  scores: { perMinute: 100, perHour: 1500 },
  incidents: { perMinute: 50, perHour: 1500 },
  investigations: { perMinute: 100, perHour: 1500 },
  libraryfiles: { perMinute: 100, perHour: 1500 },
  indicators: { perMinute: 100, perHour: 1500 },
  // Import and batch delete: 30 calls per minute ("Import Indicators API", "Batch Delete Indicators API").
  "indicators.import": { perMinute: 30, perHour: 1500 },
  hunting: { perMinute: 45, perHour: 1500 },
  // Intune: 2,000 requests per 20 s per app, expressed per minute.
  "graph.intune": { perMinute: 6000, perHour: Number.POSITIVE_INFINITY },
  // Graph security: 150 requests per minute per app per tenant.
  "graph.security": { perMinute: 150, perHour: Number.POSITIVE_INFINITY },
  // Graph identity and access (users): counted in resource units per 10 s ("Microsoft Graph service-specific
  // throttling limits"); a simple GET with $select costs one, so a generous per-minute count stands in for it.
  "graph.users": { perMinute: 3000, perHour: Number.POSITIVE_INFINITY },
  // Directory reads (subscribedSkus, groups) share the identity-and-access budget.
  "graph.directory": { perMinute: 3000, perHour: Number.POSITIVE_INFINITY },
};

export type RateDecision = { ok: true } | { ok: false; retryAfterSec: number; limit: number; window: string };

/** "00:01:00" style, as in the quota message captured from the real service. */
function windowLabel(ms: number): string {
  const s = Math.round(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

export class RateLimiter {
  private hits = new Map<string, number[]>();

  reset(): void {
    this.hits.clear();
  }

  check(key: string, limit: Limit, nowMs = Date.now()): RateDecision {
    let list = this.hits.get(key);
    if (!list) this.hits.set(key, (list = []));
    const hourAgo = nowMs - 3_600_000;
    let drop = 0;
    while (drop < list.length && list[drop]! <= hourAgo) drop++;
    if (drop) list.splice(0, drop);
    const windowMs = limit.windowMs ?? 60_000;
    const minuteAgo = nowMs - windowMs;
    let firstInMinute = list.length;
    for (let i = list.length - 1; i >= 0 && list[i]! > minuteAgo; i--) firstInMinute = i;
    const inMinute = list.length - firstInMinute;
    if (inMinute >= limit.perMinute) {
      const oldest = list[list.length - limit.perMinute]!;
      return {
        ok: false,
        retryAfterSec: Math.max(1, Math.ceil((oldest + windowMs - nowMs) / 1000)),
        limit: limit.perMinute,
        window: windowLabel(windowMs),
      };
    }
    if (list.length >= limit.perHour) {
      const oldest = list[list.length - limit.perHour]!;
      return {
        ok: false,
        retryAfterSec: Math.max(1, Math.ceil((oldest + 3_600_000 - nowMs) / 1000)),
        limit: limit.perHour,
        window: "01:00:00",
      };
    }
    list.push(nowMs);
    return { ok: true };
  }
}
