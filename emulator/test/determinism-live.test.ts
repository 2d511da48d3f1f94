import { afterAll, describe, expect, it } from "vitest";
import { sleep, startHarness, type Harness } from "./helpers";

const opened: Harness[] = [];
afterAll(() => Promise.all(opened.map((h) => h.close())));
const start = async (opts: Parameters<typeof startHarness>[0]) => {
  const h = await startHarness({ devices: 25, alerts: 80, vulnsPerDevice: 6, ...opts });
  opened.push(h);
  return h;
};

const snapshot = async (h: Harness) => ({
  alerts: (await h.call("GET", "/api/alerts?$expand=evidence")).json().value,
  machines: (await h.call("GET", "/api/machines")).json().value,
  vulns: (await h.call("GET", "/api/vulnerabilities/machinesVulnerabilities")).json().value,
  devices: (await h.call("GET", "/v1.0/deviceManagement/managedDevices")).json().value,
});

describe("determinism", () => {
  it("produces identical ids and content for the same seed and epoch", async () => {
    const epoch = "2025-03-01T12:00:00Z";
    const a = await start({ seed: 42, epoch });
    const b = await start({ seed: 42, epoch });
    expect(a.emu.tenantId).toBe(b.emu.tenantId);
    expect(a.emu.clientId).toBe(b.emu.clientId);
    expect(await snapshot(a)).toEqual(await snapshot(b));
    const c = await start({ seed: 43, epoch });
    const other = await snapshot(c);
    expect(other.machines.map((m: { id: string }) => m.id)).not.toEqual(
      (await snapshot(a)).machines.map((m: { id: string }) => m.id),
    );
  });

  it("keeps ids stable across start times when the epoch is not pinned", async () => {
    const a = await start({ seed: "stable" });
    const b = await start({ seed: "stable", epoch: Date.now() - 86_400_000 });
    const ids = async (h: Harness) =>
      (await h.call("GET", "/api/alerts"))
        .json()
        .value.map((x: { id: string }) => x.id)
        .sort();
    expect(await ids(a)).toEqual(await ids(b));
  });
});

describe("live mode", () => {
  it("adds and updates alerts so lastUpdateTime ge X sees exactly those", async () => {
    const h = await start({ seed: "live" });
    const before = (await h.call("GET", "/api/alerts")).json().value as { id: string; lastUpdateTime: string }[];
    await sleep(5);
    const since = new Date().toISOString();
    await sleep(5);
    const tick = (await h.control("POST", "/_emulator/live/tick")).json() as { created: string[]; updated: string[] };
    expect(tick.created.length).toBeGreaterThan(0);
    const changed = (await h.call("GET", `/api/alerts?$filter=lastUpdateTime ge ${since}`)).json().value as {
      id: string;
      status: string;
    }[];
    expect(changed.map((a) => a.id).sort()).toEqual([...new Set([...tick.created, ...tick.updated])].sort());
    const after = (await h.call("GET", "/api/alerts")).json().value;
    expect(after.length).toBe(before.length + tick.created.length);
    const created = changed.find((a) => a.id === tick.created[0])!;
    expect(created.status).toBe("New");
    const xdr = "https://api.security.microsoft.com";
    const incidents = (
      await h.call("GET", `/api/incidents?$filter=lastUpdateTime ge ${since}`, { resource: xdr })
    ).json().value as { alerts: { alertId: string }[] }[];
    expect(incidents.flatMap((i) => i.alerts.map((a) => a.alertId))).toEqual(expect.arrayContaining(tick.created));
  });

  it("runs on a timer with the live option", async () => {
    const h = await start({ seed: "timer", live: { intervalMs: 150 } });
    const count = async () => Number((await h.call("GET", "/api/alerts/$count")).text);
    const initial = await count();
    await sleep(500);
    expect(await count()).toBeGreaterThan(initial);
  });
});
