// npm run bench:hunting [-- --devices 10000 --alerts 10000 --queries 10 --rounds 3 --db pglite,postgresql --verbose]
// Starts the emulated tenant as its own process, then for each database times real hunting queries (public Microsoft
// queries from the emulator's contract fixture plus the starter queries, 7-day time range, several rounds) through
// the console's route to the emulator's KQL engine, and the floor (the emulator alone; a trivial query through the
// route). Two JSON lines per database on stdout.
import { parseArgs } from "node:util";
import { startEmulatorProcess } from "./lib/emulator-process";
import { killGroup, stopChildrenOnExit } from "./lib/processes";
import { runOnEachDatabase } from "./bench/each-database";

const { values } = parseArgs({
  options: {
    devices: { type: "string", default: "10000" },
    alerts: { type: "string", default: "10000" },
    "vulns-per-device": { type: "string", default: "10" },
    queries: { type: "string", default: "10" },
    rounds: { type: "string", default: "3" },
    db: { type: "string", default: "pglite,postgresql" },
    verbose: { type: "boolean", default: false },
  },
});

async function main() {
  stopChildrenOnExit();
  const emulator = await startEmulatorProcess([
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
  ]);
  const ok = await runOnEachDatabase({
    kinds: values.db.split(",") as ("pglite" | "postgresql")[],
    ready: emulator.ready,
    nodeArgs: [
      "--import",
      "tsx",
      "scripts/bench/hunting-run.ts",
      "--devices",
      values.devices,
      "--queries",
      values.queries,
      "--rounds",
      values.rounds,
      ...(values.verbose ? ["--verbose"] : []),
    ],
    verbose: values.verbose,
    env: { EMULATOR_URL: emulator.ready.baseUrl },
  });
  killGroup(emulator.child);
  process.exit(ok ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(`bench:hunting: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
