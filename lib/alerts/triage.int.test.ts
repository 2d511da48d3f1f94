import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { availableTestDatabases, createTestDatabase, type TestDatabase } from "../db/testing";
import { getDatabase } from "../db";
import { callRoute, sessionCookieFor, TEST_ORIGIN } from "../auth/testing";
import { rateLimitWindows } from "../auth/rate-limit";
import { createDefenderClient, getAlert, ProviderError, type DefenderClient } from "../defender";
import { startEmulatedTenant, type EmulatedTenant } from "../defender/testing";
import { PATCH as patchRoute } from "@/app/api/alerts/[id]/route";
import { POST as bulkRoute } from "@/app/api/alerts/bulk/route";
import { BUDGETS, MemoryBudgetStore, Pacer, resetBudgetsForTests } from "../budgets";
import {
  defenderAlertWriter,
  alertWriter,
  type AlertWriter,
  type DefenderAlert,
  type DefenderAlertPatch,
} from "./writer";

// Triage through the routes: Defender first, then the cache and the audit row together. A refusing Defender is
// a stand-in writer (the database is always real); one suite runs against the simulated tenant end to end.

const kinds = await availableTestDatabases();

/** A Defender stand-in that records calls and answers as told. */
class FakeDefender implements AlertWriter {
  calls: { kind: "patch" | "batch"; ids: string[]; patch: DefenderAlertPatch }[] = [];
  fail: ProviderError | null = null;
  async updateAlert(id: string, patch: DefenderAlertPatch): Promise<DefenderAlert> {
    this.calls.push({ kind: "patch", ids: [id], patch });
    if (this.fail) throw this.fail;
    const determination = patch.determination === "NotMalicious" ? "Clean" : patch.determination;
    return {
      id,
      title: "t",
      severity: "High",
      status: patch.status ?? "New",
      alertCreationTime: "2026-11-26T10:00:00Z",
      lastUpdateTime: "2026-11-26T12:00:00Z",
      assignedTo: patch.assignedTo ?? null,
      classification: patch.classification ?? null,
      determination: determination ?? null,
      resolvedTime: patch.status === "Resolved" ? "2026-11-26T12:00:00Z" : null,
      comments: patch.comment ? [{ comment: patch.comment, createdBy: "ms", createdTime: "2026-11-26T12:00:00Z" }] : [],
      evidence: [],
      mitreTechniques: [],
    } as unknown as DefenderAlert;
  }
  async batchUpdate(ids: string[], patch: DefenderAlertPatch): Promise<void> {
    this.calls.push({ kind: "batch", ids, patch });
    if (this.fail) throw this.fail;
  }
}

const refusal = (status: number, message: string) =>
  new ProviderError({
    provider: "defender",
    status,
    code: status === 400 ? "BadRequest" : "ServiceUnavailable",
    message,
  });

