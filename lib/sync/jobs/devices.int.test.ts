import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SLA_MINUTES } from "../../cache/alert-priority";
import { availableTestDatabases, createTestDatabase, type TestDatabase, ofTenant } from "../../db/testing";
import type { SourceManagedDevice } from "../../cache/source-types";
import type { SyncSources } from "../source-types";
import type { JobContext } from "../types";
import { syncIntuneDevices } from "./devices";
import { tenantScope } from "../../cache/tenant";

// Entra device ids repeat in real tenants: a re-imaged machine is onboarded again under a new Defender id and keeps
// its Entra id, and the old machine lingers. Linking an Intune record by Entra id must then pick one row, not fail
// the whole page on the unique Intune id, and must not lose the record.

const kinds = await availableTestDatabases();

function contextFor(database: TestDatabase, page: SourceManagedDevice[]): JobContext {
  const sources = {
    async *managedDevicePages() {
      yield { items: page, skipped: [] };
    },
  } as unknown as SyncSources;
  return {
    db: database.prisma,
    sources,
    mode: "incremental",
    watermark: new Date("2026-11-01T00:00:00Z"),
    lastSuccessAt: null,
    runStartedAt: new Date("2026-11-26T12:00:00Z"),
    overlapMs: 0,
    rules: [],
    sla: DEFAULT_SLA_MINUTES,
    heartbeat: async () => {},
  };
}

const intune = (id: string, aad: string): SourceManagedDevice => ({
  id,
  deviceName: id,
  operatingSystem: "Windows",
  azureADDeviceId: aad,
  lastSyncDateTime: "2026-11-26T11:00:00Z",
});

describe.each(kinds)("linking Intune records by Entra id on %s", (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await database.prisma.device.createMany({
      data: ofTenant([
        { mdeMachineId: "m-old", aadDeviceId: "aad-shared", name: "pc-1", platform: "Windows", inMde: true },
        { mdeMachineId: "m-new", aadDeviceId: "aad-shared", name: "pc-1", platform: "Windows", inMde: true },
        { mdeMachineId: "m-solo", aadDeviceId: "aad-solo", name: "pc-2", platform: "Windows", inMde: true },
      ]),
    });
  });
  afterAll(async () => {
    await database?.close();
  });

  it("attaches each record to one device, and keeps a second record with the same Entra id as its own row", async () => {
    const result = await syncIntuneDevices(
      contextFor(database, [intune("i-1", "aad-shared"), intune("i-2", "aad-solo"), intune("i-3", "aad-solo")]),
    );
    expect(result.upserted).toBe(3);

    const devices = await database.prisma.device.findMany({
      select: { mdeMachineId: true, intuneDeviceId: true },
      orderBy: [{ mdeMachineId: "asc" }, { intuneDeviceId: "asc" }],
    });
    const shared = devices.filter((d) => d.mdeMachineId === "m-old" || d.mdeMachineId === "m-new");
    expect(shared.filter((d) => d.intuneDeviceId === "i-1")).toHaveLength(1);
    expect(
      devices
        .filter((d) => d.intuneDeviceId !== null)
        .map((d) => d.intuneDeviceId)
        .sort(),
    ).toEqual(["i-1", "i-2", "i-3"]);
    // The Intune-only copy of the solo device is a row of its own; nothing was deleted.
    expect(devices).toHaveLength(4);
    expect(devices.find((d) => d.mdeMachineId === "m-solo")?.intuneDeviceId).toMatch(/^i-[23]$/);
  });
});

describe.each(kinds)("the OS of a device on %s", (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await database.prisma.device.create({
      data: {
        ...tenantScope(),
        mdeMachineId: "m-1",
        aadDeviceId: "aad-1",
        name: "pc-1.contoso.example",
        platform: "Windows",
        osPlatform: "Windows11",
        osVersion: null,
        inMde: true,
      },
    });
  });
  afterAll(async () => {
    await database?.close();
  });

  it("comes from Intune for a device only Intune knows, and stays Defender's for one both know", async () => {
    await syncIntuneDevices(
      contextFor(database, [
        { ...intune("i-1", "aad-1"), osVersion: "10.0.22631.2428" },
        { ...intune("i-2", "aad-2"), operatingSystem: "iOS", osVersion: "17.5.1" },
      ]),
    );
    const rows = await database.prisma.device.findMany({
      select: { intuneDeviceId: true, osPlatform: true, osVersion: true },
      orderBy: { intuneDeviceId: "asc" },
    });
    expect(rows).toEqual([
      { intuneDeviceId: "i-1", osPlatform: "Windows11", osVersion: null },
      { intuneDeviceId: "i-2", osPlatform: "iOS", osVersion: "17.5.1" },
    ]);
  });
});
