import { z } from "zod";
import { db } from "../db";
import type { Actor, AuditContext } from "./actor";
import { ROLES, normaliseRoles, permissionsOf, type Role } from "./permissions";
import { randomToken, sha256 } from "./secrets";
import { withAudit } from "../audit";
import { NotFound } from "../http/errors";
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
): Promise<{ token: string; row: ApiTokenRow }> {
  const prefix = randomToken(6).slice(0, 8);
  const token = `soc_${prefix}_${randomToken(32)}`;
  const createdById = audit.actor.type === "user" ? audit.actor.id : null;
  const record = await withAudit(
    audit,
    { action: "token.create", targetType: "api_token", params: { name: input.name, role: input.role, days: input.days } },
    async (tx) => {
      if (createdById) {
        // A CLI "system" actor or a user created outside a sign-in has no User row yet.
        await tx.user.upsert({ where: { id: createdById }, create: { id: createdById, upn: audit.actor.name, name: audit.actor.name, roles: audit.actor.roles }, update: {} });
      }
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
  id: string; name: string; prefix: string; role: string; createdAt: Date; expiresAt: Date; revokedAt: Date | null;
  lastUsedAt: Date | null; createdBy?: { upn: string } | null;
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

/** The actor behind a bearer token, or null when it is malformed, unknown, revoked or expired. */
export async function actorFromApiToken(token: string): Promise<Actor | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const record = await db().apiToken.findUnique({ where: { tokenHash: sha256(token) } });
  if (!record || record.revokedAt || record.expiresAt.getTime() <= Date.now()) return null;
  await db().apiToken.update({ where: { id: record.id }, data: { lastUsedAt: new Date() } });
  const roles = normaliseRoles([record.role]) as Role[];
  return { type: "token", id: record.id, name: `token:${record.name}`, roles, permissions: permissionsOf(roles) };
}
