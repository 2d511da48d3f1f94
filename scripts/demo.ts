// npm run demo [-- --port 3000 --devices N --alerts N --seed S]
// Starts the simulated tenant, points the console at it with the embedded database, and serves the console.
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { buildConsole, buildIsFresh } from "./lib/build";
import { deployDatabase, startNext } from "./lib/console-server";
import { consoleEnvFor, startEmulatorProcess } from "./lib/emulator-process";
import { sinkEnv, startNotificationSink } from "./lib/notification-sink";
import { killGroup, run, stopChildrenOnExit, waitForExit } from "./lib/processes";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "3000" },
    host: { type: "string", default: "0.0.0.0" },
    seed: { type: "string" },
    devices: { type: "string" },
    alerts: { type: "string" },
    live: { type: "boolean", default: true },
  },
});

async function main() {
  stopChildrenOnExit();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    CONSOLE_MODE: "demo",
    // The address people open; sign-in redirects back to it.
    CONSOLE_URL: process.env.CONSOLE_URL ?? `http://localhost:${values.port}`,
  };
  delete env.DATABASE_URL; // the demo always uses the embedded database

  // Notifications go to a local sink a person can open: its SMTP server, and its page to read what arrived.
  const sink = await startNotificationSink();
  Object.assign(env, sinkEnv(sink));

  let emulator: Awaited<ReturnType<typeof startEmulatorProcess>> | undefined;
  if (existsSync("emulator/src/cli.ts")) {
    const args = ["--port", "0"];
    if (values.seed) args.push("--seed", values.seed);
    if (values.devices) args.push("--devices", values.devices);
    if (values.alerts) args.push("--alerts", values.alerts);
    if (values.live) args.push("--live");
    emulator = await startEmulatorProcess(args);
    Object.assign(env, consoleEnvFor(emulator.ready));
    console.error(`Simulated tenant ready at ${emulator.ready.baseUrl}`);
  }

  // The console process reads its configuration from env; make this script see the same values.
  Object.assign(process.env, env);
  if (!buildIsFresh()) await buildConsole(env);
  await deployDatabase();
  if (emulator) {
    // The first sync runs through the console's real clients and engine, in a child process that trusts the
    // simulated tenant's CA from its start (NODE_EXTRA_CA_CERTS), exactly as the console server does.
    console.error("Syncing the simulated tenant into the embedded database…");
    const code = await run(
      process.execPath,
      ["--import", "tsx", "scripts/demo-seed.ts", "--emulator", emulator.ready.baseUrl],
      { env },
    );
    if (code !== 0) throw new Error("the first sync failed (see above)");
  }
  const server = await startNext({ port: Number(values.port), host: values.host, env });

  const url = `http://localhost:${values.port}`;
  console.log(`\nSOC Console (demo) is running on ${url}`);
  if (emulator) {
    console.log("Sign in as one of the simulated tenant's users:");
    for (const u of emulator.ready.users)
      console.log(`  ${u.username.padEnd(32)} ${u.password.padEnd(16)} ${u.roles.join(", ") || "(no role)"}`);
  }
  console.log(`Notifications (e-mail and webhooks) arrive in the demo sink: ${sink.url}`);
  console.log(`  webhook channels can post to ${sink.url}/webhook`);
  console.log("Press Ctrl+C to stop.");
  const code = await waitForExit(server);
  if (emulator) killGroup(emulator.child);
  await sink.close();
  process.exit(code);
}

main().catch((error: unknown) => {
  console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
