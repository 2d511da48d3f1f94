import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client";
import type { DatabaseTarget } from "../config/env";
import { logger } from "../log";
import { pgliteRawTransactions, postgresRawTransactions, registerRawTransactions } from "./raw-transaction";

/** Where a database lives: the configured target, or a throwaway in-memory PGlite (tests). */
export type DatabaseLocation =
  | DatabaseTarget
  /** `loadDataDir`: start from a dump (PGlite's dumpDataDir) instead of an empty cluster, e.g. a migrated template. */
  | { kind: "pglite-memory"; loadDataDir?: Blob };

export interface OpenDatabase {
  prisma: PrismaClient;
  /** The adapter factory, for the schema engine (migrations). */
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  kind: "postgresql" | "pglite";
  close(): Promise<void>;
}

export function openDatabase(location: DatabaseLocation): OpenDatabase {
  if (location.kind === "postgresql") {
    // One pool for Prisma and for the sync's direct bulk writes (raw-transaction.ts).
    const pool = new pg.Pool({ connectionString: location.url, max: 10 });
    // An idle pooled connection that the server ends (a restart, a failover, pg_terminate_backend) is reported as
    // an 'error' event on the pool, which without a listener ends the whole process. The pool drops that client
    // and opens a new one on the next query, so a warning is all it needs ("node-postgres: Pooling", Pool events).
    pool.on("error", (error) => logger.warn("database connection closed by the server", { error: error.message }));
    const adapterFactory = new PrismaPg(pool);
    const prisma = new PrismaClient({ adapter: adapterFactory });
    registerRawTransactions(prisma, postgresRawTransactions(pool));
    return {
      prisma,
      adapterFactory,
      kind: "postgresql",
      close: async () => {
        await prisma.$disconnect();
        if (!pool.ended) await pool.end();
      },
    };
  }
  let pglite: PGlite;
  if (location.kind === "pglite") {
    const dataDir = path.resolve(location.dataDir);
    // PGlite creates its data folder but not the folders above it.
    mkdirSync(path.dirname(dataDir), { recursive: true });
    refuseOtherMajorVersion(dataDir);
    claimOwnership(dataDir);
    pglite = new PGlite(dataDir);
  } else {
    pglite = new PGlite(location.loadDataDir ? { loadDataDir: location.loadDataDir } : undefined);
  }
  const adapterFactory = new PrismaPGlite(pglite);
  const prisma = new PrismaClient({ adapter: adapterFactory });
  registerRawTransactions(prisma, pgliteRawTransactions(pglite));
  return {
    prisma,
    adapterFactory,
    kind: "pglite",
    // The adapter's dispose does not close PGlite; without this the process lingers and the next open
    // has to recover from the WAL (pitfall 5).
    close: async () => {
      await prisma.$disconnect();
      if (!pglite.closed) await pglite.close();
      if (location.kind === "pglite") releaseOwnership(path.resolve(location.dataDir));
    },
  };
}

/** The PostgreSQL major version of the embedded engine (@electric-sql/pglite 0.5.x); checked by a test. */
export const EMBEDDED_POSTGRES_MAJOR = 18;

export class EmbeddedDatabaseVersionMismatch extends Error {
  constructor(dataDir: string, found: string) {
    super(
      `The embedded database ${dataDir} was written by PostgreSQL ${found}; this console embeds PostgreSQL ` +
        `${EMBEDDED_POSTGRES_MAJOR}, which cannot open it. The folder holds the sync cache (refilled by the next sync) and the ` +
        "console's own state (audit log, API tokens, saved views, settings): export the audit log with the previous " +
        `version if you need it, then move the folder aside (mv ${dataDir} ${dataDir}-pg${found}) and start again.`,
    );
    this.name = "EmbeddedDatabaseVersionMismatch";
  }
}

// PGlite 0.4 (PostgreSQL 17) fails to start on a PostgreSQL 18 folder and the reverse with only "PGlite failed to
// initialize properly"; name the cause before PGlite tries. Nothing is deleted on the person's behalf.
function refuseOtherMajorVersion(dataDir: string): void {
  const versionFile = path.join(dataDir, "PG_VERSION");
  if (!existsSync(versionFile)) return;
  const found = readFileSync(versionFile, "utf8").trim();
  if (found !== String(EMBEDDED_POSTGRES_MAJOR)) throw new EmbeddedDatabaseVersionMismatch(dataDir, found);
}

// PGlite is single-process: two processes on one data folder are unsafe (recipe pitfall 6). The owner writes its
// pid next to the folder; another process refuses to open it while that pid is alive.
export class DatabaseInUse extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database ${dataDir} is in use by process ${pid} (is the console running?). ` +
        "Stop it first, use the console's own controls, or run against PostgreSQL (DATABASE_URL).",
    );
    this.name = "DatabaseInUse";
  }
}

function lockPath(dataDir: string): string {
  return `${dataDir}.owner`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function claimOwnership(dataDir: string): void {
  let owner: number | null = null;
  try {
    owner = Number(readFileSync(lockPath(dataDir), "utf8").trim()) || null;
  } catch {
    /* no owner file: free */
  }
  if (owner && owner !== process.pid && isAlive(owner)) throw new DatabaseInUse(dataDir, owner);
  writeFileSync(lockPath(dataDir), String(process.pid));
  process.once("exit", () => releaseOwnership(dataDir));
}

function releaseOwnership(dataDir: string): void {
  try {
    if (Number(readFileSync(lockPath(dataDir), "utf8").trim()) === process.pid) rmSync(lockPath(dataDir));
  } catch {
    /* already released */
  }
}
