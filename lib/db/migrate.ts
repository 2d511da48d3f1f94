import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { parse as parseConnectionString } from "pg-connection-string";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { DatabaseLocation } from "./open";

// Prisma's CLI downloads a native schema engine before any migrate command, which this project cannot do
// offline. Prisma publishes the same engine as WebAssembly; this module drives it through the driver adapters
// the console already uses. The migrations it writes and applies are ordinary Prisma migrations, so a site with
// internet access can still run `prisma migrate deploy` on them (README, "Database").

const ROOT = process.cwd();
export const SCHEMA_PATH = path.join(ROOT, "prisma", "schema.prisma");
export const MIGRATIONS_DIR = path.join(ROOT, "prisma", "migrations");
const FILTERS = { externalTables: [], externalEnums: [] };

let wasmLoaded = false;
function loadEngineWasm(): void {
  if (wasmLoaded) return;
  const require = createRequire(import.meta.url);
  const pkgMain = require.resolve("@prisma/schema-engine-wasm");
  const bytes = readFileSync(path.join(path.dirname(pkgMain), "schema_engine_bg.wasm"));
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
    "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports,
  });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  wasmLoaded = true;
}

let charTypePatched = false;
/**
 * The engine's catalog queries return PostgreSQL's internal `"char"` type (OID 18), which adapter-pg cannot map
 * (pitfall 2). In processes that run migrations, report such columns as text. Applied to pg's Result class so it
 * covers pooled and transaction clients alike; the console's own queries never select `"char"` columns.
 */
function patchPgCharType(): void {
  if (charTypePatched) return;
  const require = createRequire(import.meta.url);
  const Result = require("pg/lib/result.js") as { prototype: { addFields(fields: { dataTypeID: number }[]): void } };
  const original = Result.prototype.addFields;
  Result.prototype.addFields = function (fields) {
    for (const f of fields) if (f.dataTypeID === 18) f.dataTypeID = 25;
    return original.call(this, fields);
  };
  charTypePatched = true;
}

interface MigrationsList {
  baseDir: string;
  lockfile: { path: string; content: string | null };
  shadowDbInitScript: string;
  migrationDirectories: { path: string; migrationFile: { path: string; content: { tag: "ok"; value: string } } }[];
}

/** The migrations in `dir`, in order; with `until`, only those before it (tests of upgrading an older database). */
function readMigrations(dir = MIGRATIONS_DIR, until?: string): MigrationsList {
  const lockPath = path.join(dir, "migration_lock.toml");
  const names = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
        .map((d) => d.name)
        .filter((name) => until === undefined || name < until)
        .sort()
    : [];
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: names.map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok" as const, value: readFileSync(path.join(dir, name, "migration.sql"), "utf8") },
      },
    })),
  };
}

/** adapter-pg's own shadow database ignores `database` and drops it while its pool is open (pitfall 3). */
class PgShadowAwareFactory {
  readonly provider = "postgres" as const;
  readonly adapterName: string;
  private readonly shadowNames: string[] = [];
  constructor(
    private readonly url: string,
    private readonly main: PrismaPg,
  ) {
    this.adapterName = main.adapterName;
  }
  connect() {
    return this.main.connect();
  }
  async connectToShadowDb() {
    // The engine may ask for a shadow database more than once per command; each is dropped afterwards.
    const shadowName = `prisma_migrate_shadow_db_${randomUUID().replaceAll("-", "")}`;
    await this.admin(`CREATE DATABASE "${shadowName}"`);
    this.shadowNames.push(shadowName);
    const fields = parseConnectionString(this.url);
    return new PrismaPg({
      host: fields.host ?? undefined,
      port: fields.port ? Number(fields.port) : undefined,
      user: fields.user ?? undefined,
      password: fields.password ?? undefined,
      database: shadowName,
    }).connect();
  }
  async dropShadow(): Promise<void> {
    for (const name of this.shadowNames.splice(0)) await this.admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
  private async admin(sql: string): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }
}

