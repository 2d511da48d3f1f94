// npm run bench:sync [-- --devices 10000 --alerts 50000 --vulns-per-device 50 --db pglite,postgresql --verbose --profile DIR]
// Seeds the simulated tenant, then for each database: a full sync and an unchanged incremental sync through the
// console's real clients and engine. One JSON line per run on stdout.
import { parseArgs } from "node:util";
import { startEmulatorProcess } from "./lib/emulator-process";
import { killGroup, stopChildrenOnExit } from "./lib/processes";
import { runOnEachDatabase } from "./bench/each-database";

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
  const ok = await runOnEachDatabase({
    kinds: values.db.split(",") as ("pglite" | "postgresql")[],
    ready: emulator.ready,
    nodeArgs: [...profile, "--import", "tsx", "scripts/bench/sync-run.ts", ...(values.verbose ? ["--verbose"] : [])],
    verbose: values.verbose,
  });
  killGroup(emulator.child);
  process.exit(ok ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(`bench:sync: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
