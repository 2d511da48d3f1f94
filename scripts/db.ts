// npm run db:deploy | db:migrate -- <name> | db:status
// Drives Prisma's WebAssembly schema engine (lib/db/migrate.ts), so it works without Prisma's binary host.
import { getConfig } from "../lib/config/env";
import { openDatabase } from "../lib/db/open";
import { createMigration, deployMigrations, migrationStatus } from "../lib/db/migrate";
import { claimUntenantedRows } from "../lib/cache/tenant";

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  const location = getConfig().database;
  const database = openDatabase(location);
  const target = { location, adapterFactory: database.adapterFactory };
  const where = location.kind === "postgresql" ? "PostgreSQL" : `PGlite (${location.dataDir})`;
  const log = (line: string) => console.error(`  engine: ${line}`);
  try {
    if (command === "deploy") {
      const applied = await deployMigrations(target, log);
      console.log(
        applied.length
          ? `Applied ${applied.length} migration(s) to ${where}: ${applied.join(", ")}`
          : `${where} is up to date.`,
      );
      // Rows cached before the cache was tenant-scoped belong to the tenant configured now (lib/cache/tenant.ts).
      const claimed = await claimUntenantedRows(database.prisma);
      if (claimed) console.log(`Assigned ${claimed} row(s) from before tenant scoping to the configured tenant.`);
      return 0;
    }
    if (command === "migrate") {
      const name = rest.find((a) => !a.startsWith("-")) ?? "change";
      if (!/^[a-z0-9_]+$/.test(name)) {
        console.error("Migration name must be lower_snake_case, e.g. npm run db:migrate -- add_remediation_requests");
        return 2;
      }
      const { created } = await createMigration(target, name, log);
      console.log(
        created
          ? `Created and applied prisma/migrations/${created}`
          : "Schema and migrations agree: nothing to create.",
      );
      return 0;
    }
    if (command === "status") {
      const s = await migrationStatus(target);
      console.log(
        `${where}: ${s.applied}/${s.total} migrations applied${s.pending.length ? `; pending: ${s.pending.join(", ")}` : ""}`,
      );
      return s.pending.length ? 1 : 0;
    }
    console.error("usage: tsx scripts/db.ts deploy | migrate <name> | status");
    return 2;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`db: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
