import { db, Prisma } from "../db";
import { logger } from "../log";
import type { Actor } from "../auth/actor";
import type { AuditAction } from "./actions";
import { processSingleton } from "../process-singleton";

// Refused requests (401, 403 including CSRF, 429) and failed sign-in legs, as "security.denied" rows in the audit
// log, so that probing and brute force are visible (OWASP ASVS 7.2.1, 7.2.2). Recording them must not itself become
// the denial of service: identical refusals (same reason, method, path, caller and address) are written once per
// minute, the first at once and the repeats as one row carrying their count; past MAX_KEYS distinct refusals in a
// minute, new ones fold into one row per reason. Summing params.count over the rows gives the exact number.

export const SECURITY_DENIED = "security.denied" satisfies AuditAction;

export type DenialReason =
  | "no_credentials"
  | "session_invalid"
  | "authorization_malformed"
  | "token_malformed"
  | "token_unknown"
  | "token_revoked"
  | "token_expired"
  | "token_creator_lost_role"
  | "forbidden"
  | "people_only"
  | "csrf"
  | "rate_limited"
  | "sign_in_state"
  | "sign_in_entra_error";

export interface Denial {
  reason: DenialReason;
  status: number;
  method: string;
  path: string;
  actor: Actor | null;
  /** The visible prefix of a refused console token (never the secret). */
  tokenPrefix?: string | null;
  ip: string | null;
  requestId: string;
  message: string;
}

const WINDOW_MS = 60_000;
const MAX_KEYS = 200;

interface Pending {
  first: Denial;
  startedAt: number;
  repeats: number;
}

function subject(d: Denial): { type: string; id: string; name: string } {
  if (d.actor) return { type: d.actor.type, id: d.actor.id, name: d.actor.name };
  if (d.tokenPrefix)
    return { type: "anonymous", id: `token-prefix:${d.tokenPrefix}`, name: `token soc_${d.tokenPrefix}_…` };
  return { type: "anonymous", id: "anonymous", name: "anonymous" };
}

function row(d: Denial, count: number, folded: boolean): Prisma.AuditEventCreateInput {
  const who = subject(d);
  return {
    actorType: who.type,
    actorId: folded ? "*" : who.id,
    actorName: folded ? "(many callers)" : who.name,
    action: SECURITY_DENIED,
    targetType: "route",
    targetId: folded ? "*" : `${d.method} ${d.path}`.slice(0, 300),
    params: {
      reason: d.reason,
      status: d.status,
      count,
      ...(count > 1 ? { repeated: true } : {}),
      ...(folded ? { folded: true } : {}),
    },
    result: "failure",
    error: d.message.slice(0, 500),
    requestId: d.requestId,
    ip: folded ? null : d.ip,
  };
}

export class SecurityEventLog {
  private readonly pending = new Map<string, Pending>();
  private windowStartedAt = 0;
  private keysThisWindow = 0;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly write: (data: Prisma.AuditEventCreateInput) => Promise<unknown> = (data) =>
      db().auditEvent.create({ data }),
    private readonly now: () => number = Date.now,
  ) {}

  /** Records one refusal; resolves once anything due is written (never rejects). */
  async record(d: Denial): Promise<void> {
    const now = this.now();
    const writes: Promise<void>[] = [this.flush(false)];
    if (now - this.windowStartedAt >= WINDOW_MS) {
      this.windowStartedAt = now;
      this.keysThisWindow = 0;
    }
    const who = subject(d);
    let key = [d.reason, d.method, d.path, who.id, d.ip ?? ""].join("|");
    let folded = false;
    if (!this.pending.has(key) && this.keysThisWindow >= MAX_KEYS) {
      key = `${d.reason}|*`;
      folded = true;
    }
    const seen = this.pending.get(key);
    if (seen) {
      seen.repeats += 1;
    } else {
      this.pending.set(key, { first: d, startedAt: now, repeats: 0 });
      if (!folded) this.keysThisWindow += 1;
      logger.warn("request refused", {
        reason: d.reason,
        status: d.status,
        method: d.method,
        path: d.path,
        actor: who.name,
        ip: d.ip,
        requestId: d.requestId,
      });
      writes.push(this.safeWrite(row(d, 1, folded)));
    }
    this.startTimer();
    await Promise.all(writes);
  }

  /** Writes the repeat counts of windows that have closed (all of them with everything=true, e.g. at shutdown or in tests). */
  async flush(everything = true): Promise<void> {
    const now = this.now();
    const writes: Promise<void>[] = [];
    for (const [key, p] of this.pending) {
      if (!everything && now - p.startedAt < WINDOW_MS) continue;
      this.pending.delete(key);
      if (p.repeats > 0) writes.push(this.safeWrite(row(p.first, p.repeats, key.endsWith("|*"))));
    }
    await Promise.all(writes);
  }

  private async safeWrite(data: Prisma.AuditEventCreateInput): Promise<void> {
    await this.write(data).catch((error: unknown) => logger.error("could not record a refused request", { error }));
  }

  private startTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.flush(false), WINDOW_MS);
    this.timer.unref?.();
  }
}

/** The process's log of refusals (module-level state would be one per server chunk); tests start a fresh one. */
export const securityEvents = processSingleton("securityEvents", () => new SecurityEventLog());

export interface SecuritySummary {
  minutes: number;
  total: number;
  byReason: { reason: string; count: number }[];
  topSources: { actorName: string; ip: string | null; count: number }[];
}

/** Refusals in the last `minutes`, for Admins and Managers (audit:read): how many, why, and from whom. */
export async function securitySummary(minutes = 60): Promise<SecuritySummary> {
  const since = new Date(Date.now() - minutes * 60_000);
  const counted = Prisma.sql`SELECT "actorName", "ip", "params"->>'reason' AS reason, COALESCE(("params"->>'count')::int, 1) AS n
    FROM "AuditEvent" WHERE "action" = ${SECURITY_DENIED} AND "at" >= ${since}`;
  const byReason = await db().$queryRaw<
    { reason: string; count: number }[]
  >`SELECT reason, SUM(n)::int AS count FROM (${counted}) c GROUP BY reason ORDER BY count DESC`;
  const topSources = await db().$queryRaw<{ actorName: string; ip: string | null; count: number }[]>`
    SELECT "actorName", ip, SUM(n)::int AS count FROM (${counted}) c GROUP BY "actorName", ip ORDER BY count DESC LIMIT 5`;
  return { minutes, total: byReason.reduce((sum, r) => sum + r.count, 0), byReason, topSources };
}
