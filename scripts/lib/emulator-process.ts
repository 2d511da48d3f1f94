import { createInterface } from "node:readline";
import type { ChildProcess } from "node:child_process";
import { spawnGroup } from "./processes";

/** The emulator's ready line (emulator/README.md). Parsed here by hand: the console shares no types with it. */
export interface EmulatorReady {
  baseUrl: string;
  authorityHost: string;
  tenantId: string;
  defenderUrl: string;
  graphUrl: string;
  caCertPath: string;
  clientId: string;
  clientSecret: string;
  users: { username: string; password: string; roles: string[] }[];
}

/** Start the simulated tenant as a separate process and wait for its one-line JSON ready message. */
export async function startEmulatorProcess(
  args: string[],
  nodeFlags: string[] = [],
): Promise<{ child: ChildProcess; ready: EmulatorReady }> {
  const child = spawnGroup(process.execPath, [...nodeFlags, "--import", "tsx", "emulator/src/cli.ts", ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout! });
  const ready = await new Promise<EmulatorReady>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the emulator did not report ready within 120 s")), 120_000);
    child.once("exit", (code) => reject(new Error(`the emulator exited (code ${code}) before it was ready`)));
    lines.once("line", (line) => {
      clearTimeout(timer);
      try {
        const parsed = JSON.parse(line) as EmulatorReady & { ready?: boolean };
        if (!parsed.ready) throw new Error("first line is not the ready line");
        resolve(parsed);
      } catch (error) {
        reject(new Error(`unexpected emulator output: ${line.slice(0, 200)} (${String(error)})`));
      }
    });
  });
  return { child, ready };
}

/** The environment that points the console at the emulator: the same variables a real tenant needs. */
export function consoleEnvFor(ready: EmulatorReady): Record<string, string> {
  return {
    ENTRA_AUTHORITY_HOST: ready.authorityHost,
    ENTRA_TENANT_ID: ready.tenantId,
    ENTRA_CLIENT_ID: ready.clientId,
    ENTRA_CLIENT_SECRET: ready.clientSecret,
    MDE_API_URL: ready.defenderUrl,
    XDR_API_URL: ready.defenderUrl,
    GRAPH_API_URL: ready.graphUrl,
    NODE_EXTRA_CA_CERTS: ready.caCertPath,
  };
}
