import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EMBEDDED_POSTGRES_MAJOR, EmbeddedDatabaseVersionMismatch, openDatabase } from "./open";

// The embedded data folder: a fresh one is written by the PostgreSQL major the console says it embeds, and a
// folder from another major is refused with a message that names the cause and deletes nothing.

const root = mkdtempSync(path.join(tmpdir(), "soc-open-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("the embedded database folder", () => {
  it("is written by the PostgreSQL major the console declares", async () => {
    const dataDir = path.join(root, "fresh");
    const database = openDatabase({ kind: "pglite", dataDir });
    await database.prisma.$queryRawUnsafe("SELECT 1");
    await database.close();
    expect(readFileSync(path.join(dataDir, "PG_VERSION"), "utf8").trim()).toBe(String(EMBEDDED_POSTGRES_MAJOR));
  });

  it("refuses a folder from another PostgreSQL major, naming it, and leaves the folder alone", () => {
    const dataDir = path.join(root, "old");
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, "PG_VERSION"), "17\n");
    expect(() => openDatabase({ kind: "pglite", dataDir })).toThrow(EmbeddedDatabaseVersionMismatch);
    expect(() => openDatabase({ kind: "pglite", dataDir })).toThrow(/written by PostgreSQL 17.*embeds PostgreSQL 18/);
    expect(readFileSync(path.join(dataDir, "PG_VERSION"), "utf8")).toBe("17\n");
  });
});
