import { readdirSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { readTestEnv } from "./lib/config/env";

const env = readTestEnv();
const PORT = env.e2ePort;

// Debian's Chromium package, not a downloaded build: the background-networking flags keep it
// from reaching for Google's hosts on this closed network.
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

// Two simulated tenants, each with its own console, database and emulator (scripts/e2e-server.ts), and one project
// per tenant with one worker each: the two halves of the suite run side by side, and a spec that sets emulator
// faults, changes settings or triages alerts only ever meets the specs of its own half, one at a time.
// Balance the halves by their run time (the slowest spec files are listed first) when adding a spec.
const TENANT_SPECS = [
  ["devices", "overview", "sync", "settings", "hunting-editor", "notifications", "posture", "live-response"],
  ["alerts", "shell", "auth", "tvm", "incidents", "hunting", "indicators-investigations", "detections"],
];

const unassigned = readdirSync("e2e")
  .filter((file) => file.endsWith(".spec.ts"))
  .filter((file) => !TENANT_SPECS.flat().includes(file.replace(/\.spec\.ts$/, "")));
if (unassigned.length) throw new Error(`Add ${unassigned.join(", ")} to TENANT_SPECS in playwright.config.ts`);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  forbidOnly: env.ci,
  retries: env.ci ? 1 : 0,
  workers: TENANT_SPECS.length,
  // Generous: CI may run on a machine three times slower than a developer's, beside the unit tests; a passing test
  // takes no longer for it.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: env.ci ? [["list"], ["html", { open: "never" }]] : [["list"]],
  use: {
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: env.chromiumPath, args: CHROMIUM_ARGS },
    // The simulated tenant's sign-in page is served over HTTPS with its own self-signed CA.
    ignoreHTTPSErrors: true,
  },
  projects: TENANT_SPECS.map((specs, i) => ({
    name: `tenant-${i + 1}`,
    testMatch: specs.map((spec) => `${spec}.spec.ts`),
    workers: 1,
    use: { ...devices["Desktop Chrome"], channel: undefined, baseURL: `http://127.0.0.1:${PORT + i}` },
  })),
  webServer: {
    // The simulated tenants and their production consoles (builds when sources changed), started side by side; the
    // server says on stderr when every console answers.
    command: `node --import tsx scripts/e2e-server.ts --port ${PORT} --emulator-port ${env.e2eEmulatorPort} --tenants ${TENANT_SPECS.length}`,
    wait: { stderr: /every e2e console is ready/ },
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
  },
});
