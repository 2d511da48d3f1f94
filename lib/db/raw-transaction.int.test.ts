import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableTestDatabases, createTestDatabase, type TestDatabase } from "./testing";
import { inRawTransaction } from "./raw-transaction";

// The sync writes each page through the driver, in one transaction: a page whose second statement fails must leave
// nothing of its first behind (the watermark only moves after a committed page).

const kinds = await availableTestDatabases();

describe.each(kinds)("a raw transaction on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.close();
  });

  const insert = `INSERT INTO "Setting" ("key", "value", "updatedBy", "updatedAt") VALUES ($1, 'true'::jsonb, 'test', now())`;

  it("commits every statement of its work", async () => {
    await inRawTransaction(database.prisma, async (execute) => {
      await execute(insert, "kept-1");
      await execute(insert, "kept-2");
    });
    expect(await database.prisma.setting.count({ where: { key: { startsWith: "kept-" } } })).toBe(2);
  });

  it("rolls back the statements before one that fails", async () => {
    await expect(
      inRawTransaction(database.prisma, async (execute) => {
        await execute(insert, "rolled-back");
        await execute(insert, "rolled-back"); // duplicate key
      }),
    ).rejects.toThrow();
    expect(await database.prisma.setting.count({ where: { key: "rolled-back" } })).toBe(0);
    // The connection is usable afterwards.
    await inRawTransaction(database.prisma, (execute) => execute(insert, "after"));
    expect(await database.prisma.setting.count({ where: { key: "after" } })).toBe(1);
  });
});
