import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { drainPages, FAST_RETRIES, realSleep, startEmulatedTenant, type EmulatedTenant } from "../defender/testing";
import {
  createGraphClient,
  getManagedDevice,
  managedDevicePages,
  PagingError,
  ProviderError,
  type GraphClientOptions,
  type ManagedDevice,
  type Page,
} from "./index";

// Intune managed devices through @microsoft/microsoft-graph-client, MSAL and our request core, against the emulator.

let tenant: EmulatedTenant;
let emu: EmulatedTenant["emu"];
let transport: EmulatedTenant["transport"];

function clientFor(extra: Partial<GraphClientOptions> = {}, app?: { clientId: string; clientSecret: string }) {
  return createGraphClient({
    baseUrl: emu.graphUrl,
    tokens: tenant.tokens(app),
    fetch: transport.fetch,
    ...FAST_RETRIES,
    ...extra,
  });
}

async function drain(gen: AsyncGenerator<Page<ManagedDevice>>) {
  const all = await drainPages(gen);
  return { ...all, ids: all.items.map((d) => d.id).sort() };
}

const setFaults = (spec: object) => tenant.setFaults(spec);

beforeAll(async () => {
  tenant = await startEmulatedTenant({ seed: "graph-client", devices: 40, alerts: 20, vulnsPerDevice: 2 });
  ({ emu, transport } = tenant);
});

afterAll(async () => {
  await tenant?.close();
});

beforeEach(async () => {
  await setFaults({});
});

describe("managed devices", () => {
  it("lists every Intune device in one page at $top=1000, and follows nextLinks with small pages", async () => {
    const c = clientFor();
    const expected = emu.tenant.managedDevices.length;
    const one = await drain(managedDevicePages(c));
    expect(one.items).toHaveLength(expected);
    expect(one.pages).toBe(1);
    const small = await drain(managedDevicePages(c, { pageSize: 10 }));
    expect(small.ids).toEqual(one.ids);
    expect(small.pages).toBe(Math.ceil(expected / 10));
    expect(c.stats()).toMatchObject({
      calls: 1 + small.pages,
      retries: 0,
      byPath: { "/v1.0/deviceManagement/managedDevices": 1 + small.pages },
    });
    expect(one.items.some((d) => d.azureADDeviceId)).toBe(true);
  });

  it("filters by lastSyncDateTime and reads one device", async () => {
    const c = clientFor();
    const all = (await drain(managedDevicePages(c))).items;
    const times = all.map((d) => Date.parse(d.lastSyncDateTime)).sort((a, b) => a - b);
    const since = new Date(times[Math.floor(times.length / 2)]!);
    const recent = (await drain(managedDevicePages(c, { syncedSince: since }))).items;
    expect(recent.length).toBe(all.filter((d) => Date.parse(d.lastSyncDateTime) >= since.getTime()).length);
    expect(recent.length).toBeLessThan(all.length);
    const one = await getManagedDevice(c, all[0]!.id);
    expect(one.id).toBe(all[0]!.id);
    const missing = await getManagedDevice(c, "00000000-0000-0000-0000-000000000000").catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ProviderError);
    expect(missing).toMatchObject({ provider: "graph", status: 404, msRequestId: expect.any(String) });
  });

  it.each([
    ["errors", { errorRate: 0.3 }],
    ["dropped connections", { dropRate: 0.2 }],
  ])("returns the complete set with %s", async (_name, spec) => {
    const ref = (await drain(managedDevicePages(clientFor(), { pageSize: 10 }))).ids;
    await setFaults(spec);
    const c = clientFor();
    const got = await drain(managedDevicePages(c, { pageSize: 10 }));
    expect(got.ids).toEqual(ref);
  });

  it("a nextLink loop on an opaque $skiptoken, where $skip is not supported, is a PagingError", async () => {
    // The emulator's managedDevices accepts $skiptoken only (like Graph paging, learn.microsoft.com/graph/paging),
    // so the loop cannot be stepped over: the caller gets an error instead of a silently partial inventory.
    await setFaults({ nextLinkLoop: true });
    const err = await drain(managedDevicePages(clientFor(), { pageSize: 10 })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PagingError);
    expect((err as Error).message).toMatch(/\$skip was refused/);
  });

  it("skips malformed devices and reports them", async () => {
    const ref = (await drain(managedDevicePages(clientFor(), { pageSize: 5 }))).ids;
    await setFaults({ malformedRate: 0.5 });
    const got = await drain(managedDevicePages(clientFor(), { pageSize: 5 }));
    expect(got.skipped.length).toBeGreaterThan(0);
    expect(got.ids.length + got.skipped.length).toBe(ref.length);
    expect(got.ids.every((id) => ref.includes(id))).toBe(true);
  });

  it("honours Retry-After on 429", async () => {
    await setFaults({ rateLimit: { perMinute: 2, windowSeconds: 1 } });
    const waits: number[] = [];
    const c = clientFor({ sleep: (ms) => (waits.push(ms), realSleep(ms)) });
    const got = await drain(managedDevicePages(c, { pageSize: 10 }));
    expect(got.items).toHaveLength(emu.tenant.managedDevices.length);
    expect(c.stats().throttled).toBeGreaterThan(0);
    expect(waits.every((w) => w === 1000)).toBe(true);
  });

  it("a wrong secret is a ProviderError(401) from the token endpoint", async () => {
    const err = await drain(managedDevicePages(clientFor({}, { clientId: emu.clientId, clientSecret: "nope" }))).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ provider: "graph", status: 401, code: "invalid_client" });
  });

  it("throws PagingError, never a partial list, when a loop cannot be recovered", async () => {
    // A Graph that loops on its $skiptoken and ignores $skip: served by a fake fetch in front of the emulator.
    const fakeFetch: typeof fetch = async (input, init) => {
      const url = new URL(String(input instanceof Request ? input.url : input));
      if (url.pathname.endsWith("/managedDevices")) {
        url.searchParams.delete("$skip");
        url.searchParams.delete("$skiptoken");
        const res = await transport.fetch(url, init);
        const body = (await res.json()) as Record<string, unknown>;
        body["@odata.nextLink"] = `${emu.graphUrl}/v1.0/deviceManagement/managedDevices?$top=5&$skiptoken=loop`;
        return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
      }
      return transport.fetch(input, init);
    };
    const err = await drain(managedDevicePages(clientFor({ fetch: fakeFetch }), { pageSize: 5 })).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PagingError);
  });
});
