import net from "node:net";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { readTestEnv } from "../config/env";
import { openDatabase, type OpenDatabase } from "./open";
import { deployMigrations } from "./migrate";
import { tenantScope } from "../cache/tenant";

// Integration tests run against a real, migrated database: an in-memory PGlite and a PostgreSQL database created
// for the run and dropped after it. Prisma is never mocked.

export type TestDatabaseKind = "pglite" | "postgresql";

export interface TestDatabase extends OpenDatabase {
  name: string;
  /** postgresql:// URL of the database (PostgreSQL only), e.g. for CLIs run as child processes. */
  url?: string;
}

const DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

function adminUrl(): string {
  return readTestEnv().databaseUrlTest ?? DEFAULT_ADMIN_URL;
}

function portAnswers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(1000);
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
    socket.once("error", () => resolve(false));
  });
}

/**
 * Which databases this run can test. PostgreSQL is skipped (with a visible message) only when DATABASE_URL_TEST is
 * unset and nothing answers on 127.0.0.1:5432; in CI it is required.
 */
export async function availableTestDatabases(): Promise<TestDatabaseKind[]> {
  const env = readTestEnv();
  if (env.databaseUrlTest || (await portAnswers("127.0.0.1", 5432))) return ["pglite", "postgresql"];
  if (env.ci)
    throw new Error("PostgreSQL is required in CI: set DATABASE_URL_TEST or start a server on 127.0.0.1:5432");
  console.warn("\n⚠ PostgreSQL tests SKIPPED: DATABASE_URL_TEST is unset and nothing answers on 127.0.0.1:5432\n");
  return ["pglite"];
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A freshly migrated, empty database of the given kind (with `until`: migrated only up to the migration before it,
 * as an older console left it). close() drops a PostgreSQL one.
 */
export async function createTestDatabase(kind: TestDatabaseKind, until?: string): Promise<TestDatabase> {
  if (kind === "pglite") {
    const database = openDatabase({ kind: "pglite-memory" });
    await deployMigrations(
      { location: { kind: "pglite-memory" }, adapterFactory: database.adapterFactory },
      () => {},
      until,
    );
    return { ...database, name: "pglite:memory" };
  }
  const name = `soc_test_${Date.now()}_${randomBytes(3).toString("hex")}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  const location = { kind: "postgresql" as const, url: url.toString() };
  const database = openDatabase(location);
  try {
    await deployMigrations({ location, adapterFactory: database.adapterFactory }, () => {}, until);
  } catch (error) {
    await database.close();
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    throw error;
  }
  return {
    ...database,
    name,
    url: location.url,
    close: async () => {
      await database.close();
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/** Test rows of the tenant the cache serves (lib/cache/tenant.ts), for a fixture's `createMany`. */
export function ofTenant<Row extends object>(rows: Row[]): (Row & { tenantId: string })[] {
  return rows.map((row) => ({ ...tenantScope(), ...row }));
}
