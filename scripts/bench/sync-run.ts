// Child of bench-sync.ts: migrates the given database, runs a full sync then an unchanged incremental sync, and
// prints one JSON line per run. Runs with NODE_EXTRA_CA_CERTS set from its start, like the console.
import { getConfig } from "../../lib/config/env";
import { getDatabase } from "../../lib/db";
import { deployMigrations } from "../../lib/db/migrate";
import { runSync } from "../../lib/sync/engine";
import { createSyncSources } from "../../lib/sync/sources";
import type { EntitySummary, SyncEntity } from "../../lib/sync/types";

/** Largest page each endpoint serves (each list API's $top maximum): the floor on calls for a full pull. */
const MAX_PAGE: Record<SyncEntity, number> = {
  machines: 10_000,
  intuneDevices: 1_000,
  alerts: 10_000,
  incidents: 100,
  machineActions: 10_000,
  vulnerabilities: 8_000,
  software: 10_000,
  recommendations: 10_000,
  deviceVulnerabilities: 10_000,
  scores: 1,
  avHealth: 10_000,
  intuneProtection: 1_000,
  // Many small Intune listings (each policy's settings, assignments, statuses; each group's members).
  postureConfig: 1_000,
  investigations: 10_000,
  indicators: 10_000,
  // The console pages detection rules 100 at a time (no page size is documented).
  detectionRules: 100,
};

function unavoidable(summaries: EntitySummary[]): number {
  return summaries.reduce((n, s) => {
    if (s.status === "not-due") return n;
    // An empty pull still needs its one request; scores are three endpoints read once each.
    if (s.entity === "scores") return n + 3;
    return n + Math.max(1, Math.ceil(s.fetched / MAX_PAGE[s.entity]));
  }, 0);
}

async function main() {
  const kind = getConfig().database.kind;
  const database = getDatabase();
  await deployMigrations({ location: getConfig().database, adapterFactory: database.adapterFactory });
  const sources = createSyncSources();
  for (const mode of ["full", "incremental"] as const) {
    const callsBefore = sources.calls();
    const started = performance.now();
    const verbose = process.argv.includes("--verbose");
    const summaries = await runSync({
      db: database.prisma,
      sources,
      full: mode === "full",
      onEntity: verbose
        ? (s) =>
            console.error(
              `  ${mode} ${s.entity}: ${s.status} ${s.fetched} fetched, ${s.calls} calls, ${s.durationMs} ms`,
            )
        : undefined,
    });
    const wall = (performance.now() - started) / 1000;
    const failed = summaries.filter((s) => s.status === "failed");
    if (failed.length) console.error(`bench: ${failed.map((f) => `${f.entity}: ${f.error}`).join("; ")}`);
    const records = summaries.reduce((n, s) => n + s.fetched, 0);
    console.log(
      JSON.stringify({
        bench: "sync",
        db: kind,
        mode,
        records,
        records_per_s: Math.round(records / wall),
        calls: sources.calls() - callsBefore,
        calls_unavoidable:
          mode === "full" ? unavoidable(summaries) : summaries.filter((s) => s.status !== "not-due").length,
        wall_s: Math.round(wall * 10) / 10,
        peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
      }),
    );
  }
  await database.close();
  // Exit now: the WASM schema engine behind deployMigrations leaves a 10-second timer that would keep this process
  // (and the whole bench) waiting after the numbers are printed.
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(`bench sync-run: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
