import { z } from "zod";
import { db, type Prisma } from "../db";
import type { Actor, AuditContext } from "./actor";
import { ROLES, normaliseRoles, permissionsOf, tokenPermissionsOf, type Role } from "./permissions";
import { randomToken, sha256 } from "./secrets";
import { withAudit } from "../audit";
import { Forbidden, NotFound } from "../http/errors";
import type { ApiTokenRow } from "./token-types";

// API tokens for automation. The plaintext is shown once at creation; only its SHA-256 is stored.
// Format: soc_<8-char prefix>_<secret>; the prefix lets people recognise a token in lists and logs.

const TOKEN_PATTERN = /^soc_([A-Za-z0-9_-]{8})_([A-Za-z0-9_-]{43})$/;

export const ApiTokenCreate = z.object({
  name: z.string().trim().min(1).max(80),
  role: z
    .string()
    .transform((v) => normaliseRoles([v])[0])
    .pipe(z.enum(ROLES, { message: `must be one of ${ROLES.join(", ")}` })),
  days: z.coerce.number().int().min(1).max(365),
});
export type ApiTokenCreate = z.infer<typeof ApiTokenCreate>;

export type { ApiTokenRow };

export async function createApiToken(
  audit: AuditContext,
  input: ApiTokenCreate,
  opts: { via?: string } = {},
): Promise<{ token: string; row: ApiTokenRow }> {
  // Every token has a person behind it (the Settings page's user, or the one the CLI names with --as): it is bounded
  // by their roles while it lives and revoked when their access is ended (revokeTokensCreatedBy).
  if (audit.actor.type !== "user") throw new Forbidden("Only a person can create API tokens.");
  // A token never holds more than its creator: every permission of the requested role must be one the creator has.
  if (!withinRoles(input.role, audit.actor.roles))
    throw new Forbidden(
      `You cannot create a ${input.role} token: a token's role may not exceed your own (${audit.actor.roles.join(", ") || "none"}).`,
    );
  const prefix = randomToken(6).slice(0, 8);
  const token = `soc_${prefix}_${randomToken(32)}`;
  const createdById = audit.actor.id;
  const record = await withAudit(
    audit,
    {
      action: "token.create",
      targetType: "api_token",
      params: { name: input.name, role: input.role, days: input.days, ...(opts.via ? { via: opts.via } : {}) },
    },
    async (tx) => {
      // A user created outside a sign-in (tests) has no User row yet.
      await tx.user.upsert({
        where: { id: createdById },
        create: { id: createdById, upn: audit.actor.name, name: audit.actor.name, roles: audit.actor.roles },
        update: {},
      });
      const row = await tx.apiToken.create({
        data: {
          name: input.name,
          tokenHash: sha256(token),
          prefix,
          role: input.role,
          createdById,
          expiresAt: new Date(Date.now() + input.days * 86_400_000),
        },
        include: { createdBy: true },
      });
      return { result: row, targetId: row.id };
    },
  );
  return { token, row: toRow(record) };
}

function toRow(r: {
  id: string;
  name: string;
  prefix: string;
  role: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  createdBy?: { upn: string } | null;
}): ApiTokenRow {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    role: r.role,
    createdBy: r.createdBy?.upn ?? null,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    revokedAt: r.revokedAt?.toISOString() ?? null,
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    state: r.revokedAt ? "revoked" : r.expiresAt.getTime() <= Date.now() ? "expired" : "active",
  };
}

export async function listApiTokens(): Promise<ApiTokenRow[]> {
  const rows = await db().apiToken.findMany({ orderBy: { createdAt: "desc" }, include: { createdBy: true } });
  return rows.map(toRow);
}

export async function revokeApiToken(audit: AuditContext, id: string): Promise<ApiTokenRow> {
  const row = await withAudit(audit, { action: "token.revoke", targetType: "api_token", targetId: id }, async (tx) => {
    const existing = await tx.apiToken.findUnique({ where: { id } });
    if (!existing) throw new NotFound(`API token ${id} does not exist.`);
    const updated = await tx.apiToken.update({
      where: { id },
      data: { revokedAt: existing.revokedAt ?? new Date() },
      include: { createdBy: true },
    });
    return { result: updated };
  });
  return toRow(row);
}

/**
 * The person a shell command acts for (`npm run console -- token create --as UPN`), with the roles their last
 * sign-in gave them: only someone who has signed in to the console can create tokens.
 */
export async function consoleUserByUpn(upn: string): Promise<Actor> {
  const user = await db().user.findFirst({ where: { upn: { equals: upn.trim(), mode: "insensitive" } } });
  if (!user) throw new NotFound(`No person ${upn} has signed in to the console; they must sign in once first.`);
  const roles = normaliseRoles(user.roles);
  return { type: "user", id: user.id, name: user.upn, roles, permissions: permissionsOf(roles) };
}

/** True when every permission of `role` is one that `roles` grant. */
export function withinRoles(role: string, roles: readonly string[]): boolean {
  const held = permissionsOf(roles);
  return [...permissionsOf([role])].every((p) => held.has(p));
}

/** Why a token is refused, for the security log; only its prefix is ever recorded. */
export type TokenRefusal = "malformed" | "unknown" | "revoked" | "expired" | "creator_lost_role";

/** The prefix of a bearer value that looks like a console token (for security events), else null. */
export function tokenPrefix(token: string): string | null {
  return /^soc_([A-Za-z0-9_-]{8})_/.exec(token)?.[1] ?? null;
}

/**
 * The actor behind a bearer token, or why it is refused. A token created by a person is bounded by that person's
 * roles as the console last saw them (each sign-in rewrites User.roles from Entra, a sign-in with no role empties
 * them, and "End access" in Settings revokes the person's tokens outright): once they lose the role, the token stops
 * working, at once and without anyone remembering to revoke it.
 */
export async function resolveApiToken(token: string): Promise<{ actor: Actor } | { refused: TokenRefusal }> {
  if (!TOKEN_PATTERN.test(token)) return { refused: "malformed" };
  const record = await db().apiToken.findUnique({
    where: { tokenHash: sha256(token) },
    include: { createdBy: { select: { roles: true } } },
  });
  if (!record) return { refused: "unknown" };
  if (record.revokedAt) return { refused: "revoked" };
  if (record.expiresAt.getTime() <= Date.now()) return { refused: "expired" };
  if (record.createdBy && !withinRoles(record.role, record.createdBy.roles)) return { refused: "creator_lost_role" };
  await db().apiToken.update({ where: { id: record.id }, data: { lastUsedAt: new Date() } });
  const roles = normaliseRoles([record.role]) as Role[];
  return {
    actor: {
      type: "token",
      id: record.id,
      name: `token:${record.name}`,
      roles,
      permissions: tokenPermissionsOf(roles),
    },
  };
}

/** The actor behind a bearer token, or null when it is malformed, unknown, revoked, expired or beyond its creator. */
export async function actorFromApiToken(token: string): Promise<Actor | null> {
  const resolved = await resolveApiToken(token);
  return "actor" in resolved ? resolved.actor : null;
}

/** Revokes every live token a person created (their access was ended); returns how many. Inside the caller's audit transaction. */
export async function revokeTokensCreatedBy(tx: Prisma.TransactionClient, userId: string): Promise<number> {
  const { count } = await tx.apiToken.updateMany({
    where: { createdById: userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count;
}
