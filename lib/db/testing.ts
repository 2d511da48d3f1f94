import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import pg from "pg";
import { readTestEnv } from "../config/env";
import { openDatabase, type OpenDatabase } from "./open";
import { deployMigrations, MIGRATIONS_DIR } from "./migrate";
import { tenantScope } from "../cache/tenant";

// Integration tests run against a real, migrated database: an in-memory PGlite and a PostgreSQL database created
// for the run and dropped after it. Prisma is never mocked.
//
// Migrating costs seconds per database (PGlite's initdb plus the schema engine), and the suite creates about sixty.
// So each kind is migrated once into a template named by a hash of prisma/migrations, and test databases are
// copies: PostgreSQL's CREATE DATABASE … TEMPLATE, and PGlite's dumpDataDir/loadDataDir. A changed migration
// changes the hash, so a template is never stale.

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

/** A short hash of every migration's name and SQL: the identity of a migrated template. */
function migrationsHash(): string {
  const hash = createHash("sha256");
  for (const name of readdirSync(MIGRATIONS_DIR).sort()) {
    const file = path.join(MIGRATIONS_DIR, name, "migration.sql");
    if (existsSync(file)) hash.update(name).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

let pgliteTemplate: Promise<Blob> | undefined;

/**
 * The migrated PGlite cluster as a dump, shared by the test workers through a file in the temp folder (written
 * under a temporary name and renamed, so a reader never sees half of it).
 */
function migratedPgliteDump(): Promise<Blob> {
  pgliteTemplate ??= (async () => {
    const file = path.join(os.tmpdir(), `soc-test-pglite-${migrationsHash()}.tar`);
    if (existsSync(file)) return new Blob([readFileSync(file)]);
    const pglite = new PGlite();
    try {
      await deployMigrations({ location: { kind: "pglite-memory" }, adapterFactory: new PrismaPGlite(pglite) });
      const dump = await pglite.dumpDataDir("none");
      const partial = `${file}.${process.pid}.${randomBytes(3).toString("hex")}`;
      writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
      renameSync(partial, file);
      return dump;
    } finally {
      await pglite.close();
    }
  })();
  return pgliteTemplate;
}

let postgresTemplate: Promise<string> | undefined;

/**
 * The name of a migrated PostgreSQL template database, built once per migration set. Workers race to build it;
 * an advisory lock lets one build while the others wait, and the build happens under a temporary name renamed
 * at the end, so a killed run leaves no half-migrated template behind.
 */
function migratedPostgresTemplate(): Promise<string> {
  postgresTemplate ??= (async () => {
    const name = `soc_test_template_${migrationsHash()}`;
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    try {
      await admin.query("SELECT pg_advisory_lock(hashtext('soc_test_template'))");
      const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
      if (exists.rowCount) return name;
      const building = `soc_test_building_${randomBytes(4).toString("hex")}`;
      await admin.query(`CREATE DATABASE "${building}"`);
      const url = new URL(adminUrl());
      url.pathname = `/${building}`;
      const location = { kind: "postgresql" as const, url: url.toString() };
      const database = openDatabase(location);
      try {
        await deployMigrations({ location, adapterFactory: database.adapterFactory });
      } catch (error) {
        await database.close();
        await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
        throw error;
      }
      await database.close();
      await admin.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
      return name;
    } finally {
      await admin.end();
    }
  })();
  return postgresTemplate;
}

/**
 * A freshly migrated, empty database of the given kind (with `until`: migrated only up to the migration before it,
 * as an older console left it). close() drops a PostgreSQL one.
 */
export async function createTestDatabase(kind: TestDatabaseKind, until?: string): Promise<TestDatabase> {
  if (kind === "pglite") {
    if (until === undefined) {
      return {
        ...openDatabase({ kind: "pglite-memory", loadDataDir: await migratedPgliteDump() }),
        name: "pglite:memory",
      };
    }
    const database = openDatabase({ kind: "pglite-memory" });
    await deployMigrations(
      { location: { kind: "pglite-memory" }, adapterFactory: database.adapterFactory },
      () => {},
      until,
    );
    return { ...database, name: "pglite:memory" };
  }
  const name = `soc_test_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const template = until === undefined ? await migratedPostgresTemplate() : null;
  await adminQuery(template ? `CREATE DATABASE "${name}" TEMPLATE "${template}"` : `CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  // Tests need no crash durability: a commit need not wait for its WAL to reach the disk.
  url.searchParams.set("options", "-c synchronous_commit=off");
  const location = { kind: "postgresql" as const, url: url.toString() };
  const database = openDatabase(location);
  if (!template) {
    try {
      await deployMigrations({ location, adapterFactory: database.adapterFactory }, () => {}, until);
    } catch (error) {
      await database.close();
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      throw error;
    }
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
