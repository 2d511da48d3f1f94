import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../db/testing";
import { getDatabase } from "../db";
import { callRoute, sessionCookieFor } from "../auth/testing";
import { logonUsers } from "../defender";
import { startTestTenant, type TestTenant } from "../sync/testing";
import { GET as deviceRoute } from "@/app/api/devices/[id]/route";
import { logonUserRefresh } from "./logon-users";
import { deviceIdForMachine } from "./detail";
import type { DeviceDetail } from "./schemas";
import { tenantScope } from "../cache/tenant";

// The device page's data through its route: the merged row, open alerts, logon users refreshed from Defender
// into the cache, and a timeline that includes the console's own actions; a Defender that refuses leaves the
// page working on what is cached.

describe("device detail", () => {
  let tenant: TestTenant;
  let database: TestDatabase;
  let cookie: string;
  let deviceId: string;
  let machineId: string;

  beforeAll(async () => {
    tenant = await startTestTenant({ seed: "device-detail", devices: 6, alerts: 10, vulnsPerDevice: 1 });
    const client = tenant.defenderClient();
    logonUserRefresh.replaceForTests({
      reader: { list: (machineId) => logonUsers(client, machineId) },
      fetchedAt: new Map(),
    });
    database = await createTestDatabase("pglite");
    getDatabase.replaceForTests(database);
    cookie = await sessionCookieFor("Viewer");
    const [machine] = (await tenant.raw("/api/machines")).value.filter((m) =>
      String(m.osPlatform).startsWith("Windows"),
    );
    const device = await database.prisma.device.create({
      data: {
        ...tenantScope(),
        mdeMachineId: String(machine.id),
        name: String(machine.computerDnsName),
        platform: "Windows",
        inMde: true,
        lastSeen: new Date(),
        healthStatus: "Active",
      },
    });
    deviceId = device.id;
    machineId = device.mdeMachineId!;
    await database.prisma.alert.create({
      data: {
        ...tenantScope(),
        id: "da-detail-1",
        title: "Suspicious PowerShell",
        severity: "High",
        status: "New",
        priority: "High",
        machineId: device.mdeMachineId,
        alertCreationTime: new Date(),
        lastUpdateTime: new Date(),
      },
    });
    await database.prisma.machineAction.create({
      data: {
        ...tenantScope(),
        id: "00000000-0000-4000-8000-0000000000aa",
        type: "Isolate",
        status: "Succeeded",
        machineId: device.mdeMachineId!,
        requestor: "someone@contoso.example",
        creationDateTimeUtc: new Date(Date.now() - 60_000),
        lastUpdateDateTimeUtc: new Date(),
      },
    });
  });
  afterAll(async () => {
    logonUserRefresh.replaceForTests(undefined);
    await database?.close();
    await tenant?.close();
  });

  const get = async (id: string) => callRoute(deviceRoute, { params: { id }, headers: { cookie } });

  it("shows open alerts, logon users fetched from Defender, and a timeline of alerts, actions and sightings", async () => {
    const res = await get(deviceId);
    expect(res.status).toBe(200);
    const device = (await res.json()) as DeviceDetail;
    expect(device.alerts.map((a) => a.id)).toEqual(["da-detail-1"]);
    expect(device.logonUsers.length).toBeGreaterThan(0);
    expect(await database.prisma.deviceLogonUser.count({ where: { deviceId } })).toBe(device.logonUsers.length);
    const kinds = new Set(device.timeline.map((e) => e.kind));
    for (const kind of ["alert", "action", "status", "sync"]) expect(kinds).toContain(kind);
    expect(device.timeline.map((e) => e.title)).toContain("Isolate: Succeeded");
  });

  it("keeps serving the cached users when Defender refuses, and answers 404 for an unknown device", async () => {
    logonUserRefresh.replaceForTests({
      reader: { list: async () => Promise.reject(new Error("403 Forbidden")) },
      fetchedAt: new Map(),
    });
    const cached = await database.prisma.deviceLogonUser.count({ where: { deviceId } });
    const device = (await (await get(deviceId)).json()) as DeviceDetail;
    expect(device.logonUsers).toHaveLength(cached);
    expect((await get("no-such-device")).status).toBe(404);
  });

  it("finds a device by Defender's machine id, which hunting results link to", async () => {
    expect(await deviceIdForMachine(machineId)).toBe(deviceId);
    expect(await deviceIdForMachine("0".repeat(40))).toBeNull();
    expect(await deviceIdForMachine(deviceId)).toBeNull();
  });
});
