import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { availableTestDatabases, createTestDatabase, type TestDatabase } from "../db/testing";
import { getDatabase } from "../db";
import { tenantScope } from "../cache/tenant";
import { callRoute, sessionCookieFor } from "../auth/testing";
import { rateLimitWindows } from "../auth/rate-limit";
import { ProviderError, type GraphClient } from "../graph";
import { GET as suggestRoute } from "@/app/api/assignees/route";
import { directoryGate } from ".";

// Issue #14 item 7: the assignee picker suggests the people who signed in, the directory (Graph, where the app may
// read it) and the addresses Defender already holds; a directory that refuses (403) is reported, not an error.

const kinds = await availableTestDatabases();

describe.each(kinds)("assignee suggestions on %s", (kind) => {
  let database: TestDatabase;
  let analyst: string;
  let viewer: string;
  const graphCalls: Record<string, unknown>[] = [];
  let directory: "answers" | "forbidden" = "answers";
  const graph = {
    async request(op: { path: string; query?: Record<string, unknown> }) {
      graphCalls.push({ path: op.path, ...op.query });
      if (directory === "forbidden")
        throw new ProviderError({ provider: "graph", status: 403, code: "Authorization_RequestDenied", message: "no" });
      return {
        value: [
          { id: "1", displayName: "Anna Directory", userPrincipalName: "anna.directory@contoso.example" },
          { id: "2", displayName: "Ana Twice", userPrincipalName: "ana@contoso.example" },
          { displayName: "no id: skipped" },
        ],
      };
    },
  } as unknown as GraphClient;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    getDatabase.replaceForTests(database);
    analyst = await sessionCookieFor("Analyst", "ana");
    viewer = await sessionCookieFor("Viewer", "vivi");
    await database.prisma.incident.create({
      data: {
        ...tenantScope(),
        id: BigInt(1),
        name: "x",
        status: "Active",
        severity: "High",
        assignedTo: "annette.soc@contoso.example",
        createdTime: new Date(),
        lastUpdateTime: new Date(),
      },
    });
  });
  afterAll(async () => {
    directoryGate.replaceForTests(undefined);
    await database?.close();
  });
  beforeEach(() => {
    graphCalls.length = 0;
    directory = "answers";
    directoryGate.replaceForTests({ client: graph, notPermittedUntil: 0 });
    rateLimitWindows.replaceForTests(undefined);
  });

  const suggest = async (q: string, cookie = analyst) => {
    const res = await callRoute(suggestRoute, {
      path: `/api/assignees?q=${encodeURIComponent(q)}`,
      headers: { cookie },
    });
    return { status: res.status, body: await res.json() };
  };

  it("merges console users, the directory and Defender's assignees by address", async () => {
    const { status, body } = await suggest("ann");
    expect(status).toBe(200);
    expect(body.directory).toBe("ok");
    expect(body.data).toEqual(
      expect.arrayContaining([
        { address: "anna.directory@contoso.example", name: "Anna Directory", sources: ["directory"] },
        { address: "annette.soc@contoso.example", name: null, sources: ["defender"] },
      ]),
    );
    // The directory is asked with startsWith, a default query (no ConsistencyLevel header needed).
    expect(graphCalls[0]).toMatchObject({
      path: "/users",
      $filter: expect.stringContaining("startsWith(displayName,'ann')"),
    });

    const ana = (await suggest("ana@")).body.data;
    expect(ana[0]).toEqual({ address: "ana@contoso.example", name: "ana", sources: ["console", "directory"] });
  });

  it("a directory that refuses (403) is reported and not asked again; the other sources still answer", async () => {
    directory = "forbidden";
    const first = await suggest("annette");
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ directory: "not_permitted" });
    expect(first.body.data.map((s: { address: string }) => s.address)).toEqual(["annette.soc@contoso.example"]);
    await suggest("anna");
    expect(graphCalls).toHaveLength(1);
  });

  it("quotes the text for OData, asks only for two characters and more, and needs triage rights", async () => {
    await suggest("o'brien");
    expect(graphCalls[0].$filter).toContain("startsWith(displayName,'o''brien')");
    expect((await suggest("a")).body.directory).toBe("skipped");
    expect(graphCalls).toHaveLength(1);
    expect((await suggest("")).status).toBe(400);
    expect((await suggest("ann", viewer)).status).toBe(403);
  });
});
