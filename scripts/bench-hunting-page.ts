// npm run bench:hunting-page [-- --loads 5 --port 3296 --verbose]
// A production console (next start) on an empty cache, signed in through the simulated tenant's sign-in page, then
// /hunting opened in fresh browser contexts (no HTTP cache) and timed from navigation start (the page's own
// performance marks): the placeholder textarea live (the floor: the page is hydrated), the CodeMirror editor
// accepting typing, and Kusto.Language's first diagnostics answered from the worker. One more load in the same
// context times the language with the Kusto scripts cached. Also sums the JavaScript, gzipped: what the page's
// HTML loads (first-load), the editor's lazy chunks, the worker's own chunks and the two Kusto scripts.
import { gzipSync } from "node:zlib";
import { parseArgs } from "node:util";
import type { Browser, Page, Response } from "@playwright/test";
import { killAll } from "./lib/processes";
import { freshDatabase } from "./bench/fresh-database";
import { percentile } from "./bench/harness";
import { launchBenchBrowser, signIn, startBenchConsole } from "./bench/browser";

const { values } = parseArgs({
  options: {
    loads: { type: "string", default: "5" },
    port: { type: "string", default: "3296" },
    verbose: { type: "boolean", default: false },
  },
});

const LANGUAGE_READY = '[data-kql-language="ready"]';
const MARKS = ["kql-placeholder-ready", "kql-editor-ready", "kql-language-ready"] as const;
type Marks = Record<(typeof MARKS)[number], number>;

interface ScriptBytes {
  url: string;
  gz: number;
}

async function readMarks(page: Page): Promise<Marks> {
  await page.locator(LANGUAGE_READY).waitFor({ timeout: 30_000 });
  return page.evaluate(
    (names) =>
      Object.fromEntries(names.map((n) => [n, performance.getEntriesByName(n)[0]?.startTime ?? Number.NaN])) as Marks,
    [...MARKS],
  );
}

/** Opens /hunting in `page`, collecting every script it and its worker fetch; returns the HTML's script URLs. */
async function openHunting(page: Page, scripts: ScriptBytes[]): Promise<Set<string>> {
  const pending: Promise<void>[] = [];
  page.on("response", (res: Response) => {
    const url = new URL(res.url());
    if (!url.pathname.endsWith(".js")) return;
    pending.push(
      res.body().then(
        (body) => void scripts.push({ url: url.pathname, gz: gzipSync(body).length }),
        () => undefined,
      ),
    );
  });
  const navigation = await page.goto("/hunting", { waitUntil: "commit" });
  const html = (await navigation?.text()) ?? "";
  await page.locator(LANGUAGE_READY).waitFor({ timeout: 30_000 });
  await page.waitForLoadState("load");
  await Promise.all(pending);
  return new Set([...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((m) => new URL(m[1]!, "http://x").pathname));
}

/** The chunks the worker bootstrap was told to load (Turbopack passes them in the worker URL's params). */
function workerChunks(page: Page): Set<string> {
  const out = new Set<string>();
  for (const worker of page.workers()) {
    const url = new URL(worker.url());
    out.add(url.pathname);
    const params = url.searchParams.get("params") ?? decodeURIComponent(url.hash.replace(/^#params=/, ""));
    for (const chunk of params.match(/\/_next\/static\/[^"\\]+\.js/g) ?? []) out.add(chunk);
  }
  return out;
}

const kb = (bytes: number) => Math.round(bytes / 1024);
const median = (xs: number[]) =>
  Math.round(
    percentile(
      [...xs].sort((a, b) => a - b),
      50,
    ),
  );

async function main() {
  const port = Number(values.port);
  const loads = Number(values.loads);
  const bench = await freshDatabase("pglite");
  let browser: Browser | null = null;
  try {
    const { env, analyst } = await startBenchConsole({ bench, port, seed: "bench-hunting" });
    browser = await launchBenchBrowser();
    const storageState = await signIn(browser, env.CONSOLE_URL!, analyst, "/hunting", LANGUAGE_READY);

    const timings: Marks[] = [];
    let warm: Marks | null = null;
    let sizes = { firstLoad: 0, editor: 0, worker: 0, kusto: 0 };
    const policyErrors: string[] = [];
    // Load 0 warms the server; its figures are not kept.
    for (let i = 0; i <= loads; i++) {
      const context = await browser.newContext({ baseURL: env.CONSOLE_URL, storageState });
      const page = await context.newPage();
      page.on("console", (m) => {
        if (m.type() === "error" && /Content.Security.Policy|unsafe-eval/i.test(m.text())) policyErrors.push(m.text());
      });
      const scripts: ScriptBytes[] = [];
      const inHtml = await openHunting(page, scripts);
      const marks = await readMarks(page);
      if (i > 0) timings.push(marks);
      if (i === 1) {
        const ofWorker = workerChunks(page);
        const sum = (pick: (s: ScriptBytes) => boolean) => scripts.filter(pick).reduce((a, s) => a + s.gz, 0);
        sizes = {
          firstLoad: sum((s) => inHtml.has(s.url)),
          kusto: sum((s) => s.url.startsWith("/kusto/")),
          worker: sum((s) => ofWorker.has(s.url)),
          editor: sum((s) => !inHtml.has(s.url) && !ofWorker.has(s.url) && !s.url.startsWith("/kusto/")),
        };
        if (values.verbose) for (const s of scripts) console.error(`  ${kb(s.gz)} KB gz ${s.url}`);
        // The same visit again: the Kusto scripts now come from the HTTP cache (immutable, versioned URLs).
        await page.goto("/hunting", { waitUntil: "commit" });
        warm = await readMarks(page);
      }
      if (values.verbose) console.error(`  /hunting load ${i}: ${JSON.stringify(marks)}${i === 0 ? " (warm-up)" : ""}`);
      await context.close();
    }
    if (policyErrors.length) throw new Error(`Content-Security-Policy errors on /hunting: ${policyErrors.join(" | ")}`);
    const of = (mark: keyof Marks) => median(timings.map((t) => t[mark]));
    console.log(
      JSON.stringify({
        bench: "hunting-page",
        loads,
        editor_ready_ms: of("kql-editor-ready"),
        language_ready_ms: of("kql-language-ready"),
        language_ready_cached_ms: warm ? Math.round(warm["kql-language-ready"]) : null,
        first_load_js_kb_gz: kb(sizes.firstLoad),
        editor_chunk_kb_gz: kb(sizes.editor),
        worker_js_kb_gz: kb(sizes.worker),
        kusto_js_kb_gz: kb(sizes.kusto),
      }),
    );
    // The floor: nothing of the editor can be ready before the page is hydrated and its placeholder live.
    console.log(
      JSON.stringify({ bench: "hunting-page-floor", loads, placeholder_ready_ms: of("kql-placeholder-ready") }),
    );
  } finally {
    await browser?.close();
    killAll();
    await bench.drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench:hunting-page: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
