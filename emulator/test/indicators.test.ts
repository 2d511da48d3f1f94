import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageAll, startHarness, type Harness } from "./helpers";

let h: Harness;
let nearCap: Harness;
// Ti.ReadWrite only: sees and deletes only what it created.
const ownApp = {
  clientId: "9a8b7c6d-1111-4222-8333-444455556666",
  clientSecret: "own-app-secret",
  permissions: ["Ti.ReadWrite"],
};
const importApp = {
  clientId: "9a8b7c6d-2222-4222-8333-444455556666",
  clientSecret: "import-app-secret",
  permissions: ["Ti.ReadWrite.All"],
};
beforeAll(async () => {
  h = await startHarness({ devices: 20, alerts: 40, extraApps: [ownApp, importApp] });
  nearCap = await startHarness({ devices: 10, alerts: 20, indicators: 15_003 });
});
afterAll(async () => {
  await h.close();
  await nearCap.close();
});

const sha = (n: number) => n.toString(16).padStart(64, "a");
const indicator = (value: string, extra: Record<string, unknown> = {}) => ({
  indicatorValue: value,
  indicatorType: "FileSha256",
  action: "Block",
  title: "Blocked by the SOC",
  description: "From alert evidence",
  severity: "High",
  ...extra,
});

describe("indicators", () => {
  it("lists the seeded indicators in the documented envelope and filters on documented properties", async () => {
    const res = await h.call("GET", "/api/indicators");
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body["@odata.context"]).toBe(`${h.emu.baseUrl}/api/$metadata#Indicators`);
    expect(body.value.length).toBe(24);
    expect(Object.keys(body.value[0]).slice(0, 5)).toEqual([
      "id",
      "indicatorValue",
      "indicatorType",
      "action",
      "application",
    ]);
    const ips = (await h.call("GET", "/api/indicators?$filter=indicatorType eq 'IpAddress'")).json().value;
    expect(ips.length).toBe(
      body.value.filter((i: { indicatorType: string }) => i.indicatorType === "IpAddress").length,
    );
    expect((await h.call("GET", "/api/indicators?$filter=severity eq 'High' and action eq 'Block'")).status).toBe(200);
    const bad = await h.call("GET", "/api/indicators?$filter=id eq '1000'");
    expect(bad.status).toBe(400);
    expect(bad.json().error.code).toBe("ODataError");
  });

  it("submits (200) and updates an indicator with the same value and type", async () => {
    const res = await h.call("POST", "/api/indicators", { body: indicator(sha(1), { rbacGroupNames: ["Finance"] }) });
    expect(res.status).toBe(200);
    const created = res.json();
    expect(created).toMatchObject({
      indicatorValue: sha(1),
      action: "Block",
      sourceType: "AadApp",
      rbacGroupIds: ["101"],
    });
    const updated = (
      await h.call("POST", "/api/indicators", { body: indicator(sha(1), { action: "Audit", generateAlert: true }) })
    ).json();
    expect(updated.id).toBe(created.id);
    expect(updated.action).toBe("Audit");
  });

  it("answers the documented 400s for bad bodies and values", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...indicator(sha(2)), title: undefined }, "MissingRequiredParameter"],
      [indicator("zzz"), "InvalidHashValue"],
      [indicator("10.0.0.0/8", { indicatorType: "IpAddress" }), "InvalidIpAddress"],
      [indicator("not a domain", { indicatorType: "DomainName" }), "InvalidDomainName"],
      [indicator("http://", { indicatorType: "Url" }), "InvalidUrl"],
      [indicator(sha(3), { action: "Audit" }), "InvalidInput"],
      [indicator("8.8.8.8", { indicatorType: "IpAddress", action: "BlockAndRemediate" }), "InvalidInput"],
      [indicator(""), "InvalidInput"],
    ];
    for (const [body, code] of cases) {
      const res = await h.call("POST", "/api/indicators", { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe(code);
    }
  });

  it("imports up to 500 per call with per-row results; more → MaximumBatchSizeExceeded", async () => {
    const rows = [indicator(sha(10)), indicator("bad-hash"), indicator("198.51.100.7", { indicatorType: "IpAddress" })];
    const res = await h.call("POST", "/api/indicators/import", { body: { Indicators: rows } });
    expect(res.status).toBe(200);
    const value = res.json().value;
    expect(value).toHaveLength(3);
    expect(value[0]).toMatchObject({ indicator: sha(10), isFailed: false, failureReason: null });
    expect(value[0].id).toMatch(/^\d+$/);
    expect(value[1]).toMatchObject({ id: null, indicator: "bad-hash", isFailed: true });
    expect(value[1].failureReason).toBe("Hash value bad-hash is invalid.");
    const tooMany = Array.from({ length: 501 }, (_, i) => indicator(sha(1000 + i)));
    const over = await h.call("POST", "/api/indicators/import", { body: { Indicators: tooMany } });
    expect(over.status).toBe(400);
    expect(over.json().error).toMatchObject({
      code: "MaximumBatchSizeExceeded",
      message: "Maximum batch size exceeded. Received: 501, allowed: 500.",
    });
  });

  it("allows 30 imports a minute, then 429 with code '429', the tenant as target and Retry-After", async () => {
    for (let i = 0; i < 30; i++) {
      const res = await h.call("POST", "/api/indicators/import", {
        client: importApp,
        body: { Indicators: [indicator(sha(5000 + i))] },
      });
      expect(res.status).toBe(200);
    }
    const res = await h.call("POST", "/api/indicators/import", {
      client: importApp,
      body: { Indicators: [indicator(sha(6000))] },
    });
    expect(res.status).toBe(429);
    const error = res.json().error;
    expect(error.code).toBe("429");
    expect(error.target).toBe(h.emu.tenantId);
    expect(error.message).toMatch(
      /^API calls quota exceeded! Maximum allowed 30 per 00:01:00 for the key Destination\+TenantID\+AppID\. You can send requests again in \d+ seconds\.$/,
    );
    expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
  });

  it("deletes one (204, then 404) and batch-deletes (204; 404 if any id is unknown, nothing deleted)", async () => {
    const a = (await h.call("POST", "/api/indicators", { body: indicator(sha(20)) })).json();
    const b = (await h.call("POST", "/api/indicators", { body: indicator(sha(21)) })).json();
    const c = (await h.call("POST", "/api/indicators", { body: indicator(sha(22)) })).json();
    expect((await h.call("DELETE", `/api/indicators/${a.id}`)).status).toBe(204);
    expect((await h.call("DELETE", `/api/indicators/${a.id}`)).status).toBe(404);
    const unknown = await h.call("POST", "/api/indicators/BatchDelete", { body: { IndicatorIds: [b.id, "999999"] } });
    expect(unknown.status).toBe(404);
    expect((await h.call("GET", `/api/indicators?$filter=indicatorValue eq '${sha(21)}'`)).json().value).toHaveLength(
      1,
    );
    expect((await h.call("POST", "/api/indicators/BatchDelete", { body: { IndicatorIds: [] } })).status).toBe(400);
    expect((await h.call("POST", "/api/indicators/BatchDelete", { body: { IndicatorIds: ["abc"] } })).status).toBe(400);
    const many = Array.from({ length: 501 }, (_, i) => String(i + 1));
    expect(
      (await h.call("POST", "/api/indicators/BatchDelete", { body: { IndicatorIds: many } })).json().error.code,
    ).toBe("MaximumBatchSizeExceeded");
    expect((await h.call("POST", "/api/indicators/BatchDelete", { body: { IndicatorIds: [b.id, c.id] } })).status).toBe(
      204,
    );
    expect((await h.call("GET", `/api/indicators?$filter=indicatorValue eq '${sha(22)}'`)).json().value).toHaveLength(
      0,
    );
  });

  it("limits Ti.ReadWrite apps to their own indicators (list, delete 404, batch delete 403)", async () => {
    const mine = (await h.call("POST", "/api/indicators", { client: ownApp, body: indicator(sha(30)) })).json();
    const theirs = (await h.call("POST", "/api/indicators", { body: indicator(sha(31)) })).json();
    const seen = (await h.call("GET", "/api/indicators", { client: ownApp })).json().value;
    expect(seen.map((i: { id: string }) => i.id)).toEqual([mine.id]);
    expect((await h.call("DELETE", `/api/indicators/${theirs.id}`, { client: ownApp })).status).toBe(404);
    const batch = await h.call("POST", "/api/indicators/BatchDelete", {
      client: ownApp,
      body: { IndicatorIds: [mine.id, theirs.id] },
    });
    expect(batch.status).toBe(403);
    expect((await h.call("GET", "/api/indicators", { client: h.emu.readOnlyClient })).status).toBe(403);
  });

  it("refuses new indicators beyond 15,000 active ones; expired ones do not count; updates still pass", async () => {
    const count = (await nearCap.call("GET", "/api/indicators/$count")).text;
    expect(Number(count)).toBe(15_003);
    // Some seeded indicators have expired: they do not count.
    const all = (await pageAll(nearCap, "/api/indicators")).items as { expirationTime: string | null }[];
    expect(all).toHaveLength(15_003);
    const active = all.filter((i) => i.expirationTime === null || Date.parse(i.expirationTime) > Date.now()).length;
    expect(active).toBeLessThan(15_000);
    const free = 15_000 - active;
    const rows = Array.from({ length: 500 }, (_, i) => indicator(sha(70_000 + i)));
    let created = 0;
    let imports = 0;
    while (created < free && imports < 20) {
      const value = (
        await nearCap.call("POST", "/api/indicators/import", {
          body: { Indicators: rows.map((r, i) => ({ ...r, indicatorValue: sha(70_000 + imports * 500 + i) })) },
        })
      ).json().value;
      created += value.filter((v: { isFailed: boolean }) => !v.isFailed).length;
      imports++;
      if (created >= free) {
        expect(
          value.some((v: { failureReason: string | null }) => /15000 active indicators/.test(v.failureReason ?? "")),
        ).toBe(true);
      }
    }
    expect(created).toBe(free);
    const refused = await nearCap.call("POST", "/api/indicators", { body: indicator(sha(99_999)) });
    expect(refused.status).toBe(400);
    expect(refused.json().error.message).toMatch(/limit of 15000 active indicators/);
    const update = await nearCap.call("POST", "/api/indicators", { body: indicator(sha(70_000), { severity: "Low" }) });
    expect(update.status).toBe(200);
  });
});
