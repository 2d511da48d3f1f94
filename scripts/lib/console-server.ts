import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ChildProcess } from "node:child_process";
import { getConfig } from "../../lib/config/env";
import { openDatabase } from "../../lib/db/open";
import { deployMigrations } from "../../lib/db/migrate";
import { claimUntenantedRows } from "../../lib/cache/tenant";
import { spawnGroup, waitForHttp } from "./processes";

/**
 * Apply pending migrations with a short-lived connection (PGlite allows one owner, and next start is next), then
 * give rows cached before the cache was tenant-scoped to the configured tenant.
 */
export async function deployDatabase(): Promise<void> {
  const location = getConfig().database;
  const database = openDatabase(location);
  try {
    const applied = await deployMigrations({ location, adapterFactory: database.adapterFactory }, (l) =>
      console.error(`  migrate: ${l}`),
    );
    if (applied.length) console.error(`Applied migrations: ${applied.join(", ")}`);
    const claimed = await claimUntenantedRows(database.prisma);
    if (claimed)
      console.error(`Assigned ${claimed} cached row(s) from before tenant scoping to the configured tenant.`);
  } finally {
    await database.close();
  }
}

export async function startNext(opts: { port: number; host: string; env: NodeJS.ProcessEnv }): Promise<ChildProcess> {
  const child = spawnGroup(
    process.execPath,
    // The preload records each request's TCP peer (lib/auth/route.ts trusts only that, or configured proxies).
    [
      "--import",
      pathToFileURL(path.resolve("scripts/lib/peer-address.mjs")).href,
      "node_modules/next/dist/bin/next",
      "start",
      "-p",
      String(opts.port),
      "-H",
      opts.host,
    ],
    { env: opts.env },
  );
  await waitForHttp(`http://${opts.host}:${opts.port}/api/health`, 60_000);
  return child;
}