describe.each(kinds)("alert triage on %s", (kind) => {
  let database: TestDatabase;
  let analyst: string;
  const fake = new FakeDefender();
  const ids = ["da001_1", "da002_2", "da003_3", "da004_4"];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    getDatabase.replaceForTests(database);
    analyst = await sessionCookieFor("Analyst", "ana");
    await database.prisma.alert.createMany({
      data: ids.map((id, i) => ({
        id,
        title: `Alert ${i}`,
        severity: "High",
        status: "New",
        priority: "High",
        alertCreationTime: new Date(Date.now() - 3_600_000),
        lastUpdateTime: new Date(Date.now() - 3_600_000),
        comments: [{ comment: "seen by sync", createdBy: "sync", createdTime: "2026-11-26T09:00:00Z" }],
      })),
    });
  });
  afterAll(async () => {
    alertWriter.replaceForTests(undefined);
    await database?.close();
  });
  beforeEach(async () => {
    alertWriter.replaceForTests(fake);
    fake.calls = [];
    fake.fail = null;
    rateLimitWindows.replaceForTests(undefined);
    await resetBudgetsForTests();
  });

  const patch = (id: string, body: unknown) =>
    callRoute(patchRoute, { method: "PATCH", params: { id }, headers: { cookie: analyst, origin: TEST_ORIGIN }, body });
  const bulk = (body: unknown) =>
    callRoute(bulkRoute, { method: "POST", headers: { cookie: analyst, origin: TEST_ORIGIN }, body });
  const row = (id: string) => database.prisma.alert.findUniqueOrThrow({ where: { id } });
  const audits = (action: string, id: string) =>
    database.prisma.auditEvent.findMany({ where: { action, targetId: id }, orderBy: { id: "asc" } });

  it("resolves with a classification: Defender gets the update-page spelling, the cache and audit log the result", async () => {
    const res = await patch(ids[0], {
      status: "Resolved",
      classification: "FalsePositive",
      determination: "Clean",
      comment: "lab machine",
    });
    expect(res.status).toBe(200);
    expect(fake.calls).toEqual([
      {
        kind: "patch",
        ids: [ids[0]],
        patch: {
          status: "Resolved",
          classification: "FalsePositive",
          determination: "NotMalicious",
          comment: "lab machine",
        },
      },
    ]);
    const body = await res.json();
    expect(body.data).toMatchObject({
      id: ids[0],
      status: "Resolved",
      classification: "FalsePositive",
      determination: "Clean",
    });
    const cached = await row(ids[0]);
    expect(cached).toMatchObject({ status: "Resolved", classification: "FalsePositive", determination: "Clean" });
    expect(cached.resolvedTime).not.toBeNull();
    expect(cached.comments).toEqual([{ comment: "lab machine", createdBy: "ms", createdTime: "2026-11-26T12:00:00Z" }]);
    const [audit] = await audits("alert.triage", ids[0]);
    expect(audit).toMatchObject({ result: "success", actorName: "ana@contoso.example", targetType: "alert" });
    expect(audit.params).toMatchObject({ status: "Resolved", determination: "NotMalicious" });
  });

  it("assigns to the caller for @me", async () => {
    expect((await patch(ids[1], { assignedTo: "@me" })).status).toBe(200);
    expect(fake.calls[0].patch).toEqual({ assignedTo: "ana@contoso.example" });
    expect((await row(ids[1])).assignedTo).toBe("ana@contoso.example");
  });

  it.each([
    [{ determination: "Malware" }, "determination"],
    [{ classification: "FalsePositive", determination: "Malware" }, "determination"],
    [{ status: "Closed" }, "status"],
    [{ assignedTo: "not an email" }, "assignedTo"],
    [{}, "status"],
    [{ status: "New", colour: "red" }, ""],
  ])("refuses %j with 400 naming %s, without calling Defender", async (input, field) => {
    const res = await patch(ids[2], input);
    expect(res.status).toBe(400);
    const body = await res.json();
    if (field) expect(body.error.issues.map((i: { path: string }) => i.path)).toContain(field);
    expect(fake.calls).toHaveLength(0);
  });

  it.each([
    [400, 422, "defender_refused"],
    [403, 502, "upstream_error"],
    [404, 404, "not_found"],
    [500, 502, "upstream_error"],
  ])(
    "Defender %i → %i: the cache stays unchanged, the message carries Defender's words, a failure is audited",
    async (upstream, status, code) => {
      fake.fail = refusal(upstream, `Defender says no (${upstream})`);
      const before = await row(ids[2]);
      const res = await patch(ids[2], { status: "InProgress", comment: "try" });
      expect(res.status).toBe(status);
      const body = await res.json();
      expect(body.error.code).toBe(code);
      expect(body.error.message).toContain(`Defender says no (${upstream})`);
      expect(body.error.message).toContain("Nothing was changed");
      expect(await row(ids[2])).toEqual(before);
      const rows = await database.prisma.auditEvent.findMany({
        where: { action: "alert.triage", result: "failure", requestId: res.headers.get("x-request-id") },
      });
      expect(rows).toHaveLength(1);
    },
  );

  it("answers 404 for an alert the cache does not hold, without calling Defender", async () => {
    expect((await patch("da999_9", { status: "Resolved" })).status).toBe(404);
    expect(fake.calls).toHaveLength(0);
  });

  it("bulk: one batch call for the known alerts, per-item results, cache and one audit row per alert", async () => {
    const res = await bulk({
      ids: [ids[2], ids[3], "da404_4", ids[2]],
      change: { status: "Resolved", classification: "TruePositive", determination: "Malware", comment: "bulk" },
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ updated: 2, failed: 0, notFound: 1 });
    expect(body.items).toEqual([
      { id: ids[2], result: "updated" },
      { id: ids[3], result: "updated" },
      { id: "da404_4", result: "not_found", message: "not in the console's cache" },
    ]);
    expect(fake.calls).toEqual([
      {
        kind: "batch",
        ids: [ids[2], ids[3]],
        patch: { status: "Resolved", classification: "TruePositive", determination: "Malware", comment: "bulk" },
      },
    ]);
    for (const id of [ids[2], ids[3]]) {
      const cached = await row(id);
      expect(cached).toMatchObject({ status: "Resolved", classification: "TruePositive", determination: "Malware" });
      expect((cached.comments as { comment: string }[]).map((c) => c.comment)).toEqual(["seen by sync", "bulk"]);
      expect(await audits("alert.bulk_triage", id)).toHaveLength(1);
    }
  });

  it("bulk: when Defender refuses the only batch, answers with its error and changes nothing", async () => {
    fake.fail = refusal(400, "Invalid determination");
    const before = await row(ids[1]);
    const res = await bulk({ ids: [ids[1]], change: { status: "InProgress" } });
    expect(res.status).toBe(422);
    expect((await res.json()).error.message).toContain("Invalid determination");
    expect(await row(ids[1])).toEqual(before);
  });

  it("bulk: refuses more than 500 ids and an empty list, naming ids", async () => {
    for (const list of [[], Array.from({ length: 501 }, (_, i) => `a${i}`)]) {
      const res = await bulk({ ids: list, change: { status: "New" } });
      expect(res.status).toBe(400);
      expect((await res.json()).error.issues[0].path).toBe("ids");
    }
  });
});

