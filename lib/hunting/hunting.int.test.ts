import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as runRoute } from "@/app/api/hunting/run/route";
import { GET as quotaRoute } from "@/app/api/hunting/quota/route";
import { GET as historyRoute } from "@/app/api/hunting/history/route";
import { GET as listRoute, POST as saveRoute } from "@/app/api/hunting/queries/route";
import { DELETE as deleteRoute, PATCH as patchRoute } from "@/app/api/hunting/queries/[id]/route";
import { permissionsOf } from "../auth/permissions";
import type { Actor } from "../auth/actor";
import { callRoute, sessionCookieFor, TEST_ORIGIN } from "../auth/testing";
import { cacheTenantId } from "../cache/tenant";
import { db, getDatabase } from "../db";
import { availableTestDatabases, createTestDatabase, type TestDatabase } from "../db/testing";
import { startEmulatedTenant, type EmulatedTenant } from "../defender/testing";
import { createGraphClient, type GraphClient } from "../graph";
import {
  alertHuntQuery,
  deviceHuntQuery,
  huntHref,
  HuntingService,
  huntingGraph,
  queryHash,
  starterQueries,
} from "./index";
import { decodeHuntQuery } from "./vocabulary";
import type { SavedQuery } from "./schemas";

// Advanced hunting through the console's routes against the emulated tenant's real KQL engine, on each database:
// results, Kusto's errors, the shared quota (refused by the console before Graph, and by Graph itself), roles,
// saved queries with their audit rows, and the corrected starter queries returning rows.

const kinds = await availableTestDatabases();

let tenant: EmulatedTenant;
beforeAll(async () => {
  tenant = await startEmulatedTenant({ seed: "hunting-console", devices: 40, alerts: 200, vulnsPerDevice: 6 });
}, 120_000);
afterAll(async () => {
  await tenant?.close();
});

/** A console instance: its own Graph client and service, the shared database. */
function instance(): { service: HuntingService; graph: GraphClient } {
  const graph = createGraphClient({
    baseUrl: tenant.emu.graphUrl,
    tokens: tenant.tokens(),
    fetch: tenant.transport.fetch,
    maxRetries: 0,
  });
  return { graph, service: new HuntingService({ prisma: db, tenantId: cacheTenantId(), graph: () => graph }) };
}

const actor = (name: string, role: "Viewer" | "Analyst"): Actor => ({
  type: "user",
  id: `oid-${name}`,
  name,
  roles: [role],
  permissions: permissionsOf([role]),
});

