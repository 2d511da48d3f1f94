import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { processSingleton } from "../process-singleton";

// The sync writes each page as a few statements carrying one multi-megabyte JSON parameter. Prisma's raw queries
// pass every parameter through JSON.stringify and JSON.parse on the way to the driver, which cost about a fifth of
// the sync's CPU at bench scale; these statements go to the driver directly, in the driver's own transaction.

/** A statement parameter. Dates are passed as ISO strings, so no driver converts them to local time. */
export type SqlParam = string | number | boolean | null;

/** Runs one statement inside the transaction; resolves to the number of rows it inserted, updated or deleted. */
export type SqlExecutor = (sql: string, ...params: SqlParam[]) => Promise<number>;

export interface RawTransactions {
  run<T>(work: (execute: SqlExecutor) => Promise<T>): Promise<T>;
  /** PGlite has one connection: statements from concurrent tasks queue behind one another. */
  singleConnection: boolean;
}

// On globalThis: Next.js bundles server code into several chunks, each with its own copy of this module, and a
// client registered by one copy (where the database was opened) must be found by the others (the sync's).
const byClient = processSingleton("rawTransactions", () => new WeakMap<PrismaClient, RawTransactions>());

export function registerRawTransactions(prisma: PrismaClient, raw: RawTransactions): void {
  byClient().set(prisma, raw);
}

/** Whether the database behind `prisma` runs one statement at a time (embedded PGlite). */
export function hasSingleConnection(prisma: PrismaClient): boolean {
  return byClient().get(prisma)?.singleConnection ?? false;
}

/** Runs `work` in one transaction on the database behind `prisma`: all of its statements commit, or none do. */
export function inRawTransaction<T>(prisma: PrismaClient, work: (execute: SqlExecutor) => Promise<T>): Promise<T> {
  const raw = byClient().get(prisma);
  // Every client is made by openDatabase, which registers it; another would bypass the driver-level writes.
  if (!raw) throw new Error("inRawTransaction: this Prisma client was not opened by openDatabase");
  return raw.run(work);
}

/** The same statements inside a Prisma transaction, for code that already holds one. */
export function prismaExecutor(tx: Pick<Prisma.TransactionClient, "$executeRawUnsafe">): SqlExecutor {
  return (sql, ...params) => tx.$executeRawUnsafe(sql, ...params);
}

export function postgresRawTransactions(pool: pg.Pool): RawTransactions {
  return {
    singleConnection: false,
    async run(work) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query("BEGIN");
        const result = await work(async (sql, ...params) => (await client.query(sql, params)).rowCount ?? 0);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        // A connection that cannot even roll back is dropped from the pool rather than reused mid-transaction.
        await client.query("ROLLBACK").catch((rollbackError: unknown) => {
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        });
        throw error;
      } finally {
        client.release(broken);
      }
    },
  };
}

export function pgliteRawTransactions(pglite: PGlite): RawTransactions {
  // PGlite has one connection: its transaction() holds the same lock Prisma's PGlite adapter takes, so the two
  // never interleave statements.
  return {
    singleConnection: true,
    run: (work) =>
      pglite.transaction((tx) => work(async (sql, ...params) => (await tx.query(sql, params)).affectedRows ?? 0)),
  };
}
