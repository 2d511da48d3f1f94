// npm start [-- --port 3000 --host 0.0.0.0 --build --fresh-db]
// Applies pending migrations, then serves the production build. --build builds first when sources changed.
import { rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { getConfig } from "../lib/config/env";
import { buildConsole, buildIsFresh } from "./lib/build";
import { deployDatabase, startNext } from "./lib/console-server";
import { stopChildrenOnExit, waitForExit } from "./lib/processes";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "3000" },
    host: { type: "string", default: "0.0.0.0" },
    build: { type: "boolean", default: false },
    "fresh-db": { type: "boolean", default: false },
  },
});

/** Tests start from an empty embedded database; only a folder under ./data may be removed this way. */
function removeEmbeddedDatabase() {
  const target = getConfig().database;
  if (target.kind !== "pglite") throw new Error("--fresh-db only applies to the embedded database");
  const dir = path.resolve(target.dataDir);
  if (!dir.startsWith(path.resolve("data") + path.sep)) throw new Error(`--fresh-db refuses to remove ${dir}`);
  rmSync(dir, { recursive: true, force: true });
}

async function main() {
  stopChildrenOnExit();
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  if (values.build && !buildIsFresh()) await buildConsole(env);
  if (values["fresh-db"]) removeEmbeddedDatabase();
  await deployDatabase();
  const server = await startNext({ port: Number(values.port), host: values.host, env });
  console.error(`Console ready on http://${values.host === "0.0.0.0" ? "localhost" : values.host}:${values.port}`);
  process.exit(await waitForExit(server));
}

main().catch((error: unknown) => {
  console.error(`start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
