// npm test: every check this project has, in the order a failure is cheapest to see, then one summary line.
// format → lint → types → unit + integration (vitest: PGlite and PostgreSQL, emulator contract tests) → build → e2e (Chromium).
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { readTestEnv } from "../lib/config/env";
import { run, runCaptured, stopChildrenOnExit } from "./lib/processes";

interface StepResult {
  name: string;
  passed: number;
  failed: number;
  skipped: number;
  seconds: number;
  note?: string;
}

const results: StepResult[] = [];
const bin = (name: string) => `node_modules/.bin/${name}`;

async function step(name: string, fn: () => Promise<Omit<StepResult, "name" | "seconds">>): Promise<boolean> {
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  const outcome = await fn().catch((error: unknown) => ({
    passed: 0,
    failed: 1,
    skipped: 0,
    note: error instanceof Error ? error.message : String(error),
  }));
  results.push({ name, ...outcome, seconds: Math.round((Date.now() - started) / 100) / 10 });
  return outcome.failed === 0;
}

async function check(command: string, args: string[]) {
  const code = await run(command, args);
  return { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 };
}

/**
 * The static checks side by side: each is one single-threaded process, so on two cores they take about as long
 * as the slowest alone. Their output is held and printed whole, one check after another, so it stays readable.
 */
async function staticChecks(checks: { name: string; commands: [string, string[]][] }[]): Promise<void> {
  const outcomes = await Promise.all(
    checks.map(async ({ name, commands }) => {
      const started = Date.now();
      let output = "";
      let failed = false;
      for (const [command, args] of commands) {
        const result = await runCaptured(command, args);
        output += result.output;
        failed ||= result.code !== 0;
      }
      return { name, output, failed, seconds: Math.round((Date.now() - started) / 100) / 10 };
    }),
  );
  for (const { name, output, failed, seconds } of outcomes) {
    console.log(`\n━━ ${name} ━━`);
    if (output) process.stdout.write(output);
    results.push({ name, passed: failed ? 0 : 1, failed: failed ? 1 : 0, skipped: 0, seconds });
  }
}

function readJson<T>(file: string): T | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : null;
}

async function vitest(quiet = false) {
  const out = "test-results/vitest.json";
  rmSync(out, { force: true });
  const args = ["run", "--reporter=default", "--reporter=json", `--outputFile=${out}`];
  // Beside Playwright, vitest's lines would interleave with the browser tests': hold them and print them after.
  const code = quiet
    ? await runCaptured(bin("vitest"), args).then(({ code, output }) => {
        console.log("\n━━ unit + integration (vitest) output ━━");
        process.stdout.write(output);
        return code;
      })
    : await run(bin("vitest"), args);
  const report = readJson<{
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  }>(out);
  if (!report) return { passed: 0, failed: 1, skipped: 0, note: `vitest exited ${code} without a report` };
  const failed = report.numFailedTests + (code !== 0 && report.numFailedTests === 0 ? 1 : 0);
  return { passed: report.numPassedTests, failed, skipped: report.numPendingTests + report.numTodoTests };
}

async function ensureChromium() {
  const path = readTestEnv().chromiumPath;
  if (existsSync(path)) return;
  // A fresh Debian machine has no browser, and Playwright's own download cannot work offline.
  if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    console.log(`Chromium is missing at ${path}: installing Debian's chromium package…`);
    await run("sh", [
      "-c",
      "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null",
    ]);
  }
  if (!existsSync(path))
    throw new Error(`Chromium not found at ${path}: run 'sudo apt-get install -y chromium' or set CHROMIUM_PATH`);
}

async function playwright() {
  await ensureChromium();
  const out = "test-results/playwright.json";
  rmSync(out, { force: true });
  const code = await run(bin("playwright"), ["test", "--reporter=list,json"], {
    env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: out },
  });
  const report = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(out);
  if (!report) return { passed: 0, failed: 1, skipped: 0, note: `playwright exited ${code} without a report` };
  const { expected, unexpected, flaky, skipped } = report.stats;
  return { passed: expected + flaky, failed: unexpected + (code !== 0 && unexpected === 0 ? 1 : 0), skipped };
}

const overlap = process.argv.includes("--overlap");

async function main() {
  stopChildrenOnExit();
  mkdirSync("test-results", { recursive: true });
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  const started = Date.now();

  await staticChecks([
    { name: "format (prettier --check)", commands: [[bin("prettier"), ["--check", "--log-level", "warn", "."]]] },
    { name: "lint", commands: [[bin("eslint"), ["--max-warnings", "0", "."]]] },
    {
      name: "types",
      commands: [
        [bin("tsc"), ["--noEmit", "-p", "tsconfig.json"]],
        ...(existsSync("emulator/tsconfig.json")
          ? [[bin("tsc"), ["--noEmit", "-p", "emulator/tsconfig.json"]] as [string, string[]]]
          : []),
      ],
    },
  ]);
  const notBuilt = {
    name: "e2e (playwright, chromium)",
    passed: 0,
    failed: 1,
    skipped: 0,
    seconds: 0,
    note: "not run: build failed",
  };
  if (overlap) {
    // The browser tests spend much of their time waiting (on Defender's emulated actions, on polling, on pages),
    // so vitest fills those waits instead of running after them.
    const built = await step("build", () => check(process.execPath, ["node_modules/next/dist/bin/next", "build"]));
    await Promise.all([
      step("unit + integration (vitest)", () => vitest(true)),
      built ? step("e2e (playwright, chromium)", playwright) : Promise.resolve(results.push(notBuilt)),
    ]);
  } else {
    await step("unit + integration (vitest)", vitest);
    const built = await step("build", () => check(process.execPath, ["node_modules/next/dist/bin/next", "build"]));
    if (built) await step("e2e (playwright, chromium)", playwright);
    else results.push(notBuilt);
  }

  const total = results.reduce(
    (acc, r) => ({ passed: acc.passed + r.passed, failed: acc.failed + r.failed, skipped: acc.skipped + r.skipped }),
    { passed: 0, failed: 0, skipped: 0 },
  );
  console.log("\n━━ summary ━━");
  for (const r of results) {
    const status = r.failed ? "FAIL" : "ok  ";
    console.log(
      `${status} ${r.name.padEnd(30)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped  (${r.seconds}s)${r.note ? `  — ${r.note}` : ""}`,
    );
  }
  console.log(`wall time ${Math.round((Date.now() - started) / 1000)}s`);
  console.log(`total: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  process.exit(total.failed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(`test: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
