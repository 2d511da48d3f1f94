import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { availableTestDatabases, createTestDatabase, type TestDatabase } from "../db/testing";
import { getDatabase } from "../db";
import { callRoute, sessionCookieFor, TEST_ORIGIN } from "../auth/testing";
import { rateLimitWindows } from "../auth/rate-limit";
import { createAppTokenProvider } from "../entra/app-token";
import { tenantFor } from "../defender/testing";
import { startTestTenant, type TestTenant } from "../sync/testing";
import { POST as requestRoute } from "@/app/api/devices/[id]/actions/route";
import { GET as actionRoute } from "@/app/api/actions/[id]/route";
import { POST as cancelRoute } from "@/app/api/actions/[id]/cancel/route";
import { POST as approveRoute } from "@/app/api/actions/[id]/approve/route";
import { POST as rejectRoute } from "@/app/api/actions/[id]/reject/route";
import { POST as bulkRoute } from "@/app/api/actions/bulk/route";
import { POST as bulkIsolateRoute } from "@/app/api/actions/bulk/isolate/route";
import { GET as listRoute } from "@/app/api/actions/route";
import { GET as approvalsRoute } from "@/app/api/actions/approvals/route";
import { GET as exportRoute } from "@/app/api/actions/export/route";
import { PUT as settingsRoute } from "@/app/api/settings/actions/route";
import { StatusReads, statusReads } from "./status-reads";
import { countAwaitingApproval, defenderActionWriter, actionWriter } from "./index";
import { actionPacer, MemoryBudgetStore, Pacer } from "../budgets";
import type { ActionPage, ActionView, BulkScanResult } from "./schemas";

// Response actions end to end against the simulated tenant (real client, real database): exactly once under
// double clicks and racing responders, Defender's "already in progress", a failed action leaving the device as
// it was, cancel, four-eyes approval, and a paced bulk scan.

const kinds = await availableTestDatabases();