describe("the batch queue", () => {
  it("queues under 10 calls a minute and tells the caller to retry when the wait would be too long", async () => {
    let clock = 0;
    const slept: number[] = [];
    const exhausted = (s: number) => `try again in ${s} s`;
    const queue = new Pacer(BUDGETS.alertBatchUpdates, new MemoryBudgetStore(), {
      exhausted,
      now: () => clock,
      sleep: async (ms) => {
        slept.push(ms);
        clock += ms;
      },
    });
    for (let i = 0; i < 10; i++) {
      await queue.take(20_000);
      clock += 5_000; // 10 calls over 50 s
    }
    await queue.take(20_000); // the 11th waits for the first to leave the window (at 60 s)
    expect(slept).toEqual([10_000]);
    const fresh = new Pacer({ family: "test", windows: [{ limit: 1, windowMs: 60_000 }] }, new MemoryBudgetStore(), {
      exhausted,
      now: () => 0,
    });
    await fresh.take(20_000);
    await expect(fresh.take(20_000)).rejects.toMatchObject({ status: 503, extra: { retryAfterSeconds: 60 } });
  });
});

describe("triage against the simulated tenant", () => {
  let tenant: EmulatedTenant;
  let client: DefenderClient;
  let database: TestDatabase;
  let analyst: string;
  let alertIds: string[];

  beforeAll(async () => {
    tenant = await startEmulatedTenant({ seed: "alert-triage", devices: 10, alerts: 30, vulnsPerDevice: 1 });
    const { emu, transport } = tenant;
    client = createDefenderClient({
      baseUrl: emu.defenderUrl,
      xdrBaseUrl: emu.defenderUrl,
      tokens: tenant.tokens(),
      fetch: transport.fetch,
    });
    database = await createTestDatabase("pglite");
    getDatabase.replaceForTests(database);
    analyst = await sessionCookieFor("Analyst", "ana");
    // The cache holds what Defender's API returns (the sync's job; here four open alerts fetched directly).
    const candidates = tenant.emu.tenant.alerts.filter((a) => a.status !== "Resolved").slice(0, 4);
    const open = await Promise.all(candidates.map((a) => getAlert(client, a.id)));
    alertIds = open.map((a) => a.id);
    await database.prisma.alert.createMany({
      data: open.map((a) => ({
        id: a.id,
        title: a.title,
        severity: a.severity,
        status: a.status,
        priority: "High",
        alertCreationTime: new Date(a.alertCreationTime),
        lastUpdateTime: new Date(a.lastUpdateTime),
      })),
    });
  });
  beforeEach(async () => {
    alertWriter.replaceForTests(defenderAlertWriter(client));
    rateLimitWindows.replaceForTests(undefined);
    await resetBudgetsForTests();
  });
  afterEach(() => alertWriter.replaceForTests(undefined));
  afterAll(async () => {
    await tenant?.close();
    await database?.close();
  });

  it("PATCHes one alert and batch-updates three; Defender's API shows both", async () => {
    const one = await callRoute(patchRoute, {
      method: "PATCH",
      params: { id: alertIds[0] },
      headers: { cookie: analyst, origin: TEST_ORIGIN },
      body: { status: "InProgress", assignedTo: "@me", comment: "looking" },
    });
    expect(one.status).toBe(200);
    const remote = await getAlert(client, alertIds[0]);
    expect(remote).toMatchObject({ status: "InProgress", assignedTo: "ana@contoso.example" });
    expect(remote.comments.map((c) => c.comment)).toContain("looking");
    expect((await database.prisma.alert.findUniqueOrThrow({ where: { id: alertIds[0] } })).status).toBe("InProgress");

    const many = await callRoute(bulkRoute, {
      method: "POST",
      headers: { cookie: analyst, origin: TEST_ORIGIN },
      body: {
        ids: alertIds.slice(1),
        change: {
          status: "Resolved",
          classification: "InformationalExpectedActivity",
          determination: "ConfirmedUserActivity",
        },
      },
    });
    expect(many.status).toBe(200);
    expect((await many.json()).updated).toBe(3);
    for (const id of alertIds.slice(1)) {
      expect(await getAlert(client, id)).toMatchObject({
        status: "Resolved",
        classification: "InformationalExpectedActivity",
        determination: "ConfirmedUserActivity",
      });
      expect(await database.prisma.alert.findUniqueOrThrow({ where: { id } })).toMatchObject({
        status: "Resolved",
        determination: "ConfirmedUserActivity",
      });
    }
  });
});
