import { getConfig } from "../config/env";
import { db } from "../db";
import type { Actor, AuditContext } from "./actor";
import { normaliseRoles, permissionsOf, type Role } from "./permissions";
import { randomToken, sha256 } from "./secrets";
import { recordAudit, withAudit } from "../audit";
import { NotFound } from "../http/errors";
import { revokeTokensCreatedBy } from "./tokens";
import type { UserAccessRow } from "./user-access-types";

export interface SignedInUser {
  oid: string;
  upn: string;
  name: string;
  roles: Role[];
}

// Refreshing lastSeenAt on every request would turn reads into writes; once a minute is plenty for audit.
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Creates the server-side session and records the sign-in in the same transaction. Returns the cookie value
 * (the only place it exists unhashed).
 */
export async function createSession(
  user: SignedInUser,
  meta: { ip: string | null; userAgent: string | null; requestId: string },
): Promise<{ cookieValue: string; expiresAt: Date; sessionId: string }> {
  const cookieValue = randomToken();
  const sessionId = sha256(cookieValue);
  const expiresAt = new Date(Date.now() + getConfig().SESSION_TTL_HOURS * 3_600_000);
  const actor: Actor = {
    type: "user",
    id: user.oid,
    name: user.upn,
    roles: user.roles,
    permissions: permissionsOf(user.roles),
  };
  await db().$transaction(async (tx) => {
    await tx.user.upsert({
      where: { id: user.oid },
      create: { id: user.oid, upn: user.upn, name: user.name, roles: user.roles, lastLoginAt: new Date() },
      update: { upn: user.upn, name: user.name, roles: user.roles, lastLoginAt: new Date() },
    });
    await tx.session.create({
      data: {
        id: sessionId,
        userId: user.oid,
        roles: user.roles,
        expiresAt,
        ip: meta.ip,
        userAgent: meta.userAgent?.slice(0, 300),
      },
    });
    await recordAudit(
      tx,
      { actor, requestId: meta.requestId, ip: meta.ip },
      { action: "auth.sign_in", targetType: "user", targetId: user.oid, params: { roles: user.roles } },
      "success",
    );
  });
  return { cookieValue, expiresAt, sessionId };
}

/** The actor behind a session cookie, or null when it is unknown or expired. */
export async function actorFromSession(cookieValue: string | undefined | null): Promise<Actor | null> {
  if (!cookieValue || cookieValue.length > 200) return null;
  const id = sha256(cookieValue);
  const session = await db().session.findUnique({ where: { id }, include: { user: true } });
  if (!session) return null;
  const now = Date.now();
  const idle = now - session.lastSeenAt.getTime() > getConfig().SESSION_IDLE_MINUTES * 60_000;
  if (session.expiresAt.getTime() <= now || idle) {
    await db().session.deleteMany({ where: { id } });
    return null;
  }
  if (now - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db().session.update({ where: { id }, data: { lastSeenAt: new Date(now) } });
  }
  const roles = normaliseRoles(session.roles);
  return {
    type: "user",
    id: session.userId,
    name: session.user.upn,
    roles,
    permissions: permissionsOf(roles),
    sessionId: id,
  };
}

/** Ends a session; the sign-out is audited in the same transaction. */
export async function endSession(audit: AuditContext): Promise<void> {
  const sessionId = audit.actor.sessionId;
  await db().$transaction(async (tx) => {
    if (sessionId) await tx.session.deleteMany({ where: { id: sessionId } });
    await recordAudit(tx, audit, { action: "auth.sign_out", targetType: "user", targetId: audit.actor.id }, "success");
  });
}

/**
 * A sign-in showed that the person holds no console role any more: forget the roles the console last saw, so the API
 * tokens they created stop working (tokens.ts bounds a token by its creator's roles) and no old session of theirs
 * outlives the change.
 */
export async function recordNoRole(oid: string): Promise<void> {
  await db().$transaction([
    db().user.updateMany({ where: { id: oid }, data: { roles: [] } }),
    db().session.deleteMany({ where: { userId: oid } }),
  ]);
}

/** People who signed in, with their live sessions and tokens, for the Settings page. */
export async function listUserAccess(): Promise<UserAccessRow[]> {
  const now = new Date();
  const users = await db().user.findMany({
    orderBy: [{ lastLoginAt: { sort: "desc", nulls: "last" } }, { upn: "asc" }],
    take: 200,
    include: {
      sessions: { where: { expiresAt: { gt: now } }, select: { lastSeenAt: true } },
      apiTokens: { where: { revokedAt: null, expiresAt: { gt: now } }, select: { id: true } },
    },
  });
  return users.map((u) => ({
    id: u.id,
    upn: u.upn,
    name: u.name,
    roles: u.roles,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    activeSessions: u.sessions.length,
    lastSeenAt:
      u.sessions
        .reduce<Date | null>((max, s) => (!max || s.lastSeenAt > max ? s.lastSeenAt : max), null)
        ?.toISOString() ?? null,
    activeTokens: u.apiTokens.length,
  }));
}

/**
 * An Admin ends a person's access at once: every session of theirs is deleted and, unless asked not to, every API
 * token they created is revoked. Their next sign-in takes their roles from Entra ID again. Audited with the counts.
 */
export async function endUserSessions(
  ctx: AuditContext,
  userId: string,
  opts: { revokeTokens: boolean },
): Promise<{ sessions: number; tokens: number }> {
  return withAudit(ctx, { action: "user.end_sessions", targetType: "user", targetId: userId }, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { upn: true } });
    if (!user) throw new NotFound(`No person ${userId} has signed in to the console.`);
    const { count: sessions } = await tx.session.deleteMany({ where: { userId } });
    const tokens = opts.revokeTokens ? await revokeTokensCreatedBy(tx, userId) : 0;
    return {
      result: { sessions, tokens },
      params: { upn: user.upn, sessions, tokens, revokeTokens: opts.revokeTokens },
    };
  });
}
