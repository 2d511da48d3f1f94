// The e2e environment: simulated tenants, each with a production console on a fresh embedded database of its own,
// wired together exactly as the demo is. Playwright runs one project per tenant, one worker each, so the specs of
// different projects run side by side without seeing each other's triage, settings or emulator faults.
// Tenant i listens on --port + i (its emulator on --emulator-port + i) and writes its ready line to
// test-results/e2e-tenant-<console port>.json for the tests (e2e/fixtures.ts).
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { ChildProcess } from "node:child_process";
import { buildConsole, buildIsFresh } from "./lib/build";
import { startNext } from "./lib/console-server";
import { e2eTenantFile } from "./lib/e2e-tenant-file";
import { consoleEnvFor, startEmulatorProcess } from "./lib/emulator-process";
import { sinkEnv, startNotificationSink } from "./lib/notification-sink";
import { run, stopChildrenOnExit, waitForExit } from "./lib/processes";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "3210" },
    "emulator-port": { type: "string", default: "4610" },
    tenants: { type: "string", default: "1" },
  },
});

/** One tenant up to the point where its console can start: emulator, migrated database, the demo's first sync. */
async function prepareTenant(index: number): Promise<{ port: number; env: NodeJS.ProcessEnv }> {
  const port = Number(values.port) + index;
  const root = `./data/e2e/${index}`;
  rmSync(root, { recursive: true, force: true });
  const emulator = await startEmulatorProcess([
    "--port",
    String(Number(values["emulator-port"]) + index),
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
    PGLITE_DIR: `${root}/pglite`,
    DATABASE_URL: "",
  };
  writeFileSync(
    e2eTenantFile(port),
    JSON.stringify({ ...emulator.ready, consoleUrl: env.CONSOLE_URL, sinkUrl: sink.url }, null, 2),
  );
  const step = async (what: string, args: string[]) => {
    if ((await run(process.execPath, ["--import", "tsx", ...args], { env })) !== 0)
      throw new Error(`${what} of e2e tenant ${index} failed`);
  };
  await step("migrating the database", ["scripts/db.ts", "deploy"]);
  // The same first sync as the demo (real clients and engine), with 35 days of score history.
  await step("the first sync", ["scripts/demo-seed.ts", "--emulator", emulator.ready.baseUrl, "--history-days", "35"]);
  return { port, env };
}

async function main() {
  stopChildrenOnExit();
  mkdirSync("test-results", { recursive: true });
  rmSync("./data/e2e", { recursive: true, force: true });
  const count = Number(values.tenants);
  const tenants = await Promise.all(Array.from({ length: count }, (_, i) => prepareTenant(i)));
  if (!buildIsFresh()) await buildConsole(tenants[0].env);
  const servers: ChildProcess[] = await Promise.all(
    tenants.map(async (t) => {
      const server = await startNext({ port: t.port, host: "127.0.0.1", env: t.env });
      console.error(`e2e console ready on ${t.env.CONSOLE_URL}`);
      return server;
    }),
  );
  // Playwright's webServer waits for this line.
  console.error("every e2e console is ready");
  process.exit(await Promise.race(servers.map(waitForExit)));
}

main().catch((error: unknown) => {
  console.error(`e2e-server: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
