import { gzipSync } from "node:zlib";
import { performance } from "node:perf_hooks";
import type { Browser } from "@playwright/test";
import { killAll } from "../lib/processes";
import { seedBenchAlerts } from "./alert-fixture";
import { freshDatabase } from "./fresh-database";
import { percentile } from "./harness";
import { launchBenchBrowser, signIn, startBenchConsole } from "./browser";

// The browser half of bench:alerts: a production console (next start) on a cache of `rows` alerts, signed in
// through the simulated tenant's real sign-in page, then /alerts opened in fresh browser contexts (no HTTP cache,
// as a colleague opening a shared link) and timed until the first rows are visible. Also sums the page's
// JavaScript, gzipped, as "first-load JS".

const PORT = 3295;
const LOADS = 5;
const FIRST_ROW = "tbody tr[data-alert-id]";

export async function benchAlertsPage(opts: {
  kind: "pglite" | "postgresql";
  rows: number;
  verbose: boolean;
}): Promise<void> {
  const bench = await freshDatabase(opts.kind);
  let browser: Browser | null = null;
  try {
    const { env, analyst } = await startBenchConsole({
      bench,
      port: PORT,
      seed: "bench-page",
      fixture: (prisma, tenantId) => seedBenchAlerts(prisma, opts.rows, tenantId),
    });
    browser = await launchBenchBrowser();
    const storageState = await signIn(browser, env.CONSOLE_URL!, analyst, "/alerts", FIRST_ROW);

    const timings: number[] = [];
    let jsGzipBytes = 0;
    // One unmeasured load compiles nothing (production build) but warms the server's database connections.
    for (let i = 0; i <= LOADS; i++) {
      const context = await browser.newContext({ baseURL: env.CONSOLE_URL, storageState });
      const page = await context.newPage();
      const scripts: Promise<number>[] = [];
      if (i === 1) {
        page.on("response", (res) => {
          if (res.request().resourceType() === "script")
            scripts.push(
              res.body().then(
                (b) => gzipSync(b).length,
                () => 0,
              ),
            );
        });
      }
      const start = performance.now();
      await page.goto("/alerts", { waitUntil: "commit" });
      await page.locator(FIRST_ROW).first().waitFor({ state: "visible" });
      const ms = performance.now() - start;
      if (i > 0) timings.push(ms);
      if (i === 1) {
        await page.waitForLoadState("load");
        jsGzipBytes = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
      }
      if (opts.verbose)
        console.error(`  /alerts load ${i}: first rows after ${ms.toFixed(0)} ms${i === 0 ? " (warm-up)" : ""}`);
      await context.close();
    }
    console.log(
      JSON.stringify({
        bench: "alerts-page",
        db: opts.kind,
        rows: opts.rows,
        loads: LOADS,
        first_rows_ms: Math.round(
          percentile(
            [...timings].sort((a, b) => a - b),
            50,
          ),
        ),
        first_load_js_kb_gz: Math.round(jsGzipBytes / 1024),
      }),
    );
  } finally {
    await browser?.close();
    killAll();
    await bench.drop();
  }
}
