import { chromium, type Browser, type BrowserContext } from "@playwright/test";
import { readTestEnv } from "../../lib/config/env";
import { openDatabase } from "../../lib/db/open";
import { deployMigrations } from "../../lib/db/migrate";
import type { PrismaClient } from "../../lib/generated/prisma/client";
import { buildConsole, buildIsFresh } from "../lib/build";
import { startNext } from "../lib/console-server";
import { consoleEnvFor, startEmulatorProcess } from "../lib/emulator-process";
import type { BenchDatabase } from "./fresh-database";

// The browser half of the page benches: Debian's Chromium, headless, and a session obtained through the
// simulated tenant's real sign-in page, reused by fresh contexts (no HTTP cache) for each timed load.

export type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

export function launchBenchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: readTestEnv().chromiumPath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
}

/** Signs in on `path`'s sign-in redirect as `username` and waits for `readySelector` on the page. */
export async function signIn(
  browser: Browser,
  baseUrl: string,
  username: string,
  path: string,
  readySelector: string,
): Promise<StorageState> {
  const context = await browser.newContext({ baseURL: baseUrl, ignoreHTTPSErrors: true });
  const page = await context.newPage();
  await page.goto(path);
  await page.getByRole("link", { name: "Sign in with Microsoft Entra ID" }).click();
  await page.getByRole("button", { name: new RegExp(username.replace(".", "\\.")) }).click();
  await page.waitForURL(new RegExp(path.replaceAll("/", "\\/")));
  await page.locator(readySelector).first().waitFor();
  const state = await context.storageState();
  await context.close();
  return state;
}

/**
 * A production console (next start) against a fresh simulated tenant and the bench's database, with no background
 * sync while pages are timed; `fixture` fills the cache first (PGlite has one owner: the server comes after it).
 */
export async function startBenchConsole(opts: {
  bench: BenchDatabase;
  port: number;
  seed: string;
  fixture?: (prisma: PrismaClient, tenantId: string) => Promise<void>;
}): Promise<{ env: NodeJS.ProcessEnv; analyst: string }> {
  const location =
    opts.bench.kind === "pglite"
      ? { kind: "pglite" as const, dataDir: opts.bench.env.PGLITE_DIR! }
      : { kind: "postgresql" as const, url: opts.bench.env.DATABASE_URL! };
  const database = openDatabase(location);
  try {
    const emulator = await startEmulatorProcess([
      "--port",
      "0",
      "--seed",
      opts.seed,
      "--devices",
      "5",
      "--alerts",
      "5",
    ]);
    await deployMigrations({ location, adapterFactory: database.adapterFactory });
    // The fixture belongs to the tenant the console will serve: the simulated one.
    await opts.fixture?.(database.prisma, emulator.ready.tenantId);
    await database.close();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...consoleEnvFor(emulator.ready),
      ...opts.bench.env,
      NEXT_TELEMETRY_DISABLED: "1",
      CONSOLE_MODE: "demo",
      CONSOLE_URL: `http://127.0.0.1:${opts.port}`,
      SYNC_INTERVAL_SECONDS: "0",
      LOG_LEVEL: "warn",
    };
    if (!buildIsFresh()) await buildConsole(env);
    await startNext({ port: opts.port, host: "127.0.0.1", env });
    const analyst = emulator.ready.users.find((u) => u.username.startsWith("analyst@"));
    if (!analyst) throw new Error("the simulated tenant has no analyst user");
    return { env, analyst: analyst.username };
  } finally {
    await database.close().catch(() => undefined);
  }
}
