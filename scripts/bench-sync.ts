// npm run bench:sync [-- --devices 10000 --alerts 50000 --vulns-per-device 50 --db pglite,postgresql --verbose --profile DIR]
// Seeds the simulated tenant, then for each database: a full sync and an unchanged incremental sync through the
// console's real clients and engine. One JSON line per run on stdout.
import { parseArgs } from "node:util";
import { consoleEnvFor, startEmulatorProcess } from "./lib/emulator-process";
import { killGroup, run, stopChildrenOnExit } from "./lib/processes";
import { freshDatabase } from "./bench/fresh-database";

const { values } = parseArgs({
  options: {
    devices: { type: "string", default: "10000" },
    alerts: { type: "string", default: "50000" },
    "vulns-per-device": { type: "string", default: "50" },
    db: { type: "string", default: "pglite,postgresql" },
    verbose: { type: "boolean", default: false },
    // Writes V8 CPU profiles of each sync process and of the emulator to this folder (open them in Chrome DevTools).
    profile: { type: "string" },
  },
});

async function main() {
  stopChildrenOnExit();
  const profile = values.profile ? ["--cpu-prof", `--cpu-prof-dir=${values.profile}`] : [];
  const emulator = await startEmulatorProcess(
    [
      "--port",
      "0",
      "--seed",
      "bench",
      "--devices",
      values.devices,
      "--alerts",
      values.alerts,
      "--vulns-per-device",
      values["vulns-per-device"],
    ],
    profile,
  );
  let failed = false;
  for (const kind of values.db.split(",") as ("pglite" | "postgresql")[]) {
    const database = await freshDatabase(kind);
    try {
      const code = await run(
        process.execPath,
        [...profile, "--import", "tsx", "scripts/bench/sync-run.ts", ...(values.verbose ? ["--verbose"] : [])],
        {
          env: {
            ...process.env,
            ...consoleEnvFor(emulator.ready),
            ...database.env,
            LOG_LEVEL: values.verbose ? "debug" : "error",
          },
        },
      );
      failed ||= code !== 0;
    } finally {
      await database.drop();
    }
  }
  killGroup(emulator.child);
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(`bench:sync: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
