import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MDE, pageAll, startHarness, XDR, type Harness } from "./helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ devices: 120, alerts: 260 });
});
afterAll(() => h.close());

describe("Graph managedDevices", () => {
  it("pages with $skiptoken nextLinks and links azureADDeviceId to MDE aadDeviceId", async () => {
    const { items, pages } = await pageAll(h, "/v1.0/deviceManagement/managedDevices?$top=25");
    expect(pages).toBe(Math.ceil(items.length / 25));
    const first = (await h.call("GET", "/v1.0/deviceManagement/managedDevices?$top=25")).json();
    expect(first["@odata.nextLink"]).toMatch(/\$skiptoken=/);
    expect(first["@odata.context"]).toBe(`${h.emu.baseUrl}/v1.0/$metadata#deviceManagement/managedDevices`);
    const d = items[0] as Record<string, unknown>;
    for (const k of [
      "complianceState",
      "isEncrypted",
      "operatingSystem",
      "osVersion",
      "lastSyncDateTime",
      "managementAgent",
      "userPrincipalName",
      "azureADDeviceId",
      "deviceName",
    ])
      expect(d).toHaveProperty(k);
    expect(d.iccid).toBeNull();
    expect(d.physicalMemoryInBytes).toBe(0);
    const mde = (await h.call("GET", "/api/machines")).json().value as {
      aadDeviceId: string | null;
      osPlatform: string;
    }[];
    const aad = new Set(mde.map((m) => m.aadDeviceId).filter(Boolean));
    const linked = items.filter((x) => aad.has(x.azureADDeviceId as string));
    const intuneOnly = items.length - linked.length;
    expect(linked.length).toBeGreaterThan(items.length * 0.75);
    expect(intuneOnly).toBeGreaterThan(0);
    const intuneIds = new Set(items.map((x) => x.azureADDeviceId));
    const mdeOnly = mde.filter((m) => !m.aadDeviceId || !intuneIds.has(m.aadDeviceId));
    expect(mdeOnly.length).toBeGreaterThan(0);
  });

  it("filters with eq, ne, startswith, ge on datetimes, and supports $select and $count", async () => {
    const all = (await h.call("GET", "/v1.0/deviceManagement/managedDevices")).json().value as Record<string, string>[];
    const non = (
      await h.call("GET", "/v1.0/deviceManagement/managedDevices?$filter=complianceState eq 'noncompliant'")
    ).json().value as Record<string, string>[];
    expect(non.length).toBe(all.filter((d) => d.complianceState === "noncompliant").length);
    const win = (
      await h.call(
        "GET",
        "/v1.0/deviceManagement/managedDevices?$filter=operatingSystem eq 'Windows' and complianceState ne 'compliant'",
      )
    ).json().value as Record<string, string>[];
    expect(win.every((d) => d.operatingSystem === "Windows" && d.complianceState !== "compliant")).toBe(true);
    const name = all[0]!.deviceName!.slice(0, 4);
    const starts = (
      await h.call("GET", `/v1.0/deviceManagement/managedDevices?$filter=startswith(deviceName,'${name}')`)
    ).json().value as Record<string, string>[];
    // String comparisons are case-insensitive (README).
    expect(starts.every((d) => d.deviceName!.toLowerCase().startsWith(name.toLowerCase()))).toBe(true);
    const recent = (
      await h.call(
        "GET",
        "/v1.0/deviceManagement/managedDevices?$filter=lastSyncDateTime ge 2000-01-01T00:00:00Z&$count=true",
      )
    ).json();
    expect(recent["@odata.count"]).toBe(all.length);
    const selected = (
      await h.call("GET", "/v1.0/deviceManagement/managedDevices?$select=id,deviceName,complianceState&$top=2")
    ).json().value;
    expect(Object.keys(selected[0]).sort()).toEqual(["complianceState", "deviceName", "id"]);
    // Reported quirk (issues on Microsoft's Graph docs repository): a userId filter is silently ignored.
    expect(
      (await h.call("GET", "/v1.0/deviceManagement/managedDevices?$filter=userId eq 'x'")).json().value,
    ).toHaveLength(all.length);
    const over = await h.call("GET", "/v1.0/deviceManagement/managedDevices?$top=1001");
    expect(over.status).toBe(400);
    expect(over.json().error.innerError["request-id"]).toBeTruthy();
    const bad = await h.call("GET", "/v1.0/deviceManagement/managedDevices?$filter=nope eq 1");
    expect(bad.json().error.code).toBe("invalidRequest");
  });

  it("gets one device, with $select unlocking iccid/physicalMemoryInBytes; 404 in the Graph envelope", async () => {
    const d = (await h.call("GET", "/v1.0/deviceManagement/managedDevices?$top=1")).json().value[0];
    const one = (
      await h.call("GET", `/v1.0/deviceManagement/managedDevices/${d.id}?$select=id,physicalMemoryInBytes`)
    ).json();
    expect(one.physicalMemoryInBytes).toBeGreaterThan(0);
    const missing = await h.call("GET", "/v1.0/deviceManagement/managedDevices/00000000-0000-4000-8000-000000000000");
    expect(missing.status).toBe(404);
    expect(missing.json().error).toMatchObject({ code: "itemNotFound" });
  });
});