describe.each(kinds)("advanced hunting on %s", (kind) => {
  let database: TestDatabase;
  let main: ReturnType<typeof instance>;
  let analyst: string;
  let colleague: string;
  let viewer: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    getDatabase.replaceForTests(database);
    main = instance();
    huntingGraph.replaceForTests(main.graph);
    analyst = await sessionCookieFor("Analyst", "ana");
    colleague = await sessionCookieFor("Analyst", "andy");
    viewer = await sessionCookieFor("Viewer", "vera");
  }, 60_000);
  afterAll(async () => {
    huntingGraph.replaceForTests(undefined);
    await database?.close();
  });
  // Each case starts with the tenant's quota unused, in the console and in the emulator (a fault change resets it).
  beforeEach(async () => {
    await database.prisma.providerCall.deleteMany({});
    await database.prisma.huntingThrottle.deleteMany({});
    await tenant.setFaults({});
  });

  const run = (cookie: string, query: string, timespan = "P7D") =>
    callRoute(runRoute, {
      method: "POST",
      path: "/api/hunting/run",
      headers: { cookie, origin: TEST_ORIGIN },
      body: { query, timespan },
    });
  const quota = async (cookie: string) => (await callRoute(quotaRoute, { headers: { cookie } })).json();
  const queries = async (cookie: string) =>
    ((await (await callRoute(listRoute, { headers: { cookie } })).json()) as { queries: SavedQuery[] }).queries;
  const mutate = (handler: typeof saveRoute, method: string, cookie: string, body?: unknown, id?: string) =>
    callRoute(handler, {
      method,
      headers: { cookie, origin: TEST_ORIGIN },
      body,
      params: id ? { id } : undefined,
    });

  it("runs KQL and answers Graph's columns and rows, the row count, the time taken and the quota; history keeps it", async () => {
    const query = "DeviceProcessEvents | summarize Events=count() by DeviceName | top 5 by Events";
    const res = await run(analyst, query);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.columns).toEqual([
      { name: "DeviceName", type: "String" },
      { name: "Events", type: "Int64" },
    ]);
    expect(body.rows).toHaveLength(5);
    expect(body).toMatchObject({ rowCount: 5, truncated: false, durationMs: expect.any(Number) });
    expect(body.quota).toMatchObject({ callsLastMinute: 1, callsPerMinute: 45, cpu: { exhausted: false } });
    const history = await (
      await callRoute(historyRoute, { path: "/api/hunting/history?limit=5", headers: { cookie: analyst } })
    ).json();
    expect(history.runs[0]).toMatchObject({
      query,
      queryHash: queryHash(query),
      timespan: "P7D",
      rowCount: 5,
      outcome: "ok",
    });
    expect(history.runs[0].queryHash).toMatch(/^[0-9a-f]{64}$/);
    // Only one's own runs.
    const theirs = await (await callRoute(historyRoute, { headers: { cookie: colleague } })).json();
    expect(theirs.runs.map((r: { query: string }) => r.query)).not.toContain(query);
  });

  it("passes Kusto's message through for an unknown column (400 kql_invalid) and records the failed run", async () => {
    const res = await run(analyst, "AlertInfo | where TimeGenerated > ago(7d)");
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe("kql_invalid");
    expect(error.message).toContain("Failed to resolve scalar expression named 'TimeGenerated'");
    const history = await (await callRoute(historyRoute, { headers: { cookie: analyst } })).json();
    expect(history.runs[0]).toMatchObject({ outcome: "invalid", error: expect.stringContaining("TimeGenerated") });
  });

  it("returns rows for every corrected starter query", async () => {
    for (const starter of starterQueries()) {
      const res = await run(analyst, starter.query);
      const body = await res.json();
      expect(res.status, `${starter.name}: ${JSON.stringify(body).slice(0, 300)}`).toBe(200);
      expect(body.rowCount, starter.name).toBeGreaterThan(0);
    }
  });

  it("hunts from a device and from an alert with queries that return their events", async () => {
    const first = async (query: string) =>
      ((await (await run(analyst, query, "P30D")).json()).rows as Record<string, string>[])[0];
    const active = await first(
      "DeviceProcessEvents | where Timestamp > ago(1d) | take 1 | project DeviceId, DeviceName",
    );
    const device = await run(analyst, deviceHuntQuery({ machineId: active.DeviceId, name: active.DeviceName }));
    expect((await device.json()).rowCount).toBeGreaterThan(0);
    const row = await first(
      "AlertInfo | where Timestamp > ago(3d) | join kind=inner (AlertEvidence | where isnotempty(DeviceId)) on AlertId | project AlertId, Title, DeviceId, DeviceName, Timestamp | take 1",
    );
    const alert = await run(
      analyst,
      alertHuntQuery({ id: row.AlertId, title: row.Title, createdAt: row.Timestamp }),
      "P30D",
    );
    const body = await alert.json();
    expect(alert.status, JSON.stringify(body).slice(0, 300)).toBe(200);
    expect(body.rowCount).toBeGreaterThan(0);
    expect(new Set(body.rows.map((r: { DeviceName: string }) => r.DeviceName))).toContain(row.DeviceName);
    // The link carries the query intact.
    const q = deviceHuntQuery({ machineId: row.DeviceId, name: row.DeviceName });
    const href = huntHref(q);
    expect(decodeHuntQuery(new URL(href, "http://console.test").searchParams.get("q")!)).toBe(q);
  });

  it("shares the 45 calls a minute between console instances and refuses the 46th itself, without calling Graph", async () => {
    const other = instance();
    const ana = actor("ana-quota", "Analyst");
    for (let i = 0; i < 20; i++) await main.service.run(ana, { query: "DeviceInfo | take 1", timespan: "P1D" });
    expect((await other.service.quota()).callsLastMinute).toBe(20);
    for (let i = 0; i < 25; i++) await other.service.run(ana, { query: "DeviceInfo | take 1", timespan: "P1D" });
    const shared = await quota(viewer);
    expect(shared).toMatchObject({ callsLastMinute: 45, retryAt: expect.any(String) });
    const sent = main.graph.stats().calls;
    const res = await run(analyst, "DeviceInfo | take 1");
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const { error } = await res.json();
    expect(error).toMatchObject({ code: "hunting_quota", retryAfterSeconds: retryAfter });
    expect(error.message).toContain("45 advanced hunting queries a minute");
    expect(error.message).toContain("Nothing was sent to Microsoft Graph");
    expect(main.graph.stats().calls).toBe(sent);
    await expect(other.service.run(ana, { query: "DeviceInfo | take 1", timespan: "P1D" })).rejects.toMatchObject({
      status: 429,
    });
    expect(other.graph.stats().calls).toBe(25);
  });

  it("keeps Graph's CPU refusal for every instance until the time Graph named", async () => {
    await tenant.setFaults({ huntingCpuBudget: 1 });
    expect((await run(analyst, "DeviceInfo | take 1")).status).toBe(200);
    const refused = await run(analyst, "DeviceInfo | take 1");
    expect(refused.status).toBe(429);
    const { error } = await refused.json();
    expect(error.code).toBe("hunting_quota");
    expect(error.message).toContain("CPU quota");
    expect(error.message).toContain("You have exceeded processing resources allocated to this tenant");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const other = instance();
    expect((await other.service.quota()).cpu).toMatchObject({ exhausted: true, retryAt: expect.any(String) });
    await expect(
      other.service.run(actor("ana-cpu", "Analyst"), { query: "DeviceInfo | take 1", timespan: "P1D" }),
    ).rejects.toMatchObject({ status: 429 });
    expect(other.graph.stats().calls).toBe(0);
  });

  it("answers 504 when Graph times out, and records a cancelled run", async () => {
    await tenant.setFaults({ huntingTimeoutMs: 1 });
    const res = await run(analyst, "DeviceProcessEvents | summarize count() by DeviceName, FileName");
    expect(res.status).toBe(504);
    expect((await res.json()).error.code).toBe("hunting_timeout");
    await tenant.setFaults({});
    const ana = actor("ana-cancel", "Analyst");
    await expect(
      main.service.run(ana, { query: "DeviceInfo | take 1", timespan: "P1D" }, AbortSignal.abort()),
    ).rejects.toMatchObject({ status: 499 });
    expect((await main.service.history(ana, 1))[0]).toMatchObject({ outcome: "failed", error: "cancelled" });
  });

  it("lets a Viewer run queries but not save them", async () => {
    expect((await run(viewer, "DeviceInfo | take 1")).status).toBe(200);
    const res = await mutate(saveRoute, "POST", viewer, { name: "mine", query: "DeviceInfo | take 1" });
    expect(res.status).toBe(403);
  });

  it("audits save, share and delete; a colleague sees a shared query, never a personal one", async () => {
    const saved = await mutate(saveRoute, "POST", analyst, {
      name: "LSASS by device",
      description: "procdump against lsass",
      tags: ["lsass", "T1003", "lsass"],
      folder: " Credentials / LSASS ",
      query: 'DeviceProcessEvents | where ProcessCommandLine has "lsass"',
    });
    expect(saved.status).toBe(201);
    const mine = (await saved.json()) as SavedQuery;
    expect(mine).toMatchObject({
      shared: false,
      starter: false,
      folder: "Credentials/LSASS",
      tags: ["lsass", "T1003"],
      canEdit: true,
    });
    expect((await queries(colleague)).map((q) => q.id)).not.toContain(mine.id);
    expect((await queries(analyst)).map((q) => q.id)).toContain(mine.id);

    const shared = await mutate(patchRoute, "PATCH", analyst, { shared: true }, mine.id);
    expect(shared.status).toBe(200);
    const seen = (await queries(colleague)).find((q) => q.id === mine.id);
    expect(seen).toMatchObject({ shared: true, canEdit: false, owner: { name: "ana" } });
    expect((await mutate(patchRoute, "PATCH", colleague, { name: "mine now" }, mine.id)).status).toBe(403);
    expect((await mutate(deleteRoute, "DELETE", colleague, undefined, mine.id)).status).toBe(403);
    // Starter queries are read-only; they are in everyone's list.
    const starter = (await queries(viewer)).find((q) => q.starter)!;
    expect(starter).toMatchObject({ canEdit: false, note: expect.any(String) });
    expect((await mutate(patchRoute, "PATCH", analyst, { name: "x" }, starter.id)).status).toBe(409);
    // The same name twice is a clear conflict.
    expect(
      (await mutate(saveRoute, "POST", analyst, { name: "LSASS by device", query: "DeviceInfo | take 1" })).status,
    ).toBe(409);

    expect((await mutate(deleteRoute, "DELETE", analyst, undefined, mine.id)).status).toBe(200);
    expect((await queries(colleague)).map((q) => q.id)).not.toContain(mine.id);
    const audit = await database.prisma.auditEvent.findMany({
      where: { targetType: "hunting_query", targetId: mine.id },
      orderBy: { at: "asc" },
    });
    expect(audit.map((a) => [a.action, a.result])).toEqual([
      ["hunting.query.create", "success"],
      ["hunting.query.share", "success"],
      ["hunting.query.delete", "success"],
    ]);
  });
});
