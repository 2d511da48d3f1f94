import { consoleEnvFor, type EmulatorReady } from "../lib/emulator-process";
import { run } from "../lib/processes";
import { freshDatabase } from "./fresh-database";

/**
 * Runs a bench's child process once per database kind, each on a fresh database and pointed at the emulator (the
 * child starts with NODE_EXTRA_CA_CERTS set, as the console does). True when every child exited 0.
 */
export async function runOnEachDatabase(opts: {
  kinds: ("pglite" | "postgresql")[];
  ready: EmulatorReady;
  /** node's arguments: flags, "--import", "tsx", the child script and its own arguments. */
  nodeArgs: string[];
  verbose: boolean;
  env?: Record<string, string>;
}): Promise<boolean> {
  let ok = true;
  for (const kind of opts.kinds) {
    const database = await freshDatabase(kind);
    try {
      const code = await run(process.execPath, opts.nodeArgs, {
        env: {
          ...process.env,
          ...consoleEnvFor(opts.ready),
          ...database.env,
          ...opts.env,
          LOG_LEVEL: opts.verbose ? "debug" : "error",
        },
      });
      ok &&= code === 0;
    } finally {
      await database.drop();
    }
  }
  return ok;
}
