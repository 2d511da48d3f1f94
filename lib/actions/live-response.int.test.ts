import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableTestDatabases, createTestDatabase, type TestDatabase } from "../db/testing";
import { getDatabase } from "../db";
import { callRoute, sessionCookieFor, TEST_ORIGIN } from "../auth/testing";
import { rateLimitWindows } from "../auth/rate-limit";
import { startTestTenant, type TestTenant } from "../sync/testing";
import { POST as liveResponseRoute } from "@/app/api/devices/[id]/live-response/route";
import { GET as actionRoute } from "@/app/api/actions/[id]/route";
import { GET as fileRoute } from "@/app/api/actions/[id]/files/[index]/route";
import { StatusReads, statusReads } from "./status-reads";
import { actionWriter, defenderActionWriter, defenderLiveResponseWriter, liveResponseWriter } from "./index";
import type { ActionView } from "./schemas";
import { tenantScope } from "../cache/tenant";

// Live response end to end against the simulated tenant (real client, real database, both databases: the results
// are JSON columns read through the action center's UNION): a library script's output stored and audited, a
// collected file streamed through the console, and a second session on the same device refused plainly.

const kinds = await availableTestDatabases();

describe.each(kinds)("live response on %s", (kind) => {
  let tenant: TestTenant;
  let database: TestDatabase;
  let responder: string;
  const devices: { id: string; name: string }[] = [];

  beforeAll(async () => {
    tenant = await startTestTenant({
      seed: `liveresp-${kind}`,
      devices: 12,
      alerts: 2,
      vulnsPerDevice: 0,
      actionDelaysMs: { toInProgress: 50, toFinal: 50 },
    });
    const client = tenant.defenderClient();
    actionWriter.replaceForTests(defenderActionWriter(client));
    liveResponseWriter.replaceForTests(defenderLiveResponseWriter(client, { download: tenant.transport.fetch }));
    // Each poll may read at once: the status-read clock runs 10 s ahead per look (the spacing is covered elsewhere).
    let skew = 0;
    statusReads.replaceForTests(new StatusReads(10_000, 10_000, () => Date.now() + (skew += 10_000)));
    rateLimitWindows.replaceForTests(undefined);
    database = await createTestDatabase(kind);
    getDatabase.replaceForTests(database);
    responder = await sessionCookieFor("Responder", "resp");
    // Windows devices that are online and in a group with an automation level, as the sync would store them.
    const machines = (await tenant.raw("/api/machines")).value.filter(
      (m) =>
        String(m.osPlatform).startsWith("Windows1") &&
        m.healthStatus === "Active" &&
        m.rbacGroupName !== "Servers - Development",
    );
    for (const m of machines.slice(0, 2)) {
      const row = await database.prisma.device.create({
        data: {
          ...tenantScope(),
          mdeMachineId: String(m.id),
          name: String(m.computerDnsName),
          platform: "Windows",
          inMde: true,
          osPlatform: String(m.osPlatform),
          healthStatus: "Active",
        },
      });
      devices.push({ id: row.id, name: row.name });
    }
    expect(devices.length).toBe(2);
  });
  afterAll(async () => {
    actionWriter.replaceForTests(undefined);
    liveResponseWriter.replaceForTests(undefined);
    statusReads.replaceForTests(undefined);
    await database?.close();
    await tenant?.close();
  });

  const start = (device: string, commands: unknown[]) =>
    callRoute(liveResponseRoute, {
      method: "POST",
      params: { id: device },
      headers: { cookie: responder, origin: TEST_ORIGIN },
      body: { type: "LiveResponse", commands, comment: "triage the host", idempotencyKey: randomUUID() },
    });
  /** Polls as the device page does until the session ended and its results are stored. */
  const follow = async (id: string): Promise<ActionView> => {
    for (let i = 0; ; i++) {
      const res = await callRoute(actionRoute, { params: { id }, headers: { cookie: responder } });
      const body = (await res.json()) as { data: ActionView };
      if (!body.data || i > 50) throw new Error(JSON.stringify(body));
      const { data } = body;
      if (data.final && data.output) return data;
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it("runs a library script and collects a file: output stored, file streamed through the console, all audited", async () => {
    const res = await start(devices[0].id, [
      { type: "GetFile", path: "C:\\Users\\Public\\invoice.exe" },
      { type: "RunScript", scriptName: "Get-ProcessList.ps1" },
    ]);
    expect(res.status).toBe(201);
    const { data } = (await res.json()) as { data: ActionView };
    expect(data).toMatchObject({ type: "LiveResponse", state: "Sent", output: null });
    const done = await follow(data.id);
    expect(done.status).toBe("Succeeded");
    // Defender runs RunScript before GetFile (the documented order), whatever order they were asked in.
    expect(done.output!.map((o) => [o.index, o.type, o.status])).toEqual([
      [0, "RunScript", "Completed"],
      [1, "GetFile", "Completed"],
    ]);
    expect(done.output![0]).toMatchObject({ exitCode: 0 });
    expect(done.output![0].output).toMatch(/Id ProcessName\s+Path[\s\S]*MsSense/);
    expect(done.output![1].path).toBe("C:\\Users\\Public\\invoice.exe");

    const file = await callRoute(fileRoute, { params: { id: data.id, index: "1" }, headers: { cookie: responder } });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toBe('attachment; filename="invoice.exe"');
    expect(await file.text()).toContain(`Device: ${devices[0].name}`);
    // A RunScript has no file to hand out.
    expect(
      (await callRoute(fileRoute, { params: { id: data.id, index: "0" }, headers: { cookie: responder } })).status,
    ).toBe(404);

    const audits = await database.prisma.auditEvent.findMany({
      where: { targetId: devices[0].id, result: { not: "pending" } },
      orderBy: { id: "asc" },
    });
    expect(audits.map((a) => `${a.action}:${a.result}`)).toEqual([
      "action.request:success",
      "action.send:success",
      "liveresponse.result:success",
      "liveresponse.download:success",
    ]);
    expect(audits[0].params).toMatchObject({
      type: "LiveResponse",
      commands: [{ type: "GetFile" }, { type: "RunScript" }],
    });
    expect(audits[2].params).toMatchObject({ commands: [{ type: "RunScript", exitCode: 0 }, { type: "GetFile" }] });
    // Stored once, however many polls see the session ended.
    await follow(data.id);
    expect(await database.prisma.auditEvent.count({ where: { action: "liveresponse.result" } })).toBe(1);
  });

  it("refuses a second session on the same device while the first runs, saying so", async () => {
    const first = await start(devices[1].id, [{ type: "RunScript", scriptName: "Get-ProcessList.ps1" }]);
    expect(first.status).toBe(201);
    const second = await start(devices[1].id, [{ type: "GetFile", path: "C:\\Windows\\Temp\\a.txt" }]);
    expect(second.status).toBe(409);
    const { error } = (await second.json()) as { error: { message: string } };
    expect(error.message).toMatch(/^Another live response session is already (Pending|InProgress) on this device/);
    expect(error.message).toContain("Nothing new was sent");
    await follow(((await first.json()) as { data: ActionView }).data.id);
  });
});
