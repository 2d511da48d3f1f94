import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  alertPages,
  batchUpdateAlerts,
  cancelMachineAction,
  configurationScore,
  createDefenderClient,
  exposureScore,
  exposureScoreByGroups,
  getAlert,
  getMachine,
  getMachineAction,
  incidentPages,
  isAlreadyInProgress,
  logonUsers,
  machineActionPages,
  machinePages,
  machineVulnerabilityPages,
  pendingMachineActions,
  ProviderError,
  recommendationPages,
  requestMachineAction,
  softwarePages,
  updateAlert,
  vulnerabilityPages,
  type DefenderClientOptions,
} from "./index";
import { control, drainPages, FAST_RETRIES, realSleep, startEmulatedTenant, type EmulatedTenant } from "./testing";

// The Defender and XDR clients against an in-process simulated tenant over real HTTPS and real MSAL.

let tenant: EmulatedTenant;
let emu: EmulatedTenant["emu"];
let transport: EmulatedTenant["transport"];

function clientFor(extra: Partial<DefenderClientOptions> = {}, app?: { clientId: string; clientSecret: string }) {
  return createDefenderClient({
    baseUrl: emu.defenderUrl,
    xdrBaseUrl: emu.defenderUrl,
    tokens: tenant.tokens(app),
    fetch: transport.fetch,
    ...FAST_RETRIES,
    ...extra,
  });
}

const setFaults = (spec: object) => tenant.setFaults(spec);

beforeAll(async () => {
  tenant = await startEmulatedTenant({
    seed: "defender-client",
    devices: 40,
    alerts: 300,
    vulnsPerDevice: 5,
    actionDelaysMs: { toInProgress: 120_000, toFinal: 120_000 },
  });
  ({ emu, transport } = tenant);
});

afterAll(async () => {
  await tenant?.close();
});

beforeEach(async () => {
  await setFaults({});
});

describe("listing everything", () => {
  it("pages every collection to the end with exactly the tenant's counts", async () => {
    const c = clientFor();
    const alerts = await drainPages(alertPages(c, { pageSize: 70 }));
    expect(alerts.items).toHaveLength(emu.tenant.alerts.length);
    expect(new Set(alerts.items.map((a) => a.id)).size).toBe(300);
    expect(alerts.pages).toBe(5);
    expect(alerts.items.some((a) => a.evidence.length > 0)).toBe(true);
    expect(alerts.items.every((a) => Array.isArray(a.mitreTechniques))).toBe(true);

    const machines = await drainPages(machinePages(c));
    expect(machines.items.map((m) => m.id).sort()).toEqual(emu.tenant.machines.map((m) => m.id).sort());
    expect(machines.pages).toBe(1);

    expect((await drainPages(vulnerabilityPages(c))).items).toHaveLength(emu.tenant.vulns.length);
    const rows = await drainPages(machineVulnerabilityPages(c, { pageSize: 60 }));
    expect(rows.items).toHaveLength(emu.tenant.rows.rowVuln.length);
    expect(new Set(rows.items.map((r) => r.id)).size).toBe(rows.items.length);
    expect((await drainPages(recommendationPages(c))).items).toHaveLength(emu.tenant.recommendations.length);
    expect((await drainPages(softwarePages(c))).items).toHaveLength(emu.tenant.software.length);

    const incidents = await drainPages(incidentPages(c));
    expect(incidents.items).toHaveLength(emu.tenant.incidents.length);
    expect(incidents.pages).toBe(Math.ceil(emu.tenant.incidents.length / 100));

    expect(c.stats().byPath["/api/alerts"]).toBe(5);
    expect(c.stats().retries).toBe(0);
  });

  it("filters alerts and incidents by lastUpdateTime and machines by lastSeen", async () => {
    const c = clientFor();
    const all = (await drainPages(alertPages(c))).items;
    const times = all.map((a) => Date.parse(a.lastUpdateTime)).sort((a, b) => a - b);
    const since = new Date(times[Math.floor(times.length / 2)]!);
    const recent = (await drainPages(alertPages(c, { updatedSince: since }))).items;
    expect(recent.length).toBe(all.filter((a) => Date.parse(a.lastUpdateTime) >= since.getTime()).length);
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.length).toBeLessThan(all.length);

    const incidents = (await drainPages(incidentPages(c))).items;
    const iSince = new Date(Math.max(...incidents.map((i) => Date.parse(i.lastUpdateTime))) - 7 * 86_400_000);
    const iRecent = (await drainPages(incidentPages(c, { updatedSince: iSince }))).items;
    expect(iRecent.length).toBe(incidents.filter((i) => Date.parse(i.lastUpdateTime) >= iSince.getTime()).length);

    const machines = (await drainPages(machinePages(c))).items;
    const mSince = new Date(Math.max(...machines.map((m) => Date.parse(m.lastSeen!))) - 86_400_000);
    const mRecent = (await drainPages(machinePages(c, { seenSince: mSince }))).items;
    expect(mRecent.length).toBe(machines.filter((m) => Date.parse(m.lastSeen!) >= mSince.getTime()).length);
  });

  it("reads single entities and scores", async () => {
    const c = clientFor();
    const first = (await alertPages(c, { pageSize: 1 }).next()).value!.items[0]!;
    const alert = await getAlert(c, first.id);
    expect(alert.id).toBe(first.id);
    const machine = await getMachine(c, emu.tenant.machines[0]!.id);
    expect(machine.id).toBe(emu.tenant.machines[0]!.id);
    expect(typeof machine.rbacGroupId).toBe("number");
    expect((await logonUsers(c, machine.id)).length).toBeGreaterThan(0);
    expect((await exposureScore(c)).score).toBeGreaterThan(0);
    expect((await configurationScore(c)).score).toBeGreaterThan(0);
    const groups = await exposureScoreByGroups(c);
    expect(groups.length).toBeGreaterThan(0);
    expect(groups[0]).toMatchObject({
      rbacGroupName: expect.any(String),
      score: expect.any(Number),
      time: expect.any(String),
    });
  });
});

