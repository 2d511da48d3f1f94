// npm run emulator -- [--port N] [--seed S] [--devices N] [--alerts N] [--vulns-per-device N]
//                     [--live] [--faults SPEC-JSON] [--action-ms N] [--plan p1|p2]
// Prints exactly one JSON line (the ready line) to stdout; everything else goes to stderr.
import { parseArgs } from "node:util";
import { warmUpHunting } from "./hunting/engine";
import { startEmulator, type EmulatorOptions } from "./index";
import { parseFaultSpec } from "./faults";
import { parsePlan } from "./plan";

function fail(message: string): never {
  process.stderr.write(`emulator: ${message}\n`);
  process.exit(2);
}

function int(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be an integer >= ${min}`);
  return n;
}

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: "string" },
        seed: { type: "string" },
        devices: { type: "string" },
        alerts: { type: "string" },
        "vulns-per-device": { type: "string" },
        live: { type: "boolean" },
        "live-interval-ms": { type: "string" },
        faults: { type: "string" },
        "action-ms": { type: "string" },
        "data-dir": { type: "string" },
        quiet: { type: "boolean" },
        plan: { type: "string" },
      },
      strict: true,
    }));
  } catch (e) {
    fail((e as Error).message);
  }
  const options: EmulatorOptions = {
    port: int("port", values.port as string | undefined, 0) ?? 0,
    devices: int("devices", values.devices as string | undefined, 0),
    alerts: int("alerts", values.alerts as string | undefined, 0),
    vulnsPerDevice: int("vulns-per-device", values["vulns-per-device"] as string | undefined, 0),
    quiet: values.quiet === true,
  };
  if (values.seed !== undefined) options.seed = values.seed as string;
  if (values.plan !== undefined) {
    try {
      options.plan = parsePlan(values.plan as string);
    } catch (e) {
      fail(`--plan: ${(e as Error).message}`);
    }
  }
  if (values["data-dir"] !== undefined) options.dataDir = values["data-dir"] as string;
  if (values.live)
    options.live = {
      intervalMs: int("live-interval-ms", values["live-interval-ms"] as string | undefined, 100) ?? 5000,
    };
  const actionMs = int("action-ms", values["action-ms"] as string | undefined, 0);
  if (actionMs !== undefined) options.actionDelaysMs = { toInProgress: actionMs, toFinal: actionMs };
  if (values.faults !== undefined) {
    try {
      options.faults = parseFaultSpec(JSON.parse(values.faults as string));
    } catch (e) {
      fail(`--faults: ${(e as Error).message}`);
    }
  }
  const emulator = await startEmulator(options);
  const { port: _port, caCertPem: _pem, tenant: _tenant, close, ...rest } = emulator;
  process.stdout.write(`${JSON.stringify(rest)}\n`);
  // After the ready line: load Kusto.Language now so the first hunting query does not pay its ~2 s warm-up.
  setTimeout(() => warmUpHunting(), 0).unref();
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    process.stderr.write(`[emulator] ${signal}: shutting down\n`);
    const force = setTimeout(() => process.exit(0), 3000);
    force.unref();
    void close().then(() => process.exit(0));
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((e: unknown) => fail((e as Error)?.stack ?? String(e)));
