// npm run sync -- --once [--full] [--entities alerts,machines] [--json]
// One pass (or, without --once, a pass every SYNC_INTERVAL_SECONDS) through the same clients and engine the
// console's scheduler uses. With the embedded database it refuses while the console server owns the data folder.
import { parseArgs } from "node:util";
import { getConfig, hasTenant } from "../lib/config/env";
import { getDatabase } from "../lib/db";
import { runSync } from "../lib/sync/engine";
import { policyFromConfig } from "../lib/sync/policy";
import { createSyncSources } from "../lib/sync/sources";
import { SYNC_ENTITIES, type EntitySummary, type SyncEntity } from "../lib/sync/types";

function printSummary(s: EntitySummary) {
  const line = [
    s.entity.padEnd(22),
    s.status.padEnd(8),
    s.mode.padEnd(12),
    `fetched ${String(s.fetched).padStart(7)}`,
    `upserted ${String(s.upserted).padStart(7)}`,
    `skipped ${String(s.skipped).padStart(4)}`,
    `calls ${String(s.calls).padStart(4)}`,
    `${(s.durationMs / 1000).toFixed(1).padStart(6)} s`,
  ].join("  ");
  console.log(s.error ? `${line}  ✗ ${s.error}` : line);
  for (const note of s.notes ?? []) console.log(`${"".padEnd(24)}${note}`);
  for (const k of s.skippedSample ?? []) console.log(`${"".padEnd(24)}skipped ${k.id ?? "(no id)"}: ${k.reason}`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      once: { type: "boolean", default: false },
      full: { type: "boolean", default: false },
      entities: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  if (!hasTenant()) {
    console.error("sync: no tenant configured (ENTRA_TENANT_ID, ENTRA_CLIENT_ID, ENTRA_CLIENT_SECRET). See README.");
    return 2;
  }
  const entities = values.entities?.split(",").map((e) => e.trim()) as SyncEntity[] | undefined;
  const unknown = entities?.filter((e) => !SYNC_ENTITIES.includes(e));
  if (unknown?.length) {
    console.error(`sync: unknown entit(ies) ${unknown.join(", ")}; known: ${SYNC_ENTITIES.join(", ")}`);
    return 2;
  }
  const db = getDatabase().prisma;
  const sources = createSyncSources();
  do {
    const started = Date.now();
    const summaries = await runSync({
      db,
      sources,
      entities,
      full: values.full,
      policy: policyFromConfig(),
      onEntity: values.json ? undefined : printSummary,
    });
    if (values.json) console.log(JSON.stringify(summaries));
    else
      console.log(
        `pass finished in ${((Date.now() - started) / 1000).toFixed(1)} s, ${sources.calls()} calls in total`,
      );
    if (values.once) return summaries.some((s) => s.status === "failed") ? 1 : 0;
    await new Promise((r) => setTimeout(r, getConfig().SYNC_INTERVAL_SECONDS * 1000 || 300_000));
  } while (true);
}

// Ctrl+C: exit through process.exit so exit hooks run (the embedded database's owner file is released).
process.once("SIGINT", () => process.exit(130));

main()
  .then(async (code) => {
    await getDatabase().close();
    process.exit(code);
  })
  .catch((error: unknown) => {
    console.error(`sync: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
