import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

// The benchmarks are not run at full size in CI (minutes each), but a bench that no longer runs is only found when
// someone needs its numbers: bench:tvm once broke silently when a migration dropped an index its fixture recreated.
// Each runs here at a tiny size and must print its JSON line.

const execFileAsync = promisify(execFile);

async function runBench(script: string, args: string[]): Promise<Record<string, unknown>[]> {
  const { stdout } = await execFileAsync(process.execPath, ["--import", "tsx", script, ...args], {
    env: { ...process.env, LOG_LEVEL: "error" },
    maxBuffer: 16 * 1024 * 1024,
    timeout: 120_000,
  });
  return stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("benchmarks still run (tiny sizes, PostgreSQL)", { timeout: 150_000 }, () => {
  it("bench:sync prints a full and an incremental line", async () => {
    const lines = await runBench("scripts/bench-sync.ts", ["--devices", "30", "--alerts", "60", "--vulns-per-device", "3", "--db", "postgresql"]);
    expect(lines.map((l) => [l.bench, l.db, l.mode])).toEqual([
      ["sync", "postgresql", "full"],
      ["sync", "postgresql", "incremental"],
    ]);
    expect(lines[0]).toMatchObject({ records: expect.any(Number), calls: expect.any(Number), calls_unavoidable: expect.any(Number) });
    expect(lines[0].records as number).toBeGreaterThan(30 + 60 + 30 * 3 - 1);
  });

  it("bench:tvm prints its latency line", async () => {
    const lines = await runBench("scripts/bench-tvm.ts", ["--devices", "20", "--vulns-per-device", "5", "--requests", "10", "--db", "postgresql"]);
    expect(lines).toEqual([expect.objectContaining({ bench: "tvm", db: "postgresql", device_vulns: 100, requests: 10, p95_ms: expect.any(Number) })]);
  });

  it("bench:devices prints its latency line", async () => {
    const lines = await runBench("scripts/bench-devices.ts", ["--rows", "200", "--requests", "10", "--db", "postgresql"]);
    expect(lines).toEqual([expect.objectContaining({ bench: "devices", db: "postgresql", rows: 200, requests: 10, p95_ms: expect.any(Number) })]);
  });

  it("bench:alerts prints its latency line", async () => {
    const lines = await runBench("scripts/bench-alerts.ts", ["--rows", "200", "--requests", "10", "--db", "postgresql", "--skip-page"]);
    expect(lines).toEqual([expect.objectContaining({ bench: "alerts", db: "postgresql", rows: 200, requests: 10, p95_ms: expect.any(Number) })]);
  });
});
