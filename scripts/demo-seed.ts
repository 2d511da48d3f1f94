// Fills the demo's cache through the real path: the console's own clients and sync engine against the simulated
// tenant. Run by `npm run demo` as a child process (so NODE_EXTRA_CA_CERTS is set at start, as in production).
//   --emulator URL   the simulated tenant, whose control API can move its clock
//   --history-days N exposure/secure score history to build (the API returns only today's value, so the emulator's
//                    clock is stepped back one day at a time and the scores job runs for each day)
import { parseArgs } from "node:util";
import { getDatabase } from "../lib/db";
import { runSync } from "../lib/sync/engine";
import { policyFromConfig } from "../lib/sync/policy";
import { createSyncSources } from "../lib/sync/sources";

const { values } = parseArgs({
  options: { emulator: { type: "string" }, "history-days": { type: "string", default: "90" } },
});

async function setEmulatorClock(body: object) {
  const res = await fetch(`${values.emulator}/_emulator/clock`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`emulator clock: HTTP ${res.status}`);
}

async function main() {
  const db = getDatabase().prisma;
  const sources = createSyncSources();
  const days = Number(values["history-days"]);
  if (values.emulator && days > 0) {
    const today = Date.now();
    for (let d = days; d >= 1; d--) {
      await setEmulatorClock({ now: new Date(today - d * 86_400_000).toISOString() });
      await runSync({ db, sources, entities: ["scores"], full: true });
    }
    await setEmulatorClock({});
    console.error(`Score history: ${days} daily snapshots recorded through the scores sync.`);
  }
  const started = Date.now();
  const summaries = await runSync({ db, sources, full: true, policy: policyFromConfig() });
  const failed = summaries.filter((s) => s.status === "failed");
  const records = summaries.reduce((n, s) => n + s.upserted, 0);
  console.error(
    `First sync: ${records} records in ${((Date.now() - started) / 1000).toFixed(1)} s, ${sources.calls()} calls${failed.length ? `; FAILED: ${failed.map((f) => `${f.entity} (${f.error})`).join(", ")}` : ""}.`,
  );
  await getDatabase().close();
  process.exit(failed.length ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(`demo-seed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
