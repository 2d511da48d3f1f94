import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../generated/prisma/client";
import type { DatabaseTarget } from "../config/env";

/** Where a database lives: the configured target, or a throwaway in-memory PGlite (tests). */
export type DatabaseLocation = DatabaseTarget | { kind: "pglite-memory" };

export interface OpenDatabase {
  prisma: PrismaClient;
  /** The adapter factory, for the schema engine (migrations). */
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  kind: "postgresql" | "pglite";
  close(): Promise<void>;
}

export function openDatabase(location: DatabaseLocation): OpenDatabase {
  if (location.kind === "postgresql") {
    const adapterFactory = new PrismaPg({ connectionString: location.url, max: 10 });
    const prisma = new PrismaClient({ adapter: adapterFactory });
    return { prisma, adapterFactory, kind: "postgresql", close: () => prisma.$disconnect() };
  }
  let pglite: PGlite;
  if (location.kind === "pglite") {
    const dataDir = path.resolve(location.dataDir);
    // PGlite needs the parent folder to exist (shared/recipes/prisma-offline.md, pitfall 5).
    mkdirSync(path.dirname(dataDir), { recursive: true });
    pglite = new PGlite(dataDir);
  } else {
    pglite = new PGlite();
  }
  const adapterFactory = new PrismaPGlite(pglite);
  const prisma = new PrismaClient({ adapter: adapterFactory });
  return {
    prisma,
    adapterFactory,
    kind: "pglite",
    // The adapter's dispose does not close PGlite; without this the process lingers and the next open
    // has to recover from the WAL (pitfall 5).
    close: async () => {
      await prisma.$disconnect();
      if (!pglite.closed) await pglite.close();
    },
  };
}
