import { describe, expect, it } from "vitest";
import type { PrismaClient } from "../db";
import { DerivationSchedule, type Derivation, type DerivationName } from "./derive";
import { SYNC_ENTITIES, type SyncEntity } from "./types";

// When derived figures are computed during a sync: each once the entities it reads have finished, only if one it
// depends on changed, whole-Device updates one at a time, and the first failure reported at the end.

const db = {} as PrismaClient;

function fake(name: DerivationName, reads: SyncEntity[], writesDevice: boolean) {
  const log: string[] = [];
  let finish!: (error?: Error) => void;
  const derivation: Derivation = {
    name,
    triggers: reads,
    reads,
    writesDevice,
    run: () =>
      new Promise<void>((resolve, reject) => {
        log.push("started");
        finish = (error) => (error ? reject(error) : resolve());
      }),
  };
  return { derivation, log, finish: (error?: Error) => finish(error) };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("DerivationSchedule", () => {
  it("starts a derivation early once what it reads has finished, and whole-Device updates one after another", async () => {
    const a = fake("openAlerts", ["alerts", "machines"], true);
    const b = fake("vulnerabilityCounts", ["deviceVulnerabilities", "machines"], true);
    const c = fake("incidentCounts", ["alerts", "incidents"], false);
    const schedule = new DerivationSchedule(db, new Set(SYNC_ENTITIES), true, [
      a.derivation,
      b.derivation,
      c.derivation,
    ]);
    schedule.entityFinished("alerts", true);
    await tick();
    expect(a.log).toEqual([]);
    schedule.entityFinished("machines", true);
    schedule.entityFinished("deviceVulnerabilities", true);
    await tick();
    expect(a.log).toEqual(["started"]);
    expect(b.log).toEqual([]); // queued behind a: both rewrite every Device row
    a.finish();
    await tick();
    expect(b.log).toEqual(["started"]);
    expect(c.log).toEqual([]); // incidents not finished yet
    b.finish();
    const done = schedule.done();
    await tick();
    expect(c.log).toEqual(["started"]);
    c.finish();
    await done;
  });

  it("skips a derivation when nothing it depends on changed, and waits for all of them at done() without early start", async () => {
    const a = fake("openAlerts", ["alerts"], true);
    const b = fake("incidentCounts", ["incidents"], false);
    const schedule = new DerivationSchedule(db, new Set<SyncEntity>(["alerts", "incidents"]), false, [
      a.derivation,
      b.derivation,
    ]);
    schedule.entityFinished("alerts", true);
    schedule.entityFinished("incidents", false);
    await tick();
    expect(a.log).toEqual([]); // PGlite: nothing runs before done()
    const done = schedule.done();
    await tick();
    expect(a.log).toEqual(["started"]);
    expect(b.log).toEqual([]);
    a.finish();
    await done;
  });

  it("reports the first failure at done(), after the others have run; settle() waits without starting more", async () => {
    const a = fake("openAlerts", ["alerts"], true);
    const b = fake("vulnerabilityCounts", ["alerts"], true);
    const schedule = new DerivationSchedule(db, new Set<SyncEntity>(["alerts"]), true, [a.derivation, b.derivation]);
    schedule.entityFinished("alerts", true);
    await tick();
    a.finish(new Error("deadlock"));
    await tick();
    expect(b.log).toEqual(["started"]);
    b.finish();
    await expect(schedule.done()).rejects.toThrow("deadlock");

    const c = fake("incidentCounts", ["incidents"], false);
    const idle = new DerivationSchedule(db, new Set<SyncEntity>(["incidents"]), true, [c.derivation]);
    await idle.settle();
    expect(c.log).toEqual([]);
  });
});