describe("Graph security alerts_v2 and incidents", () => {
  it("lists alerts_v2 with camelCase enums, lastUpdateDateTime filter and paging", async () => {
    const { items } = await pageAll(h, "/v1.0/security/alerts_v2?$top=100");
    expect(items).toHaveLength(260);
    const a = items[0] as Record<string, unknown>;
    expect(a.serviceSource).toBe("microsoftDefenderForEndpoint");
    expect(["new", "inProgress", "resolved"]).toContain(a.status);
    expect((a.evidence as { "@odata.type": string }[])[0]!["@odata.type"]).toBe(
      "#microsoft.graph.security.deviceEvidence",
    );
    const pivot = (items[50] as { lastUpdateDateTime: string }).lastUpdateDateTime;
    const since = (await pageAll(h, `/v1.0/security/alerts_v2?$filter=lastUpdateDateTime ge ${pivot}`)).items as {
      lastUpdateDateTime: string;
    }[];
    expect(since.length).toBe(items.filter((x) => (x.lastUpdateDateTime as string) >= pivot).length);
    const high = (await h.call("GET", "/v1.0/security/alerts_v2?$filter=severity eq 'high'")).json().value as {
      severity: string;
    }[];
    expect(high.every((x) => x.severity === "high")).toBe(true);
  });

  it("patches a Graph alert and the MDE view follows", async () => {
    const a = (await h.call("GET", "/v1.0/security/alerts_v2?$filter=status eq 'new'&$top=1")).json().value[0];
    const res = await h.call("PATCH", `/v1.0/security/alerts_v2/${a.id}`, {
      body: { status: "inProgress", assignedTo: "analyst@contoso.example" },
    });
    expect(res.status).toBe(200);
    expect((await h.call("GET", `/api/alerts/${a.id}`)).json()).toMatchObject({
      status: "InProgress",
      assignedTo: "analyst@contoso.example",
    });
  });

  it("lists incidents with $expand=alerts", async () => {
    const body = (await h.call("GET", "/v1.0/security/incidents?$top=5&$expand=alerts")).json();
    expect(body.value).toHaveLength(5);
    expect(body.value[0].alerts.length).toBeGreaterThan(0);
    expect(body["@odata.nextLink"]).toMatch(/\$skiptoken=/);
    const { items } = await pageAll(h, "/v1.0/security/incidents?$top=50");
    const xdrTotal = Number((await h.call("GET", "/api/incidents/$count", { resource: XDR })).text);
    expect(items).toHaveLength(xdrTotal);
  });
});