describe("writes", () => {
  it("updates one alert and a batch", async () => {
    const c = clientFor();
    const [a, b] = (await alertPages(c, { pageSize: 2 }).next()).value!.items;
    const updated = await updateAlert(c, a!.id, { status: "InProgress", assignedTo: "secop@contoso.example" });
    expect(updated).toMatchObject({ id: a!.id, status: "InProgress", assignedTo: "secop@contoso.example" });
    await batchUpdateAlerts(c, {
      alertIds: [a!.id, b!.id],
      status: "Resolved",
      classification: "FalsePositive",
      determination: "Clean",
      comment: "batch",
    });
    for (const id of [a!.id, b!.id]) expect((await getAlert(c, id)).status).toBe("Resolved");
  });

  it("isolates once, maps the duplicate to isAlreadyInProgress, lists and cancels the action", async () => {
    const c = clientFor();
    const windows =
      emu.tenant.machines.find((m) =>
        String((m as unknown as { osPlatform?: string }).osPlatform ?? "").startsWith("Windows1"),
      ) ?? emu.tenant.machines[0]!;
    const action = await requestMachineAction(c, windows.id, "isolate", { Comment: "contain", IsolationType: "Full" });
    expect(action).toMatchObject({ type: "Isolate", status: "Pending", machineId: windows.id, scope: "Full" });
    expect(action.lastUpdateDateTimeUtc).toEqual(expect.any(String));

    const dup = await requestMachineAction(c, windows.id, "isolate", { Comment: "again" }).catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(ProviderError);
    expect(isAlreadyInProgress(dup)).toBe(true);
    expect(c.stats().byPath["/api/machines/{id}/isolate"]).toBe(2);

    expect((await pendingMachineActions(c, windows.id)).map((a) => a.id)).toContain(action.id);
    expect((await getMachineAction(c, action.id)).status).toBe("Pending");
    const listed = (
      await drainPages(machineActionPages(c, { createdSince: new Date(Date.parse(action.creationDateTimeUtc) - 1000) }))
    ).items;
    expect(listed.map((a) => a.id)).toContain(action.id);
    const cancelled = await cancelMachineAction(c, action.id, "test over");
    expect(cancelled.status).toBe("Cancelled");
  });

  it("a read-only app gets 403 on isolate", async () => {
    const c = clientFor({}, emu.readOnlyClient);
    const err = await requestMachineAction(c, emu.tenant.machines[0]!.id, "isolate", {
      Comment: "x",
      IsolationType: "Full",
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ provider: "defender", status: 403, code: "Forbidden" });
  });
});