async function withEngine<T>(
  factory: SqlMigrationAwareDriverAdapterFactory,
  run: (engine: SchemaEngine) => Promise<T>,
  log: (line: string) => void,
): Promise<T> {
  loadEngineWasm();
  patchPgCharType();
  const schemaText = readFileSync(SCHEMA_PATH, "utf8");
  const engine = await bg.SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, schemaText]] },
    (msg: string) => {
      try {
        const parsed = JSON.parse(msg) as { fields?: { message?: string }; level?: string };
        if (parsed.level === "ERROR" || parsed.level === "WARN") log(parsed.fields?.message ?? msg);
      } catch {
        /* the engine logs non-JSON lines too; they carry nothing we act on */
      }
    },
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  try {
    return await run(engine);
  } finally {
    engine.free();
  }
}

export interface MigrationTarget {
  location: DatabaseLocation;
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
}

/**
 * Apply every migration in prisma/migrations that the database has not seen (with `until`: only those named before
 * it). Returns the names applied.
 */
export async function deployMigrations(
  target: MigrationTarget,
  log: (line: string) => void = () => {},
  until?: string,
): Promise<string[]> {
  const result = await withEngine(
    target.adapterFactory,
    (engine) => engine.applyMigrations({ migrationsList: readMigrations(MIGRATIONS_DIR, until), filters: FILTERS }),
    log,
  );
  return result.appliedMigrationNames;
}

/**
 * Developer command: diff the schema against the migration history and write a new migration folder.
 * Applies pending migrations first (a fresh database has no _prisma_migrations table yet: pitfall 1).
 */
export async function createMigration(
  target: MigrationTarget,
  name: string,
  log: (line: string) => void = () => {},
): Promise<{ created: string | null; applied: string[] }> {
  const applied = await deployMigrations(target, log);
  const factory =
    target.location.kind === "postgresql"
      ? new PgShadowAwareFactory(target.location.url, target.adapterFactory as PrismaPg)
      : target.adapterFactory;
  try {
    const out = await withEngine(
      factory,
      async (engine) => {
        const migrationsList = readMigrations();
        const schema = { files: [{ path: SCHEMA_PATH, content: readFileSync(SCHEMA_PATH, "utf8") }] };
        // Same order as `prisma migrate dev`: the diagnostic is what attaches the shadow database.
        const diagnostic = await engine.devDiagnostic({ migrationsList, filters: FILTERS });
        if (diagnostic.action.tag === "reset") {
          throw new Error(
            `The database has drifted from prisma/migrations (${diagnostic.action.reason}). Reset it first.`,
          );
        }
        return engine.createMigration({ draft: false, migrationName: name, migrationsList, schema, filters: FILTERS });
      },
      log,
    );
    if (!out.generatedMigrationName || !out.migrationScript) return { created: null, applied };
    const dir = path.join(MIGRATIONS_DIR, out.generatedMigrationName);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), out.migrationScript);
    const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
    if (!existsSync(lockPath)) {
      writeFileSync(
        lockPath,
        '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
      );
    }
    const nowApplied = await deployMigrations(target, log);
    return { created: out.generatedMigrationName, applied: [...applied, ...nowApplied] };
  } finally {
    if (factory instanceof PgShadowAwareFactory) await factory.dropShadow();
  }
}

export async function migrationStatus(
  target: MigrationTarget,
): Promise<{ pending: string[]; applied: number; total: number }> {
  const list = readMigrations();
  const result = await withEngine(
    target.adapterFactory,
    (engine) =>
      engine.diagnoseMigrationHistory({ migrationsList: list, optInToShadowDatabase: false, filters: FILTERS }),
    () => {},
  );
  const history = result.history;
  const pending = history && "unappliedMigrationNames" in history ? history.unappliedMigrationNames : [];
  return {
    pending,
    applied: list.migrationDirectories.length - pending.length,
    total: list.migrationDirectories.length,
  };
}
