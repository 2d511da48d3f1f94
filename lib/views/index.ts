import type { Actor, AuditContext } from "../auth/actor";
import { withAudit } from "../audit";
import { db, Prisma } from "../db";
import { Conflict, Forbidden, NotFound } from "../http/errors";
import { normaliseViewQuery } from "./normalise";
import type { SavedViewInput, SavedViewPage, SavedViewRow } from "./schemas";

// Saved views: a person's own named views of a list page, plus the views others chose to share.

type ViewRecord = Prisma.SavedViewGetPayload<{ include: { owner: { select: { name: true } } } }>;

function mayDelete(view: { ownerId: string; shared: boolean }, actor: Actor): boolean {
  return view.ownerId === actor.id || (view.shared && actor.permissions.has("settings:write"));
}

function toRow(view: ViewRecord, actor: Actor): SavedViewRow {
  return {
    id: view.id,
    page: view.page as SavedViewPage,
    name: view.name,
    query: view.query,
    shared: view.shared,
    ownerName: view.owner.name,
    mine: view.ownerId === actor.id,
    canDelete: mayDelete(view, actor),
    updatedAt: view.updatedAt.toISOString(),
  };
}

/** The caller's views first (by name), then views shared by others. */
export async function listSavedViews(actor: Actor, page: SavedViewPage): Promise<SavedViewRow[]> {
  const views = await db().savedView.findMany({
    where: { page, OR: [{ ownerId: actor.id }, { shared: true }] },
    include: { owner: { select: { name: true } } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return views.map((v) => toRow(v, actor)).sort((a, b) => Number(b.mine) - Number(a.mine));
}

function requirePerson(actor: Actor): void {
  // Views belong to people (User rows); an automation token has no one to keep them for.
  if (actor.type !== "user") throw new Forbidden("Saved views belong to signed-in people, not to API tokens.");
}

export async function createSavedView(ctx: AuditContext, input: SavedViewInput): Promise<SavedViewRow> {
  requirePerson(ctx.actor);
  // A shared view appears in every colleague's list: publishing is for the roles that work the queue, not Viewers.
  if (input.shared && !ctx.actor.permissions.has("views:share")) {
    throw new Forbidden(
      `Your role (${ctx.actor.roles.join(", ") || "none"}) does not include views:share: save the view for yourself, without sharing it.`,
    );
  }
  const query = normaliseViewQuery(input.page, input.query);
  try {
    return await withAudit(
      ctx,
      {
        action: "view.create",
        targetType: "saved_view",
        params: { page: input.page, name: input.name, query, shared: input.shared },
      },
      async (tx) => {
        const view = await tx.savedView.create({
          data: { ownerId: ctx.actor.id, page: input.page, name: input.name, query, shared: input.shared },
          include: { owner: { select: { name: true } } },
        });
        return { result: toRow(view, ctx.actor), targetId: view.id };
      },
    );
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new Conflict(
        `You already have a view named “${input.name}” on this page. Pick another name or delete the old one.`,
      );
    }
    throw error;
  }
}

/** Owners delete their views; an Admin may also remove a shared view someone else left behind. */
export async function deleteSavedView(ctx: AuditContext, id: string): Promise<{ id: string }> {
  requirePerson(ctx.actor);
  const view = await db().savedView.findUnique({ where: { id } });
  const visible = view && (view.ownerId === ctx.actor.id || view.shared);
  if (!view || !visible) throw new NotFound("No such saved view.");
  if (!mayDelete(view, ctx.actor)) {
    throw new Forbidden("Only the view's owner or an Admin can delete a shared view.");
  }
  return withAudit(
    ctx,
    { action: "view.delete", targetType: "saved_view", targetId: id, params: { page: view.page, name: view.name } },
    async (tx) => {
      await tx.savedView.delete({ where: { id } });
      return { result: { id } };
    },
  );
}