describe("tokens", () => {
  it("fetches one token per scope through MSAL's injected network client, then serves the cache", async () => {
    await control(transport, emu.baseUrl, "POST", "/_emulator/stats/reset");
    const before = transport.msalRequests.length;
    const c = clientFor();
    await Promise.all([exposureScore(c), configurationScore(c), exposureScoreByGroups(c)]);
    for (let i = 0; i < 5; i++) await exposureScore(c);
    await drainPages(incidentPages(c));
    await drainPages(incidentPages(c));
    const stats = (await control(transport, emu.baseUrl, "GET", "/_emulator/stats")) as {
      byRoute: Record<string, number>;
    };
    expect(stats.byRoute["POST /{tenant}/oauth2/v2.0/token"]).toBe(2);
    expect(transport.msalRequests.slice(before).filter((u) => u.includes("/oauth2/v2.0/token"))).toHaveLength(2);
  });

  it("a wrong secret is a ProviderError with the token endpoint's 401", async () => {
    const c = clientFor({}, { clientId: emu.clientId, clientSecret: "wrong-secret" });
    const err = await exposureScore(c).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ provider: "defender", status: 401, code: "invalid_client" });
    expect((err as Error).message).not.toContain("wrong-secret");
  });
});

describe("faults", () => {
  async function reference() {
    const c = clientFor();
    return {
      alerts: (await drainPages(alertPages(c, { pageSize: 25 }))).items.map((a) => a.id).sort(),
      rows: (await drainPages(machineVulnerabilityPages(c, { pageSize: 50 }))).items.map((r) => r.id).sort(),
    };
  }

  it.each([
    ["errors", { errorRate: 0.3 }],
    ["dropped connections", { dropRate: 0.2 }],
    ["nextLink loop", { nextLinkLoop: true }],
  ])("returns the same complete set with %s", async (_name, spec) => {
    const ref = await reference();
    await setFaults(spec);
    const c = clientFor();
    const alerts = await drainPages(alertPages(c, { pageSize: 25 }));
    const rows = await drainPages(machineVulnerabilityPages(c, { pageSize: 50 }));
    expect(alerts.items.map((a) => a.id).sort()).toEqual(ref.alerts);
    expect(rows.items.map((r) => r.id).sort()).toEqual(ref.rows);
    if (!("nextLinkLoop" in spec)) expect(c.stats().retries).toBeGreaterThan(0);
  });

  it.each([0.05, 0.5])(
    "reports malformed records as skipped and leaves them out (malformedRate %s)",
    async (malformedRate) => {
      const ref = await reference();
      await setFaults({ malformedRate });
      const c = clientFor();
      const alerts = await drainPages(alertPages(c, { pageSize: 10 }));
      const ids = alerts.items.map((a) => a.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.every((id) => ref.alerts.includes(id))).toBe(true);
      expect(ids.length + alerts.skipped.length).toBe(ref.alerts.length);
      if (malformedRate === 0.5) expect(alerts.skipped.length).toBeGreaterThan(0);
      for (const s of alerts.skipped) {
        expect(s.reason).toMatch(/^[\w.]+: /);
        if (s.id !== null && ref.alerts.includes(s.id)) expect(ids).not.toContain(s.id);
      }
    },
  );

  it("honours Retry-After on 429 and still completes", async () => {
    await setFaults({ rateLimit: { perMinute: 3, windowSeconds: 2 } });
    const waits: number[] = [];
    const c = clientFor({ sleep: (ms) => (waits.push(ms), realSleep(ms)) });
    const started = Date.now();
    const alerts = await drainPages(alertPages(c, { pageSize: 60 }));
    expect(alerts.items).toHaveLength(300);
    const s = c.stats();
    expect(s.throttled).toBeGreaterThan(0);
    expect(s.calls).toBe(5 + s.retries);
    // Every throttled attempt waited what the emulator asked for (whole seconds, ≤ the 2 s window).
    expect(waits.length).toBe(s.throttled);
    expect(waits.every((w) => w >= 1000 && w <= 2000)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });
});
