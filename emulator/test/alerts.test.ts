import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageAll, startHarness, type Harness } from "./helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ devices: 40, alerts: 250 });
});
afterAll(() => h.close());

const list = async (query: string) => {
  const res = await h.call("GET", `/api/alerts?${query}`);
  return { res, body: res.status === 200 ? res.json() : null };
};

describe("GET /api/alerts", () => {
  it("returns the OData collection envelope with OData headers", async () => {
    const { res, body } = await list("$top=5");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe(
      "application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8",
    );
    expect(res.headers["odata-version"]).toBe("4.0");
    expect(body["@odata.context"]).toBe(`${h.emu.baseUrl}/api/$metadata#Alerts`);
    expect(body.value).toHaveLength(5);
    const a = body.value[0];
    for (const k of [
      "id",
      "incidentId",
      "severity",
      "status",
      "alertCreationTime",
      "lastUpdateTime",
      "machineId",
      "computerDnsName",
      "mitreTechniques",
      "comments",
      "evidence",
    ])
      expect(a).toHaveProperty(k);
    expect(a.evidence).toEqual([]);
    expect(a.alertCreationTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/);
  });

  it("pages to the end with nextLink ($top/$skip absolute URLs) and matches $count", async () => {
    const count = Number((await h.call("GET", "/api/alerts/$count")).text);
    expect(count).toBe(250);
    const { items, pages } = await pageAll(h, "/api/alerts?$top=60");
    expect(pages).toBe(5);
    expect(new Set(items.map((a) => a.id)).size).toBe(250);
    const first = (await list("$top=60")).body["@odata.nextLink"];
    expect(first).toBe(`${h.emu.baseUrl}/api/alerts?$top=60&$skip=60`);
  });

  it("uses a default page of 10,000 when $top is absent and enforces $top ≤ 10,000", async () => {
    const { body } = await list("");
    expect(body.value).toHaveLength(250);
    expect(body["@odata.nextLink"]).toBeUndefined();
    const over = await h.call("GET", "/api/alerts?$top=10001");
    expect(over.status).toBe(400);
    expect(over.json().error.code).toBe("ODataError");
    expect(over.headers["content-type"]).toBe("application/json; charset=utf-8");
  });

  it("filters with eq, ne, in, and/or, startswith and unquoted datetimes", async () => {
    const all = (await list("")).body.value as Record<string, string>[];
    const high = (await list("$filter=severity eq 'High'")).body.value as Record<string, string>[];
    expect(high.length).toBe(all.filter((a) => a.severity === "High").length);
    const notResolved = (await list("$filter=status ne 'Resolved'")).body.value as Record<string, string>[];
    expect(notResolved.every((a) => a.status !== "Resolved")).toBe(true);
    const pivot = all[Math.floor(all.length / 2)]!.lastUpdateTime!;
    const since = (await list(`$filter=lastUpdateTime ge ${pivot}`)).body.value as Record<string, string>[];
    expect(since.length).toBe(all.filter((a) => a.lastUpdateTime! >= pivot).length);
    const combined = (
      await list("$filter=(severity eq 'High' or severity eq 'Medium') and status in ('New','InProgress')")
    ).body.value as Record<string, string>[];
    expect(combined.length).toBe(
      all.filter((a) => ["High", "Medium"].includes(a.severity!) && ["New", "InProgress"].includes(a.status!)).length,
    );
    const cred = (await list("$filter=startswith(category,'Credential')")).body.value as Record<string, string>[];
    expect(cred.every((a) => a.category === "CredentialAccess")).toBe(true);
    const gt = (await list("$filter=severity gt 'Medium'")).body.value as Record<string, string>[];
    expect(gt.every((a) => a.severity === "High")).toBe(true);
    const inc = all[0]!.incidentId;
    expect(((await list(`$filter=incidentId eq ${inc}`)).body.value as unknown[]).length).toBeGreaterThan(0);
  });

  it("rejects unsupported properties, quoted datetimes and bad syntax with 400 ODataError", async () => {
    for (const q of [
      "$filter=machineId eq 'x'",
      "$filter=lastUpdateTime ge '2024-01-01T00:00:00Z'",
      "$filter=severity eq",
      "$orderby=title",
      "$expand=machine",
      "$select=id",
    ]) {
      const res = await h.call("GET", `/api/alerts?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.json().error.code).toBe("ODataError");
    }
  });

  it("orders by alertCreationTime desc and severity", async () => {
    const desc = (await list("$orderby=alertCreationTime desc&$top=20")).body.value as Record<string, string>[];
    const times = desc.map((a) => a.alertCreationTime!);
    expect([...times].sort().reverse()).toEqual(times);
    const bySev = (await list("$orderby=severity desc")).body.value as Record<string, string>[];
    expect(bySev[0]!.severity).toBe("High");
  });

  it("expands evidence with files, processes and users", async () => {
    const body = (await list("$expand=evidence&$filter=category eq 'CredentialAccess'")).body;
    const evidence = (body.value as { evidence: Record<string, unknown>[] }[]).flatMap((a) => a.evidence);
    const proc = evidence.find((e) => e.entityType === "Process")!;
    expect(proc.processCommandLine).toBeTruthy();
    expect(proc.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(proc)).toContain("registryKey");
  });
});

describe("GET/PATCH /api/alerts/{id} and batchUpdate", () => {
  it("gets an alert with evidence and 404s an unknown id", async () => {
    const id = (await list("$top=1")).body.value[0].id;
    const res = await h.call("GET", `/api/alerts/${id}`);
    expect(res.json()["@odata.context"]).toBe(`${h.emu.baseUrl}/api/$metadata#Alerts/$entity`);
    expect((await h.call("GET", "/api/v1.0/alerts/" + id)).status).toBe(200);
    const missing = await h.call("GET", "/api/alerts/da000_1");
    expect(missing.status).toBe(404);
    expect(missing.json().error.code).toBe("ResourceNotFound");
  });

  it("patches status/assignedTo/classification/determination/comment and bumps lastUpdateTime", async () => {
    const target = (await list("$filter=status eq 'New'&$top=1")).body.value[0];
    const res = await h.call("PATCH", `/api/alerts/${target.id}`, {
      body: {
        status: "Resolved",
        assignedTo: "secop2@contoso.example",
        classification: "FalsePositive",
        determination: "NotMalicious",
        comment: "Resolve my alert",
      },
    });
    expect(res.status).toBe(200);
    const a = res.json();
    expect(a).toMatchObject({
      status: "Resolved",
      assignedTo: "secop2@contoso.example",
      classification: "FalsePositive",
      determination: "Clean",
    });
    expect(a.resolvedTime).toBeTruthy();
    expect(a.lastUpdateTime > target.lastUpdateTime).toBe(true);
    expect(a.comments.at(-1)).toMatchObject({ comment: "Resolve my alert", createdBy: h.emu.clientId });
    const since = (await list(`$filter=lastUpdateTime ge ${a.lastUpdateTime}`)).body.value as { id: string }[];
    expect(since.map((x) => x.id)).toContain(target.id);
    const confirmed = await h.call("PATCH", `/api/alerts/${target.id}`, {
      body: { classification: "InformationalExpectedActivity", determination: "ConfirmedActivity" },
    });
    expect(confirmed.json().determination).toBe("ConfirmedUserActivity");
  });

  it("rejects wrong-case keys, bad enums and non-JSON bodies", async () => {
    const id = (await list("$top=1")).body.value[0].id;
    expect((await h.call("PATCH", `/api/alerts/${id}`, { body: { Status: "Resolved" } })).json().error.code).toBe(
      "InvalidRequestBody",
    );
    expect((await h.call("PATCH", `/api/alerts/${id}`, { body: { status: "Closed" } })).json().error.code).toBe(
      "InvalidInput",
    );
    const text = await h.call("PATCH", `/api/alerts/${id}`, {
      body: "status=Resolved",
      headers: { "content-type": "text/plain" },
    });
    expect(text.status).toBe(400);
  });

  it("batch-updates with 200 and an empty body", async () => {
    const ids = ((await list("$filter=status eq 'New'&$top=3")).body.value as { id: string }[]).map((a) => a.id);
    const res = await h.call("POST", "/api/alerts/batchUpdate", {
      body: { alertIds: ids, status: "InProgress", assignedTo: "analyst@contoso.example" },
    });
    expect(res.status).toBe(200);
    expect(res.text).toBe("");
    for (const id of ids)
      expect((await h.call("GET", `/api/alerts/${id}`)).json()).toMatchObject({
        status: "InProgress",
        assignedTo: "analyst@contoso.example",
      });
    expect((await h.call("POST", "/api/alerts/batchUpdate", { body: { status: "New" } })).json().error.code).toBe(
      "MissingRequiredParameter",
    );
  });

  it("lists a machine's alerts and counts them", async () => {
    const a = (await list("$top=1")).body.value[0];
    const res = (await h.call("GET", `/api/machines/${a.machineId}/alerts`)).json();
    expect(res.value.some((x: { id: string }) => x.id === a.id)).toBe(true);
    const open = await h.call("GET", `/api/machines/${a.machineId}/alerts/$count?$filter=status ne 'Resolved'`);
    expect(open.headers["content-type"]).toMatch(/^text\/plain/);
    expect(Number(open.text)).toBe(res.value.filter((x: { status: string }) => x.status !== "Resolved").length);
  });
});