describe("XDR /api/incidents", () => {
  it("needs a token for api.security.microsoft.com (Incident.Read.All)", async () => {
    const res = await h.call("GET", "/api/incidents", { resource: MDE });
    expect(res.status).toBe(403);
    expect(res.json().error.message).toMatch(/api\.security\.microsoft\.com/);
  });

  it("lists newest first with $top ≤ 100, nextLink paging and consistent alert counts", async () => {
    const first = (await h.call("GET", "/api/incidents", { resource: XDR })).json();
    expect(first.value.length).toBeLessThanOrEqual(100);
    expect(first["@odata.context"]).toBe(`${h.emu.baseUrl}/api/$metadata#Incidents`);
    expect((await h.call("GET", "/api/incidents?$top=101", { resource: XDR })).status).toBe(400);
    const { items } = await pageAll(h, "/api/incidents?$top=40", { resource: XDR });
    const alertTotal = items.reduce((s, i) => s + (i.alerts as unknown[]).length, 0);
    expect(alertTotal).toBe(260);
    const created = items.map((i) => i.createdTime as string);
    expect([...created].sort().reverse()).toEqual(created);
    const inc = items[0] as {
      incidentId: number;
      alerts: { incidentId: number; devices: unknown[]; entities: unknown[] }[];
    };
    expect(inc.alerts.every((a) => a.incidentId === inc.incidentId)).toBe(true);
    const active = (await h.call("GET", "/api/incidents?$filter=status eq 'Active'", { resource: XDR })).json()
      .value as { status: string }[];
    expect(active.every((i) => i.status === "Active")).toBe(true);
    const pivot = created[10]!;
    const since = (await pageAll(h, `/api/incidents?$filter=createdTime ge ${pivot}`, { resource: XDR })).items;
    expect(since.length).toBe(created.filter((c) => c >= pivot).length);
  });

  it("resolves an incident and its alerts; determination needs TruePositive", async () => {
    const inc = (await h.call("GET", "/api/incidents?$filter=status ne 'Resolved'&$top=1", { resource: XDR })).json()
      .value[0];
    const bad = await h.call("PATCH", `/api/incidents/${inc.incidentId}`, {
      resource: XDR,
      body: { classification: "FalsePositive", determination: "Malware" },
    });
    expect(bad.status).toBe(400);
    const res = await h.call("PATCH", `/api/incidents/${inc.incidentId}`, {
      resource: XDR,
      body: {
        status: "Resolved",
        classification: "TruePositive",
        determination: "Malware",
        comment: "done",
        assignedTo: "manager@contoso.example",
      },
    });
    expect(res.status).toBe(200);
    const updated = res.json();
    expect(updated).toMatchObject({
      status: "Resolved",
      classification: "TruePositive",
      determination: "Malware",
      assignedTo: "manager@contoso.example",
    });
    expect(updated.comments.at(-1).comment).toBe("done");
    for (const a of updated.alerts)
      expect((await h.call("GET", `/api/alerts/${a.alertId}`)).json().status).toBe("Resolved");
    expect((await h.call("PATCH", "/api/incidents/1", { resource: XDR, body: { status: "Resolved" } })).status).toBe(
      404,
    );
  });
});

describe("Graph users", () => {
  it("finds people by the start of their name, sign-in name or mail, with $select", async () => {
    const all = (await h.call("GET", "/v1.0/users?$top=999")).json().value as Record<string, string>[];
    const someone = all[0]!;
    const prefix = someone.displayName.slice(0, 3);
    const filter = `startsWith(displayName,'${prefix}') or startsWith(userPrincipalName,'${prefix}') or startsWith(mail,'${prefix}')`;
    const found = (
      await h.call(
        "GET",
        `/v1.0/users?$filter=${encodeURIComponent(filter)}&$select=id,displayName,userPrincipalName,mail&$top=10`,
      )
    ).json().value as Record<string, string>[];
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThanOrEqual(10);
    expect(found.map((u) => u.userPrincipalName)).toContain(someone.userPrincipalName);
    expect(Object.keys(found[0]!).sort()).toEqual(["displayName", "id", "mail", "userPrincipalName"]);
    // An OData string with a doubled quote is one quote; nobody's name starts with it.
    const quoted = encodeURIComponent("startsWith(displayName,'o''x')");
    expect((await h.call("GET", `/v1.0/users?$filter=${quoted}`)).json().value).toEqual([]);
  });
});
