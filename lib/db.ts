import { getConfig } from "./config/env";
import { openDatabase, type OpenDatabase } from "./db/open";
import type { PrismaClient } from "./generated/prisma/client";
import { processSingleton } from "./process-singleton";

export type { PrismaClient } from "./generated/prisma/client";
export { Prisma } from "./generated/prisma/client";

/**
 * One database per process: a second open of the PGlite data folder (a dev-mode reload, another server chunk)
 * would corrupt it. Integration tests point the domain layer at their own migrated database (replaceForTests).
 */
export const getDatabase = processSingleton("database", (): OpenDatabase => openDatabase(getConfig().database));

export function db(): PrismaClient {
  return getDatabase().prisma;
}
