import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { availableTestDatabases } from "../lib/db/testing";

// The benchmarks are not run at full size in CI (minutes each), but a bench that no longer runs is only found when
// someone needs its numbers: bench:tvm once broke silently when a migration dropped an index its fixture recreated.
// Each runs here at a tiny size and must print its JSON line: on PostgreSQL when there is one (the quicker to
// start), and bench:tvm on PGlite too, where its index rebuild matters most.
// Keep every size here tiny: a smoke run's cost is starting processes and migrating a fresh database, not the rows.
// A new bench gets its own test here, with sizes as small as these.

const execFileAsync = promisify(execFile);
const kinds = await availableTestDatabases();
const db = kinds.includes("postgresql") ? "postgresql" : "pglite";

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

describe(`benchmarks still run (tiny sizes, ${db})`, { timeout: 150_000 }, () => {
  it("bench:sync prints a full and an incremental line", async () => {
    const lines = await runBench("scripts/bench-sync.ts", [
      "--devices",
      "10",
      "--alerts",
      "20",
      "--vulns-per-device",
      "2",
      "--db",
      db,
    ]);
    expect(lines.map((l) => [l.bench, l.db, l.mode])).toEqual([
      ["sync", db, "full"],
      ["sync", db, "incremental"],
    ]);
    expect(lines[0]).toMatchObject({
      records: expect.any(Number),
      calls: expect.any(Number),
      calls_unavoidable: expect.any(Number),
    });
    expect(lines[0].records as number).toBeGreaterThan(10 + 20 + 10 * 2 - 1);
  });

  it("bench:tvm prints its latency line on each database", async () => {
    const lines = await runBench("scripts/bench-tvm.ts", [
      "--devices",
      "10",
      "--vulns-per-device",
      "5",
      "--requests",
      "10",
      "--db",
      kinds.join(","),
    ]);
    expect(lines).toEqual(
      kinds.map((kind) =>
        expect.objectContaining({ bench: "tvm", db: kind, device_vulns: 50, requests: 10, p95_ms: expect.any(Number) }),
      ),
    );
  });

  it("bench:devices prints its latency line", async () => {
    const lines = await runBench("scripts/bench-devices.ts", ["--rows", "100", "--requests", "10", "--db", db]);
    expect(lines).toEqual([
      expect.objectContaining({ bench: "devices", db, rows: 100, requests: 10, p95_ms: expect.any(Number) }),
    ]);
  });

  it("bench:alerts prints its latency line", async () => {
    const lines = await runBench("scripts/bench-alerts.ts", [
      "--rows",
      "100",
      "--requests",
      "10",
      "--db",
      db,
      "--skip-page",
    ]);
    expect(lines).toEqual([
      expect.objectContaining({ bench: "alerts", db, rows: 100, requests: 10, p95_ms: expect.any(Number) }),
    ]);
  });

  it("bench:hunting prints its query line and its floor", async () => {
    const lines = await runBench("scripts/bench-hunting.ts", [
      "--devices",
      "10",
      "--alerts",
      "20",
      "--vulns-per-device",
      "2",
      "--queries",
      "1",
      "--rounds",
      "1",
      "--db",
      db,
    ]);
    expect(lines).toEqual([
      expect.objectContaining({
        bench: "hunting",
        db,
        devices: 10,
        days: 7,
        queries: 5,
        failures: 0,
        p95_ms: expect.any(Number),
      }),
      expect.objectContaining({ bench: "hunting-floor", db, emulator_p95_ms: expect.any(Number) }),
    ]);
  });

  it("bench:notify prints its floor and delivery lines, every event delivered once per channel", async () => {
    const lines = await runBench("scripts/bench-notify.ts", ["--events", "20", "--rate", "100", "--db", db]);
    expect(lines.map((l) => l.bench)).toEqual(["notify-floor", "notify"]);
    expect(lines[1]).toMatchObject({
      events: 20,
      deliveries: 40,
      duplicates: 0,
      signatures_valid: true,
      deliveries_per_s: expect.any(Number),
      p95_event_to_send_ms: expect.any(Number),
    });
  });

  it("bench:posture prints its latency line", async () => {
    const lines = await runBench("scripts/bench-posture.ts", ["--devices", "100", "--requests", "5", "--db", db]);
    expect(lines).toEqual([
      expect.objectContaining({ bench: "posture", db, devices: 100, requests: 5, p95_ms: expect.any(Number) }),
    ]);
  });
});