describe.each(kinds)("response actions on %s", (kind) => {
  let tenant: TestTenant;
  let database: TestDatabase;
  let responder: string;
  let responder2: string;
  let manager: string;
  let admin: string;
  const devices: { id: string; machineId: string; name: string }[] = [];

  beforeAll(async () => {
    tenant = await startTestTenant({
      seed: `actions-${kind}`,
      devices: 16,
      alerts: 5,
      vulnsPerDevice: 1,
      actionDelaysMs: { toInProgress: 150, toFinal: 150 },
    });
    const client = tenant.defenderClient();
    actionWriter.replaceForTests(defenderActionWriter(client));
    // Tests follow many actions within a minute; the production budget is covered on its own below.
    statusReads.replaceForTests(new StatusReads(10_000, 10_000));
    database = await createTestDatabase(kind);
    getDatabase.replaceForTests(database);
    [responder, responder2, manager, admin] = await Promise.all([
      sessionCookieFor("Responder", "resp"),
      sessionCookieFor("Responder", "resp2"),
      sessionCookieFor("Manager", "mgr"),
      sessionCookieFor("Admin", "adm"),
    ]);
    // The cache holds Windows machines as the sync would store them.
    const machines = (await tenant.raw("/api/machines")).value.filter((m) =>
      String(m.osPlatform).startsWith("Windows1"),
    );
    for (const m of machines.slice(0, 8)) {
      const row = await database.prisma.device.create({
        data: {
          mdeMachineId: String(m.id),
          name: String(m.computerDnsName),
          platform: "Windows",
          inMde: true,
          osPlatform: String(m.osPlatform),
        },
      });
      devices.push({ id: row.id, machineId: row.mdeMachineId!, name: row.name });
    }
    expect(devices.length).toBe(8);
  });
  afterAll(async () => {
    actionWriter.replaceForTests(undefined);
    actionPacer.replaceForTests(undefined);
    statusReads.replaceForTests(undefined);
    await database?.close();
    await tenant?.close();
  });
  beforeEach(async () => {
    rateLimitWindows.replaceForTests(undefined);
    await tenant.control("faults", {});
    await tenant.control("stats/reset", {});
  });

  const post = (handler: typeof requestRoute, cookie: string, body: unknown, params: Record<string, string> = {}) =>
    callRoute(handler, { method: "POST", params, headers: { cookie, origin: TEST_ORIGIN }, body });
  const isolate = (cookie: string, device: string, key = randomUUID(), type = "Isolate") =>
    post(requestRoute, cookie, { type, comment: "contain the host", idempotencyKey: key }, { id: device });
  const stats = async () => ((await tenant.control("stats")) as { byRoute: Record<string, number> }).byRoute;
  const follow = async (id: string): Promise<ActionView> => {
    for (;;) {
      const res = await callRoute(actionRoute, { params: { id }, headers: { cookie: responder } });
      const { data } = (await res.json()) as { data: ActionView };
      if (data.final) return data;
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const isolation = async (id: string) =>
    (await database.prisma.device.findUniqueOrThrow({ where: { id } })).isolationState;

  it("isolates, follows Pending to Succeeded, and only then marks the device isolated; release works the same way", async () => {
    const res = await isolate(responder, devices[0].id);
    expect(res.status).toBe(201);
    const { data } = (await res.json()) as { data: ActionView };
    expect(data).toMatchObject({
      type: "Isolate",
      scope: "Full",
      status: "Pending",
      state: "Sent",
      requestedBy: "resp@contoso.example",
    });
    expect(await isolation(devices[0].id)).toBe("NotIsolated");
    expect((await stats())["POST /api/machines/{id}/isolate"]).toBe(1);
    expect(await follow(data.id)).toMatchObject({ status: "Succeeded", final: true });
    expect(await isolation(devices[0].id)).toBe("Isolated");
    const audits = await database.prisma.auditEvent.findMany({
      where: { targetId: devices[0].id },
      orderBy: { id: "asc" },
    });
    expect(audits.map((a) => `${a.action}:${a.result}`)).toEqual(["action.request:success", "action.send:success"]);
    expect(audits[0].params).toMatchObject({ type: "Isolate", comment: "contain the host" });

    const release = await isolate(responder, devices[0].id, randomUUID(), "Unisolate");
    expect(release.status).toBe(201);
    expect(await follow(((await release.json()) as { data: ActionView }).data.id)).toMatchObject({
      status: "Succeeded",
    });
    expect(await isolation(devices[0].id)).toBe("NotIsolated");
  });

  it("refuses, before anything reaches Defender, an action the device's platform does not offer", async () => {
    const phone = await database.prisma.device.create({
      data: { mdeMachineId: "phone-1", name: "phone-1", platform: "iOS", inMde: true },
    });
    const mac = await database.prisma.device.create({
      data: { mdeMachineId: "mac-1", name: "mac-1", platform: "macOS", inMde: true },
    });
    const onPhone = await isolate(responder, phone.id, randomUUID(), "RunAntiVirusScan");
    const onMac = await isolate(responder, mac.id, randomUUID(), "RestrictCodeExecution");
    expect([onPhone.status, onMac.status]).toEqual([422, 422]);
    expect(((await onMac.json()) as { error: { code: string } }).error.code).toBe("unsupported_action");
    expect(Object.keys(await stats()).filter((route) => route.startsWith("POST /api/machines"))).toEqual([]);
    expect(await database.prisma.actionRequest.count({ where: { deviceId: { in: [phone.id, mac.id] } } })).toBe(0);
  });

  it("creates one Defender action for a double click (same key) and for two responders at once (different keys)", async () => {
    const key = randomUUID();
    const [a, b] = await Promise.all([isolate(responder, devices[1].id, key), isolate(responder, devices[1].id, key)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    const [ja, jb] = (await Promise.all([a.json(), b.json()])) as { data: ActionView }[];
    expect(ja.data.id).toBe(jb.data.id);

    const [c, d] = await Promise.all([isolate(responder, devices[2].id), isolate(responder2, devices[2].id)]);
    expect([c.status, d.status].sort()).toEqual([201, 409]);
    const refused = (await (c.status === 409 ? c : d).json()) as { error: { message: string } };
    expect(refused.error.message).toMatch(
      /Isolate is already (Pending|InProgress|sending) on this device \(requested by resp2?@contoso\.example/,
    );
    expect((await stats())["POST /api/machines/{id}/isolate"]).toBe(2);
  });

  it("maps Defender's 'already in progress' to a clear 409 naming the pending action", async () => {
    // An isolation requested outside the console (e.g. in the portal): the cache does not know it yet.
    const token = await createAppTokenProvider({
      tenant: tenantFor(tenant.emulator),
      networkClient: tenant.transport.msalNetworkClient,
    }).getToken("https://api.securitycenter.microsoft.com/.default");
    const direct = await tenant.transport.fetch(
      `${tenant.emulator.defenderUrl}/api/machines/${devices[3].machineId}/isolate`,
      {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ Comment: "from the portal", IsolationType: "Full" }),
      },
    );
    expect(direct.status).toBe(201);
    const res = await isolate(responder, devices[3].id);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /^Defender already has a Isolate (Pending|InProgress) on .+ Nothing new was sent/,
    );
    const failed = await database.prisma.actionRequest.findFirstOrThrow({ where: { deviceId: devices[3].id } });
    expect(failed.state).toBe("SendFailed");
    expect(await database.prisma.machineAction.count({ where: { machineId: devices[3].machineId } })).toBe(1);
  });

  it("shows a failed action as Failed and leaves the device as it was", async () => {
    await tenant.control("faults", { actionOutcome: "Failed" });
    const res = await isolate(responder, devices[4].id);
    expect(res.status).toBe(201);
    expect(await follow(((await res.json()) as { data: ActionView }).data.id)).toMatchObject({ status: "Failed" });
    expect(await isolation(devices[4].id)).toBe("NotIsolated");
    // The action center's history and its CSV show it with who, what and the final status.
    const csv = await (
      await callRoute(exportRoute, {
        path: "/api/actions/export?tab=history&status=Failed",
        headers: { cookie: responder },
      })
    ).text();
    const lines = csv.replaceAll('"', "").trim().split("\r\n");
    expect(lines[0]).toMatch(/^createdAt,type,scope,device,deviceId,status,requestedBy,comment,/);
    expect(lines.slice(1)).toHaveLength(1);
    expect(lines[1]).toContain(
      `,Isolate,Full,${devices[4].name},${devices[4].id},Failed,resp@contoso.example,contain the host,`,
    );
  });

  it("says when Defender cannot be asked for an action's status, keeps the last known one, and follows it again once Defender answers", async () => {
    const res = await post(
      requestRoute,
      responder,
      { type: "CollectInvestigationPackage", comment: "forensics", idempotencyKey: randomUUID() },
      { id: devices[7].id },
    );
    const { data } = (await res.json()) as { data: ActionView };
    expect(data.status).toBe("Pending");
    try {
      await tenant.control("faults", { errorRate: 1 });
      // A fresh action's status is re-read from Defender at most every 2 s.
      await new Promise((r) => setTimeout(r, 2_100));
      const failing = await callRoute(actionRoute, { params: { id: data.id }, headers: { cookie: responder } });
      expect(failing.status).toBe(200);
      const body = (await failing.json()) as { data: ActionView; refreshError: string | null };
      expect(body.data).toMatchObject({ id: data.id, status: "Pending", final: false });
      expect(body.refreshError).toMatch(/^Defender answered 50[03]/);
    } finally {
      await tenant.control("faults", {});
    }
    // Every poll meanwhile still says why (after Defender's Retry-After, if it gave one, the next read is tried).
    const meanwhile = await callRoute(actionRoute, { params: { id: data.id }, headers: { cookie: responder } });
    expect(((await meanwhile.json()) as { refreshError: string | null }).refreshError).toMatch(
      /^Defender answered 50[03]/,
    );
    expect(await follow(data.id)).toMatchObject({ status: "Succeeded", final: true });
  });

  it("keeps status reads within their per-minute budget: a poll beyond it answers the cached status", async () => {
    statusReads.replaceForTests(new StatusReads(1, 10_000));
    try {
      const started = await Promise.all(
        (["RunAntiVirusScan", "RestrictCodeExecution"] as const).map(async (type) => {
          const res = await post(
            requestRoute,
            responder,
            {
              type,
              ...(type === "RunAntiVirusScan" ? { scope: "Quick" } : {}),
              comment: "budget check",
              idempotencyKey: randomUUID(),
            },
            { id: devices[7].id },
          );
          expect(res.status).toBe(201);
          return ((await res.json()) as { data: ActionView }).data.id;
        }),
      );
      await new Promise((r) => setTimeout(r, 2_100));
      const reads = async () => (await stats())["GET /api/machineactions/{id}"] ?? 0;
      const get = (id: string) => callRoute(actionRoute, { params: { id }, headers: { cookie: responder } });
      // Both are due; the budget allows one read.
      for (const id of started) expect((await get(id)).status).toBe(200);
      expect(await reads()).toBe(1);
      // Polled again at once: the one read is final now; the other finds no budget and answers its cached status,
      // saying that it was not refreshed.
      const again = [];
      for (const id of started)
        again.push(((await (await get(id)).json()) as { refreshError: string | null }).refreshError);
      expect(again).toEqual([null, expect.stringMatching(/budget of Defender status reads is used up/)]);
      expect(await reads()).toBe(1);
    } finally {
      statusReads.replaceForTests(new StatusReads(10_000, 10_000));
    }
  });

  it("cancels a pending action", async () => {
    const res = await post(
      requestRoute,
      responder,
      { type: "CollectInvestigationPackage", comment: "forensics please", idempotencyKey: randomUUID() },
      { id: devices[5].id },
    );
    const { data } = (await res.json()) as { data: ActionView };
    const cancelled = await post(cancelRoute, responder, { comment: "wrong host" }, { id: data.id });
    expect(cancelled.status).toBe(200);
    expect(((await cancelled.json()) as { data: ActionView }).data).toMatchObject({ status: "Cancelled", final: true });
    const again = await post(cancelRoute, responder, { comment: "again" }, { id: data.id });
    expect(again.status).toBe(409);
  });

  it("four-eyes: isolate waits for a second person; the requester cannot approve; rejection is final", async () => {
    expect(
      (
        await callRoute(settingsRoute, {
          method: "PUT",
          headers: { cookie: admin, origin: TEST_ORIGIN },
          body: { fourEyes: true },
        })
      ).status,
    ).toBe(200);
    try {
      const res = await isolate(responder, devices[6].id);
      expect(res.status).toBe(201);
      const { data } = (await res.json()) as { data: ActionView };
      expect(data.status).toBe("AwaitingApproval");
      expect((await stats())["POST /api/machines/{id}/isolate"] ?? 0).toBe(0);
      // A scan needs no approval even with four-eyes on.
      const scan = await post(
        requestRoute,
        responder,
        { type: "RunAntiVirusScan", scope: "Quick", comment: "routine check", idempotencyKey: randomUUID() },
        { id: devices[6].id },
      );
      expect(((await scan.json()) as { data: ActionView }).data.status).toBe("Pending");

      const approvals = (await (
        await callRoute(listRoute, { path: "/api/actions?tab=approvals", headers: { cookie: manager } })
      ).json()) as ActionPage;
      expect(approvals.data.map((a) => a.id)).toContain(data.id);
      // An Admin may approve, but not a request of their own.
      const own = await post(
        requestRoute,
        admin,
        { type: "Unisolate", comment: "own request", idempotencyKey: randomUUID() },
        { id: devices[5].id },
      );
      const ownId = ((await own.json()) as { data: ActionView }).data.id;
      expect((await post(approveRoute, admin, {}, { id: ownId })).status).toBe(403);
      // The approvals tab's badge counts both.
      expect(await countAwaitingApproval()).toBe(2);
      // The navigation's badge counts what this person may approve: not the Admin's own request.
      const awaiting = async (cookie: string) =>
        ((await (await callRoute(approvalsRoute, { headers: { cookie } })).json()) as { data: { awaiting: number } })
          .data.awaiting;
      expect(await awaiting(manager)).toBe(2);
      expect(await awaiting(admin)).toBe(1);
      expect((await callRoute(approvalsRoute, { headers: { cookie: responder } })).status).toBe(403);

      const approved = await post(approveRoute, manager, { reason: "confirmed compromise" }, { id: data.id });
      expect(approved.status).toBe(200);
      expect(((await approved.json()) as { data: ActionView }).data).toMatchObject({
        status: "Pending",
        approvedBy: "mgr@contoso.example",
      });
      expect((await stats())["POST /api/machines/{id}/isolate"]).toBe(1);
      expect((await post(approveRoute, manager, {}, { id: data.id })).status).toBe(409);

      const rejected = await post(rejectRoute, manager, { reason: "not needed" }, { id: ownId });
      expect(await countAwaitingApproval()).toBe(0);
      expect(((await rejected.json()) as { data: ActionView }).data).toMatchObject({
        status: "Rejected",
        decisionReason: "not needed",
        final: true,
      });
      expect((await stats())["POST /api/machines/{id}/unisolate"] ?? 0).toBe(0);
      const trail = await database.prisma.auditEvent.findMany({
        where: { action: { in: ["action.request_approval", "action.approve", "action.reject"] }, result: "success" },
        orderBy: { id: "asc" },
      });
      expect(trail.map((a) => `${a.action}:${a.actorName}`)).toEqual([
        "action.request_approval:resp@contoso.example",
        "action.request_approval:adm@contoso.example",
        "action.approve:mgr@contoso.example",
        "action.reject:mgr@contoso.example",
      ]);
    } finally {
      await callRoute(settingsRoute, {
        method: "PUT",
        headers: { cookie: admin, origin: TEST_ORIGIN },
        body: { fourEyes: false },
      });
    }
  });

  it("bulk isolate with four-eyes on: each device's request awaits its own approval; nothing reaches Defender before", async () => {
    const setFourEyes = (fourEyes: boolean) =>
      callRoute(settingsRoute, { method: "PUT", headers: { cookie: admin, origin: TEST_ORIGIN }, body: { fourEyes } });
    expect((await setFourEyes(true)).status).toBe(200);
    try {
      const key = randomUUID();
      const body = {
        deviceIds: [devices[4].id, devices[5].id],
        isolationType: "Full",
        comment: "ransomware spreading",
        idempotencyKey: key,
      };
      const res = await post(bulkIsolateRoute, responder, body);
      expect(res.status).toBe(200);
      const result = (await res.json()) as BulkScanResult;
      expect(result).toMatchObject({ queued: 0, awaitingApproval: 2, refused: 0 });
      expect(result.items.map((i) => i.result)).toEqual(["awaiting_approval", "awaiting_approval"]);
      // A resubmitted batch creates nothing new.
      const again = (await (await post(bulkIsolateRoute, responder, body)).json()) as BulkScanResult;
      expect(again.items.map((i) => i.actionId)).toEqual(result.items.map((i) => i.actionId));
      expect(await countAwaitingApproval()).toBe(2);
      expect((await stats())["POST /api/machines/{id}/isolate"] ?? 0).toBe(0);
      // The requester cannot approve; a second person sends each one, through the single action's path.
      expect((await post(approveRoute, responder, {}, { id: result.items[0].actionId! })).status).toBe(403);
      expect((await post(approveRoute, manager, { reason: "ok" }, { id: result.items[0].actionId! })).status).toBe(200);
      expect((await stats())["POST /api/machines/{id}/isolate"]).toBe(1);
      expect(
        (await post(rejectRoute, manager, { reason: "not this one" }, { id: result.items[1].actionId! })).status,
      ).toBe(200);
      expect((await follow(result.items[0].actionId!)).status).toBe("Succeeded");
      const audit = await database.prisma.auditEvent.findFirstOrThrow({ where: { action: "action.bulk_isolate" } });
      expect(audit.params).toMatchObject({ devices: 2, queued: 0, awaitingApproval: 2 });
    } finally {
      await setFourEyes(false);
    }
  });

  it("bulk scan: one request per device, paced, per-device results in the action center", async () => {
    let slept = 0;
    const budget = { family: "test.bulkScan", windows: [{ limit: 3, windowMs: 60_000 }] };
    // The fourth send waits for a slot; the clock moves on by what it slept, so the test does not take a minute.
    actionPacer.replaceForTests(
      new Pacer(budget, new MemoryBudgetStore(), {
        exhausted: String,
        now: () => Date.now() + slept,
        sleep: async (ms) => void (slept += ms),
      }),
    );
    const key = randomUUID();
    const ids = [devices[0].id, devices[1].id, devices[2].id, devices[3].id, "no-such-device"];
    const res = await post(bulkRoute, responder, {
      deviceIds: ids,
      scanType: "Quick",
      comment: "sweep after phishing",
      idempotencyKey: key,
    });
    expect(res.status).toBe(200);
    const result = (await res.json()) as BulkScanResult;
    expect(result).toMatchObject({ queued: 4, refused: 1 });
    expect(result.items.find((i) => i.deviceId === "no-such-device")?.result).toBe("not_found");
    const batch = async () =>
      (
        (await (
          await callRoute(listRoute, { path: `/api/actions?batch=${key}`, headers: { cookie: responder } })
        ).json()) as ActionPage
      ).data;
    await expect
      .poll(
        async () => (await batch()).filter((a) => ["Pending", "InProgress", "Succeeded"].includes(a.status)).length,
        { timeout: 10_000 },
      )
      .toBe(4);
    expect((await stats())["POST /api/machines/{id}/runAntiVirusScan"]).toBe(4);
    expect(slept).toBeGreaterThan(0); // the fourth waited for a slot
    const again = (await (
      await post(bulkRoute, responder, {
        deviceIds: ids,
        scanType: "Quick",
        comment: "sweep after phishing",
        idempotencyKey: key,
      })
    ).json()) as BulkScanResult;
    expect(again.items.filter((i) => i.message === "already requested by this batch")).toHaveLength(4);
    expect((await stats())["POST /api/machines/{id}/runAntiVirusScan"]).toBe(4);
  });
});
