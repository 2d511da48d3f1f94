import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GRAPH, MDE, startHarness, type Harness } from "./helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ devices: 30, alerts: 120 });
  await h.token(MDE);
  await h.token(GRAPH);
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.control("POST", "/_emulator/faults", {});
  await h.control("POST", "/_emulator/stats/reset");
});

describe("rate limits", () => {
  it("answers 429 with an integer Retry-After and the documented body after perMinute calls", async () => {
    await h.control("POST", "/_emulator/faults", { rateLimit: { perMinute: 5 } });
    for (let i = 0; i < 5; i++) expect((await h.call("GET", "/api/alerts?$top=1")).status).toBe(200);
    const res = await h.call("GET", "/api/alerts?$top=1");
    expect(res.status).toBe(429);
    expect(res.headers["retry-after"]).toMatch(/^\d+$/);
    expect(Number(res.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    const err = res.json().error;
    expect(err.code).toBe("TooManyRequests");
    expect(err.message).toMatch(/Maximum allowed 5 per 00:01:00 .* You can send requests again in \d+ seconds\./);
    // Families are separate: machines still answer.
    expect((await h.call("GET", "/api/machines?$top=1")).status).toBe(200);
    // Graph answers 429 in its own envelope.
    for (let i = 0; i < 5; i++) await h.call("GET", "/v1.0/security/alerts_v2?$top=1");
    const graph = await h.call("GET", "/v1.0/security/alerts_v2?$top=1");
    expect(graph.status).toBe(429);
    expect(graph.json().error.innerError).toBeTruthy();
  });

  it("uses the documented per-family defaults (batchUpdate 10/min)", async () => {
    await h.control("POST", "/_emulator/faults", { rateLimit: true });
    const id = (await h.call("GET", "/api/alerts?$top=1")).json().value[0].id;
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push(
        (await h.call("POST", "/api/alerts/batchUpdate", { body: { alertIds: [id], comment: `c${i}` } })).status,
      );
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it("does not limit the token endpoint or control endpoints", async () => {
    await h.control("POST", "/_emulator/faults", { rateLimit: { perMinute: 1 }, errorRate: 1 });
    for (let i = 0; i < 3; i++) {
      const res = await h.http("POST", `${h.emu.authorityHost}/${h.emu.tenantId}/oauth2/v2.0/token`, {
        form: {
          grant_type: "client_credentials",
          client_id: h.emu.clientId,
          client_secret: h.emu.clientSecret,
          scope: `${MDE}/.default`,
        },
      });
      expect(res.status).toBe(200);
      expect((await h.control("GET", "/_emulator/stats")).status).toBe(200);
    }
  });
});

describe("injected faults", () => {
  it("answers 500/503 at errorRate 1 in the service envelope", async () => {
    await h.control("POST", "/_emulator/faults", { errorRate: 1 });
    const seen = new Set<number>();
    for (let i = 0; i < 12; i++) {
      const res = await h.call("GET", "/api/machines?$top=1");
      seen.add(res.status);
      expect(res.json().error.code).toMatch(/InternalServerError|ServiceUnavailable/);
    }
    expect([...seen].every((s) => s === 500 || s === 503)).toBe(true);
  });

  it("drops connections at dropRate 1", async () => {
    await h.control("POST", "/_emulator/faults", { dropRate: 1 });
    await expect(h.call("GET", "/api/alerts?$top=1")).rejects.toThrow(/socket hang up|ECONNRESET/);
  });

  it("adds latency", async () => {
    await h.control("POST", "/_emulator/faults", { latencyMs: 150 });
    const t0 = Date.now();
    await h.call("GET", "/api/alerts?$top=1");
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it("injects one malformed record per page at malformedRate 1", async () => {
    await h.control("POST", "/_emulator/faults", { malformedRate: 1 });
    let broken = 0;
    for (let i = 0; i < 6; i++) {
      const page = (await h.call("GET", `/api/alerts?$top=10&$skip=${i * 10}`)).json().value as Record<
        string,
        unknown
      >[];
      broken += page.filter(
        (a) =>
          typeof a.id !== "string" ||
          (typeof a.lastUpdateTime === "string" && Number.isNaN(Date.parse(a.lastUpdateTime))),
      ).length;
    }
    expect(broken).toBe(6);
  });

  it("makes nextLinks loop back to an earlier page", async () => {
    await h.control("POST", "/_emulator/faults", { nextLinkLoop: true });
    const first = (await h.call("GET", "/api/alerts?$top=10")).json();
    const second = (await h.call("GET", first["@odata.nextLink"])).json();
    expect(second["@odata.nextLink"]).toContain("$skip=0");
  });

  it("validates fault specs and resets with {}", async () => {
    expect((await h.control("POST", "/_emulator/faults", { errorRate: 2 })).status).toBe(400);
    expect((await h.control("POST", "/_emulator/faults", { bogus: true })).status).toBe(400);
    await h.control("POST", "/_emulator/faults", { errorRate: 1 });
    expect((await h.control("POST", "/_emulator/faults", {})).json()).toEqual({});
    expect((await h.call("GET", "/api/alerts?$top=1")).status).toBe(200);
  });
});

describe("stats", () => {
  it("counts calls per route template and family, and resets", async () => {
    const m = (await h.call("GET", "/api/machines?$top=2")).json().value[0];
    await h.call("GET", `/api/v1.0/machines/${m.id}`);
    await h.call("GET", "/api/alerts?$top=1");
    await h.call("GET", "/v1.0/deviceManagement/managedDevices?$top=1");
    const stats = (await h.control("GET", "/_emulator/stats")).json();
    expect(stats.byRoute["GET /api/machines"]).toBe(1);
    expect(stats.byRoute["GET /api/machines/{id}"]).toBe(1);
    expect(stats.byRoute["GET /api/alerts"]).toBe(1);
    expect(stats.byRoute["GET /v1.0/deviceManagement/managedDevices"]).toBe(1);
    expect(stats.byFamily.machines).toBe(2);
    expect(stats.total).toBe(4);
    expect(stats.byRouteStatus["GET /api/alerts"]).toEqual({ 200: 1 });
    expect((await h.control("POST", "/_emulator/stats/reset")).json().total).toBe(0);
  });
});
