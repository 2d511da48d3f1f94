import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { permissionsOf } from "../auth/permissions";
import { availableTestDatabases, createTestDatabase, type TestDatabase } from "../db/testing";
import { getDatabase } from "../db";
import { callRoute, sessionCookieFor, TEST_ORIGIN } from "../auth/testing";
import { GET as listViews, POST as createView } from "@/app/api/views/route";
import { DELETE as deleteView } from "@/app/api/views/[id]/route";

const kinds = await availableTestDatabases();

describe.each(kinds)("saved views on %s", (kind) => {
  let database: TestDatabase;
  let ann: string;
  let bob: string;
  let admin: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    getDatabase.replaceForTests(database);
    ann = await sessionCookieFor("Analyst", "ann");
    bob = await sessionCookieFor("Viewer", "bob");
    admin = await sessionCookieFor("Admin", "ada");
  });
  afterAll(async () => {
    await database?.close();
  });

  const save = (cookie: string, body: unknown) =>
    callRoute(createView, { method: "POST", headers: { cookie, origin: TEST_ORIGIN }, body });
  const list = async (cookie: string) =>
    (await (await callRoute(listViews, { path: "/api/views?page=alerts", headers: { cookie } })).json()).data as {
      id: string;
      name: string;
      query: string;
      mine: boolean;
      shared: boolean;
      ownerName: string;
    }[];
  const remove = (cookie: string, id: string) =>
    callRoute(deleteView, { method: "DELETE", headers: { cookie, origin: TEST_ORIGIN }, params: { id } });

  it("saves a view in the page's canonical form and lists it for its owner only", async () => {
    const res = await save(ann, {
      page: "alerts",
      name: "My high new",
      query: "?status=New&severity=High,Medium&sort=age",
    });
    expect(res.status).toBe(201);
    const { data } = await res.json();
    // Same view, canonical order, defaults dropped: the saved link opens exactly what the person saw.
    expect(data).toMatchObject({
      name: "My high new",
      query: "severity=High%2CMedium&status=New",
      shared: false,
      mine: true,
      ownerName: "ann",
    });
    expect((await list(ann)).map((v) => v.name)).toEqual(["My high new"]);
    expect(await list(bob)).toEqual([]);
    expect(
      await database.prisma.auditEvent.count({
        where: { action: "view.create", result: "success", targetId: data.id },
      }),
    ).toBe(1);
  });

  it("shows a shared view to everyone, after the caller's own views", async () => {
    const shared = await (
      await save(ann, { page: "alerts", name: "Team: breached", query: "sla=breached", shared: true })
    ).json();
    await save(bob, { page: "alerts", name: "Bob's", query: "severity=Low" });
    expect((await list(bob)).map((v) => [v.name, v.mine])).toEqual([
      ["Bob's", true],
      ["Team: breached", false],
    ]);
    expect((await list(bob)).find((v) => v.name === "Team: breached")).toMatchObject({
      shared: true,
      ownerName: "ann",
      id: shared.data.id,
      canDelete: false,
    });
  });

  it("refuses a duplicate name with 409 and a query the queue would refuse with 400 naming it", async () => {
    const dup = await save(ann, { page: "alerts", name: "My high new", query: "" });
    expect(dup.status).toBe(409);
    const bad = await save(ann, { page: "alerts", name: "Typo", query: "severity=Critical" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.issues[0].path).toBe("query.severity.0");
    const unknown = await save(ann, { page: "alerts", name: "Typo 2", query: "sevrity=High" });
    expect(unknown.status).toBe(400);
    const noName = await save(ann, { page: "alerts", name: " ", query: "" });
    expect(noName.status).toBe(400);
    expect(await database.prisma.savedView.count({ where: { name: { startsWith: "Typo" } } })).toBe(0);
  });

  it("lets only the owner (or an Admin, for shared views) delete a view", async () => {
    const views = await list(bob);
    const annShared = views.find((v) => v.name === "Team: breached")!;
    const bobs = views.find((v) => v.name === "Bob's")!;
    expect((await remove(bob, annShared.id)).status).toBe(403);
    const annPrivate = (await list(ann)).find((v) => v.name === "My high new")!;
    // Someone else's private view does not exist as far as the caller can tell.
    expect((await remove(bob, annPrivate.id)).status).toBe(404);
    expect((await remove(bob, bobs.id)).status).toBe(200);
    expect((await remove(admin, annShared.id)).status).toBe(200);
    expect((await list(bob)).map((v) => v.name)).toEqual([]);
    expect(await database.prisma.auditEvent.count({ where: { action: "view.delete", result: "success" } })).toBe(2);
  });

  it("keeps views for people: an API token cannot save one", async () => {
    const { createApiToken } = await import("../auth/tokens");
    const token = await createApiToken(
      {
        actor: {
          type: "user",
          id: randomUUID(),
          name: "admin@contoso.example",
          roles: ["Admin"],
          permissions: permissionsOf(["Admin"]),
        },
        requestId: "r",
        ip: null,
      },
      { name: "soar", role: "Analyst", days: 1 },
    );
    const res = await callRoute(createView, {
      method: "POST",
      headers: { authorization: `Bearer ${token.token}` },
      body: { page: "alerts", name: "Bot", query: "" },
    });
    expect(res.status).toBe(403);
  });
});
