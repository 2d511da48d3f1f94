// The e2e environment: the simulated tenant plus a production console on a fresh embedded database, wired
// together exactly as the demo is. Writes the tenant's ready line to test-results/e2e-tenant.json for the tests.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { buildConsole, buildIsFresh } from "./lib/build";
import { deployDatabase, startNext } from "./lib/console-server";
import { consoleEnvFor, startEmulatorProcess } from "./lib/emulator-process";
import { sinkEnv, startNotificationSink } from "./lib/notification-sink";
import { run, stopChildrenOnExit, waitForExit } from "./lib/processes";

const { values } = parseArgs({
  options: { port: { type: "string", default: "3210" }, "emulator-port": { type: "string", default: "4610" } },
});

async function main() {
  stopChildrenOnExit();
  const port = Number(values.port);
  const dataDir = "./data/e2e/pglite";
  rmSync("./data/e2e", { recursive: true, force: true });
  const emulator = await startEmulatorProcess([
    "--port",
    values["emulator-port"],
    "--seed",
    "e2e",
    "--devices",
    "60",
    "--alerts",
    "300",
    "--action-ms",
    "1500",
  ]);
  const sink = await startNotificationSink();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...consoleEnvFor(emulator.ready),
    ...sinkEnv(sink),
    NEXT_TELEMETRY_DISABLED: "1",
    CONSOLE_MODE: "demo",
    CONSOLE_URL: `http://127.0.0.1:${port}`,
    PGLITE_DIR: dataDir,
    DATABASE_URL: "",
  };
  Object.assign(process.env, env);
  mkdirSync("test-results", { recursive: true });
  writeFileSync(
    "test-results/e2e-tenant.json",
    JSON.stringify({ ...emulator.ready, consoleUrl: env.CONSOLE_URL, sinkUrl: sink.url }, null, 2),
  );
  if (!buildIsFresh()) await buildConsole(env);
  await deployDatabase();
  // The same first sync as the demo (real clients and engine), with 35 days of score history.
  const seeded = await run(
    process.execPath,
    ["--import", "tsx", "scripts/demo-seed.ts", "--emulator", emulator.ready.baseUrl, "--history-days", "35"],
    { env },
  );
  if (seeded !== 0) throw new Error("the first sync of the e2e tenant failed");
  const server = await startNext({ port, host: "127.0.0.1", env });
  console.error(`e2e console ready on ${env.CONSOLE_URL}`);
  process.exit(await waitForExit(server));
}

main().catch((error: unknown) => {
  console.error(`e2e-server: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
