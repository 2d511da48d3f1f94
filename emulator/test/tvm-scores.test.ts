import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { machineVulnerabilityJson, machineVulnerabilityText } from "../src/defender/tvm-json";
import { generateTenant } from "../src/tenant/generate";
import { pageAll, startHarness, type Harness } from "./helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ devices: 50, alerts: 100, vulnsPerDevice: 12 });
});
afterAll(() => h.close());

const get = async (path: string) => {
  const res = await h.call("GET", path);
  expect(res.status, `${path}: ${res.text.slice(0, 200)}`).toBe(200);
  return res.json();
};

describe("vulnerabilities", () => {
  it("lists CVEs with exploit flags, enforces $top ≤ 8,000 and filters", async () => {
    const body = await get("/api/vulnerabilities");
    const v = body.value[0];
    expect(v.id).toMatch(/^CVE-\d{4}-\d+$/);
    for (const k of [
      "cvssV3",
      "severity",
      "publicExploit",
      "exploitVerified",
      "exploitInKit",
      "exposedMachines",
      "publishedOn",
    ])
      expect(v).toHaveProperty(k);
    expect((await h.call("GET", "/api/vulnerabilities?$top=8001")).status).toBe(400);
    expect((await h.call("GET", "/api/vulnerabilities?$top=8000")).status).toBe(200);
    const critical = (await get("/api/vulnerabilities?$filter=severity eq 'Critical'")).value as { severity: string }[];
    expect(critical.every((x) => x.severity === "Critical")).toBe(true);
    const zeroDays = (body.value as { description: string; publicExploit: boolean }[]).filter((x) =>
      x.description.startsWith("Zero-day"),
    );
    expect(zeroDays.length).toBeGreaterThan(0);
    expect(zeroDays.every((x) => x.publicExploit)).toBe(true);
  });

  it("keeps exposedMachines consistent with machineReferences and machinesVulnerabilities", async () => {
    const vulns = ((await get("/api/vulnerabilities")).value as { id: string; exposedMachines: number }[])
      .filter((v) => v.exposedMachines > 0)
      .slice(0, 3);
    for (const v of vulns) {
      const refs = (await get(`/api/vulnerabilities/${v.id}/machineReferences`)).value;
      expect(refs).toHaveLength(v.exposedMachines);
      expect(refs[0]).toHaveProperty("computerDnsName");
      const rows = (await get(`/api/vulnerabilities/machinesVulnerabilities?$filter=cveId eq '${v.id}'`)).value;
      expect(rows).toHaveLength(v.exposedMachines);
      expect((await get(`/api/vulnerabilities/${v.id}`)).id).toBe(v.id);
    }
  });

  it("pages through every machinesVulnerabilities row with nextLink", async () => {
    const total = Number((await h.call("GET", "/api/vulnerabilities/machinesVulnerabilities/$count")).text);
    expect(total).toBeGreaterThan(300);
    const { items, pages } = await pageAll(h, "/api/vulnerabilities/machinesVulnerabilities?$top=200");
    expect(items).toHaveLength(total);
    expect(pages).toBe(Math.ceil(total / 200));
    const row = items[0] as Record<string, string>;
    expect(row.id).toBe(
      `${row.machineId}-_-${row.cveId}-_-${row.productVendor}-_-${row.productName}-_-${row.productVersion}-_-${row.fixingKbId ?? ""}`,
    );
    expect((await h.call("GET", "/api/vulnerabilities/machinesVulnerabilities?$top=10001")).status).toBe(400);
    const mine = (await get(`/api/vulnerabilities/machinesVulnerabilities?$filter=machineId eq '${row.machineId}'`))
      .value;
    const perMachine = (await get(`/api/machines/${row.machineId}/vulnerabilities`)).value;
    expect(perMachine.map((v: { id: string }) => v.id).sort()).toEqual(
      mine.map((r: { cveId: string }) => r.cveId).sort(),
    );
  });
});

