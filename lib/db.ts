import { getConfig } from "./config/env";
import { openDatabase, type OpenDatabase } from "./db/open";
import type { PrismaClient } from "./generated/prisma/client";

export type { PrismaClient } from "./generated/prisma/client";
export { Prisma } from "./generated/prisma/client";

// One client per process. The globalThis slot survives dev-mode module reloads, which would otherwise open
// the PGlite data folder twice.
const slot = globalThis as unknown as { __socDb?: OpenDatabase };

export function getDatabase(): OpenDatabase {
  slot.__socDb ??= openDatabase(getConfig().database);
  return slot.__socDb;
}

export function db(): PrismaClient {
  return getDatabase().prisma;
}

/** Integration tests point the domain layer at their own migrated database. */
export function useDatabaseForTests(database: OpenDatabase): void {
  slot.__socDb = database;
}
