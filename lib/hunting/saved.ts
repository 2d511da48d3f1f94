import type { Actor, AuditContext } from "../auth/actor";
import { withAudit, type AuditAction } from "../audit";
import { tenantScope } from "../cache/tenant";
import { db, Prisma } from "../db";
import { Conflict, Forbidden, NotFound } from "../http/errors";
import type { SavedQuery, SavedQueryInput, SavedQueryPatch } from "./schemas";
import { isStarterId, starterQueries } from "./starters";

// Saved hunting queries: a person's own, the ones colleagues shared, and the read-only starter queries. Every
// create, change, share and delete is audited with the change, in one transaction.

type QueryRecord = Prisma.HuntingQueryGetPayload<{ include: { owner: { select: { upn: true; name: true } } } }>;
const withOwner = { owner: { select: { upn: true, name: true } } } as const;

/** The owner edits and deletes; an Admin may also tidy up a shared query someone else left behind. */
function mayEdit(q: { ownerId: string; shared: boolean }, actor: Actor): boolean {
  return q.ownerId === actor.id || (q.shared && actor.permissions.has("settings:write"));
}

function toSavedQuery(q: QueryRecord, actor: Actor): SavedQuery {
  return {
    id: q.id,
    name: q.name,
    description: q.description,
    tags: q.tags,
    folder: q.folder,
    query: q.query,
    shared: q.shared,
    starter: false,
    owner: { upn: q.owner.upn, name: q.owner.name },
    updatedAt: q.updatedAt.toISOString(),
    canEdit: mayEdit(q, actor),
  };
}

function requirePerson(actor: Actor): void {
  // Saved queries belong to people (User rows); an automation token has no one to keep them for.
  if (actor.type !== "user")
    throw new Forbidden("Saved hunting queries belong to signed-in people, not to API tokens.");
}

function duplicateName(error: unknown, name: string): unknown {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002"
    ? new Conflict(`You already have a hunting query named “${name}”. Pick another name, or open it and save over it.`)
    : error;
}

/** Starter queries, then every shared query, then the caller's own personal ones (each by folder and name). */
export async function listSavedQueries(actor: Actor): Promise<SavedQuery[]> {
  const rows = await db().huntingQuery.findMany({
    where: { ...tenantScope(), OR: [{ shared: true }, { ownerId: actor.id }] },
    include: withOwner,
    orderBy: [{ shared: "desc" }, { folder: "asc" }, { name: "asc" }, { id: "asc" }],
  });
  return [...starterQueries(), ...rows.map((q) => toSavedQuery(q, actor))];
}

async function findVisible(actor: Actor, id: string): Promise<QueryRecord> {
  if (isStarterId(id))
    throw new Conflict("Starter queries are read-only: use “Save as” to keep a copy you can change.");
  const q = await db().huntingQuery.findUnique({
    where: { tenantId_id: { ...tenantScope(), id } },
    include: withOwner,
  });
  if (!q || !(q.shared || q.ownerId === actor.id)) throw new NotFound("No such saved hunting query.");
  return q;
}

export async function createSavedQuery(ctx: AuditContext, input: SavedQueryInput): Promise<SavedQuery> {
  requirePerson(ctx.actor);
  try {
    return await withAudit(
      ctx,
      {
        action: input.shared ? "hunting.query.share" : "hunting.query.create",
        targetType: "hunting_query",
        params: { name: input.name, folder: input.folder, tags: input.tags, shared: input.shared },
      },
      async (tx) => {
        const q = await tx.huntingQuery.create({
          data: { ...tenantScope(), ownerId: ctx.actor.id, ...input },
          include: withOwner,
        });
        return { result: toSavedQuery(q, ctx.actor), targetId: q.id };
      },
    );
  } catch (error) {
    throw duplicateName(error, input.name);
  }
}

export async function updateSavedQuery(ctx: AuditContext, id: string, patch: SavedQueryPatch): Promise<SavedQuery> {
  requirePerson(ctx.actor);
  const before = await findVisible(ctx.actor, id);
  if (!mayEdit(before, ctx.actor))
    throw new Forbidden(
      "Only the query's owner (or an Admin, for a shared query) can change it: use “Save as” for your own copy.",
    );
  const action: AuditAction =
    patch.shared === true && !before.shared
      ? "hunting.query.share"
      : patch.shared === false && before.shared
        ? "hunting.query.unshare"
        : "hunting.query.update";
  try {
    return await withAudit(
      ctx,
      {
        action,
        targetType: "hunting_query",
        targetId: id,
        params: { name: patch.name ?? before.name, changed: Object.keys(patch), shared: patch.shared ?? before.shared },
      },
      async (tx) => {
        const q = await tx.huntingQuery.update({
          where: { tenantId_id: { ...tenantScope(), id } },
          data: patch,
          include: withOwner,
        });
        return { result: toSavedQuery(q, ctx.actor) };
      },
    );
  } catch (error) {
    throw duplicateName(error, patch.name ?? before.name);
  }
}

export async function deleteSavedQuery(ctx: AuditContext, id: string): Promise<{ id: string }> {
  requirePerson(ctx.actor);
  const q = await findVisible(ctx.actor, id);
  if (!mayEdit(q, ctx.actor)) throw new Forbidden("Only the query's owner or an Admin can delete a shared query.");
  return withAudit(
    ctx,
    {
      action: "hunting.query.delete",
      targetType: "hunting_query",
      targetId: id,
      params: { name: q.name, shared: q.shared },
    },
    async (tx) => {
      await tx.huntingQuery.delete({ where: { tenantId_id: { ...tenantScope(), id } } });
      return { result: { id } };
    },
  );
}

/** A saved query the actor can see (theirs, a shared one or a starter), e.g. to turn into a detection rule. */
export async function getSavedQuery(actor: Actor, id: string): Promise<SavedQuery> {
  if (isStarterId(id)) {
    const starter = starterQueries().find((s) => s.id === id);
    if (!starter) throw new NotFound("No such saved hunting query.");
    return starter;
  }
  return toSavedQuery(await findVisible(actor, id), actor);
}