describe("software and recommendations", () => {
  it("serves /api/Software case-insensitively with consistent counts", async () => {
    const software = (await get("/api/software")).value as {
      id: string;
      weaknesses: number;
      exposedMachines: number;
    }[];
    expect((await get("/api/Software")).value).toHaveLength(software.length);
    const vulnerable = software.find((s) => s.weaknesses > 0)!;
    const cves = (await get(`/api/Software/${vulnerable.id}/vulnerabilities`)).value;
    expect(cves).toHaveLength(vulnerable.weaknesses);
    const filtered = (await get(`/api/Software?$filter=vendor eq '${vulnerable.id.split("-_-")[0]}'`)).value as {
      id: string;
    }[];
    expect(filtered.map((s) => s.id)).toContain(vulnerable.id);
    const m = (await get("/api/machines?$top=1")).value[0];
    expect((await get(`/api/machines/${m.id}/software`)).value.length).toBeGreaterThan(0);
  });

  it("lists recommendations whose exposedMachinesCount matches machineReferences", async () => {
    const recs = (await get("/api/recommendations")).value as {
      id: string;
      exposedMachinesCount: number;
      remediationType: string;
      weaknesses: number;
    }[];
    expect(recs.some((r) => r.remediationType === "ConfigurationChange")).toBe(true);
    for (const r of [recs[0]!, recs.find((x) => x.remediationType === "ConfigurationChange")!]) {
      expect((await get(`/api/recommendations/${r.id}/machineReferences`)).value).toHaveLength(r.exposedMachinesCount);
      expect((await get(`/api/recommendations/${r.id}`)).id).toBe(r.id);
    }
    const os = (await get("/api/recommendations?$filter=recommendationCategory eq 'OS'")).value as {
      recommendationCategory: string;
    }[];
    expect(os.every((r) => r.recommendationCategory === "OS")).toBe(true);
    const m = (await get("/api/machines?$top=1")).value[0];
    expect((await h.call("GET", `/api/machines/${m.id}/recommendations`)).status).toBe(200);
  });
});

describe("scores and the emulated clock", () => {
  it("returns exposure and configuration scores with time = emulated now, varying smoothly by day", async () => {
    const now = await get("/api/exposureScore");
    expect(now["@odata.context"]).toBe(`${h.emu.baseUrl}/api/$metadata#ExposureScore/$entity`);
    expect(now.score).toBeGreaterThan(0);
    expect(now.score).toBeLessThan(100);
    const history: number[] = [];
    for (let d = 0; d < 35; d++) {
      const day = new Date(Date.UTC(2025, 0, 31 - d, 12)).toISOString();
      const clock = (await h.control("POST", "/_emulator/clock", { now: day })).json();
      expect(clock.now.slice(0, 13)).toBe(day.slice(0, 13));
      const s = await get("/api/exposureScore");
      expect(s.time.slice(0, 10)).toBe(day.slice(0, 10));
      history.push(s.score);
    }
    for (let i = 1; i < history.length; i++) expect(Math.abs(history[i]! - history[i - 1]!)).toBeLessThan(15);
    await h.control("POST", "/_emulator/clock", { now: new Date(Date.UTC(2025, 0, 31, 12)).toISOString() });
    expect((await get("/api/exposureScore")).score).toBe(history[0]);
    const groups = await get("/api/exposureScore/ByMachineGroups");
    expect(groups.value.length).toBeGreaterThan(2);
    expect(groups.value[0]).toHaveProperty("rbacGroupName");
    const config = await get("/api/configurationScore");
    expect(config["@odata.context"]).toContain("ConfigurationScore/$entity");
    expect(Number.isInteger(config.score)).toBe(true);
    const reset = (await h.control("POST", "/_emulator/clock", {})).json();
    expect(reset.offsetMs).toBe(0);
  });

  it("forbids TVM data to an app without Vulnerability.Read.All", async () => {
    const noTvm = await startHarness({
      devices: 3,
      alerts: 3,
      extraApps: [
        { clientId: "33333333-3333-4333-8333-333333333333", clientSecret: "s3cret", permissions: ["Alert.Read.All"] },
      ],
    });
    try {
      const res = await noTvm.call("GET", "/api/vulnerabilities", {
        client: { clientId: "33333333-3333-4333-8333-333333333333", clientSecret: "s3cret" },
      });
      expect(res.status).toBe(403);
      expect(
        (
          await noTvm.call("GET", "/api/exposureScore", {
            client: { clientId: "33333333-3333-4333-8333-333333333333", clientSecret: "s3cret" },
          })
        ).status,
      ).toBe(403);
    } finally {
      await noTvm.close();
    }
  });
});

describe("machinesVulnerabilities text fast path", () => {
  it("writes exactly the JSON of the record object, key order included", () => {
    const tenant = generateTenant("fast-path", "tenant", Date.UTC(2026, 10, 26), {
      devices: 30,
      alerts: 10,
      vulnsPerDevice: 15,
    });
    expect(tenant.rows.rowVuln.length).toBeGreaterThan(100);
    for (let row = 0; row < tenant.rows.rowVuln.length; row++) {
      expect(machineVulnerabilityText(tenant, row)).toBe(JSON.stringify(machineVulnerabilityJson(tenant, row)));
    }
  });
});
