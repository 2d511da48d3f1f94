import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableTestDatabases, createTestDatabase, type TestDatabase, ofTenant } from "../db/testing";
import { deriveResponseStates } from "../cache/derivations";
import { tenantScope } from "../cache/tenant";

// A device's isolation and app restriction follow the latest Succeeded action of each pair; anything else
// (pending, failed, other types) leaves the state as it was.

const kinds = await availableTestDatabases();
const at = (minute: number) => new Date(Date.UTC(2026, 10, 26, 10, minute));

describe.each(kinds)("response states on %s", (kind) => {
  let database: TestDatabase;
  const state = async (machine: string) =>
    database.prisma.device.findUniqueOrThrow({
      where: { tenantId_mdeMachineId: { ...tenantScope(), mdeMachineId: machine } },
      select: { isolationState: true, restrictionState: true },
    });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await database.prisma.device.createMany({
      data: ofTenant([
        { mdeMachineId: "m-released", name: "released", platform: "Windows", inMde: true },
        { mdeMachineId: "m-isolated", name: "isolated", platform: "Windows", inMde: true },
        {
          mdeMachineId: "m-restricted",
          name: "restricted",
          platform: "Windows",
          inMde: true,
          isolationState: "Isolated",
        },
        {
          mdeMachineId: "m-untouched",
          name: "untouched",
          platform: "Windows",
          inMde: true,
          isolationState: "Isolated",
          restrictionState: "Restricted",
        },
      ]),
    });
    const action = (id: string, machineId: string, type: string, status: string, minute: number) => ({
      id,
      machineId,
      type,
      status,
      creationDateTimeUtc: at(minute),
      lastUpdateDateTimeUtc: at(minute + 1),
    });
    await database.prisma.machineAction.createMany({
      data: ofTenant([
        action("a1", "m-released", "Isolate", "Succeeded", 0),
        action("a2", "m-released", "Unisolate", "Succeeded", 10),
        action("a3", "m-isolated", "Isolate", "Succeeded", 0),
        action("a4", "m-isolated", "Unisolate", "Failed", 10),
        action("a5", "m-isolated", "RestrictCodeExecution", "Pending", 12),
        action("a6", "m-restricted", "RestrictCodeExecution", "Succeeded", 5),
        action("a7", "m-untouched", "RunAntiVirusScan", "Succeeded", 5),
      ]),
    });
  });
  afterAll(async () => {
    await database?.close();
  });

  it("takes the latest Succeeded action of each pair for every device", async () => {
    await deriveResponseStates(database.prisma);
    expect(await state("m-released")).toEqual({ isolationState: "NotIsolated", restrictionState: "NotRestricted" });
    expect(await state("m-isolated")).toEqual({ isolationState: "Isolated", restrictionState: "NotRestricted" });
    expect(await state("m-restricted")).toEqual({ isolationState: "Isolated", restrictionState: "Restricted" });
    expect(await state("m-untouched")).toEqual({ isolationState: "Isolated", restrictionState: "Restricted" });
  });

  it("narrows to one machine when asked", async () => {
    await database.prisma.machineAction.create({
      data: {
        ...tenantScope(),
        id: "a8",
        machineId: "m-isolated",
        type: "Unisolate",
        status: "Succeeded",
        creationDateTimeUtc: at(20),
      },
    });
    await database.prisma.machineAction.create({
      data: {
        ...tenantScope(),
        id: "a9",
        machineId: "m-restricted",
        type: "UnrestrictCodeExecution",
        status: "Succeeded",
        creationDateTimeUtc: at(20),
      },
    });
    await deriveResponseStates(database.prisma, "m-isolated");
    expect((await state("m-isolated")).isolationState).toBe("NotIsolated");
    expect((await state("m-restricted")).restrictionState).toBe("Restricted");
  });
});
