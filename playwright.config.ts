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

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  forbidOnly: env.ci,
  retries: env.ci ? 1 : 0,
  workers: 1,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: env.ci ? [["list"], ["html", { open: "never" }]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: env.chromiumPath, args: CHROMIUM_ARGS },
    // The simulated tenant's sign-in page is served over HTTPS with its own self-signed CA.
    ignoreHTTPSErrors: true,
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    // The simulated tenant and a production console on a fresh embedded database (builds when sources changed).
    command: `node --import tsx scripts/e2e-server.ts --port ${PORT} --emulator-port ${env.e2eEmulatorPort}`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
  },
});
