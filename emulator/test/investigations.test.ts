import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sleep, startHarness, type Harness } from "./helpers";

let h: Harness;
// A separate app, so the hourly start quota is counted from zero in its own test.
const quotaApp = {
  clientId: "5b0c33c5-8a7e-4a57-9f3d-6d3c1c7d0e11",
  clientSecret: "quota-app-secret",
  permissions: ["Alert.ReadWrite.All", "Machine.Read.All"],
};
beforeAll(async () => {
  h = await startHarness({
    devices: 60,
    alerts: 400,
    actionDelaysMs: { toInProgress: 100, toFinal: 100 },
    extraApps: [quotaApp],
  });
});
afterAll(() => h.close());

type Investigation = {
  id: string;
  startTime: string;
  endTime: string | null;
  state: string;
  machineId: string;
  computerDnsName: string;
  triggeringAlertId: string | null;
  statusDetails: string | null;
};
const list = async (query = ""): Promise<Investigation[]> => {
  const res = await h.call("GET", `/api/investigations${query ? `?${query}` : ""}`);
  expect(res.status).toBe(200);
  return res.json().value;
};

describe("investigations", () => {
  it("lists investigations of high-severity alerts with the documented shape and context", async () => {
    const res = await h.call("GET", "/api/investigations");
    const body = res.json();
    expect(body["@odata.context"]).toBe(`${h.emu.baseUrl}/api/$metadata#Investigations`);
    const all: Investigation[] = body.value;
    expect(all.length).toBeGreaterThan(5);
    expect(Object.keys(all[0]!)).toEqual([
      "id",
      "startTime",
      "endTime",
      "state",
      "cancelledBy",
      "statusDetails",
      "machineId",
      "computerDnsName",
      "triggeringAlertId",
    ]);
    for (const inv of all.slice(0, 20)) {
      const alert = (await h.call("GET", `/api/alerts/${inv.triggeringAlertId}`)).json();
      expect(alert.severity).toBe("High");
      expect(String(alert.investigationId)).toBe(inv.id);
      expect(alert.machineId).toBe(inv.machineId);
    }
  });

  it("filters on state, machineId, id and startTime; rejects other properties and unknown states", async () => {
    const all = await list();
    const pending = await list("$filter=state eq 'PendingApproval'");
    expect(pending.length).toBe(all.filter((i) => i.state === "PendingApproval").length);
    expect(pending.every((i) => i.state === "PendingApproval")).toBe(true);
    const one = all[0]!;
    expect((await list(`$filter=id eq '${one.id}'`)).map((i) => i.id)).toEqual([one.id]);
    expect((await list(`$filter=machineId eq '${one.machineId}'`)).every((i) => i.machineId === one.machineId)).toBe(
      true,
    );
    expect((await list(`$filter=triggeringAlertId eq '${one.triggeringAlertId}'`)).map((i) => i.id)).toEqual([one.id]);
    const since = (await list(`$filter=startTime ge ${one.startTime}`)).length;
    expect(since).toBe(all.filter((i) => i.startTime >= one.startTime).length);
    const bad = await h.call("GET", "/api/investigations?$filter=computerDnsName eq 'x'");
    expect(bad.status).toBe(400);
    expect(bad.json().error.code).toBe("ODataError");
    expect((await h.call("GET", "/api/investigations?$filter=state eq 'Sleeping'")).status).toBe(400);
    expect((await h.call("GET", "/api/investigations?$top=10001")).status).toBe(400);
    expect((await list("$filter=state eq 'SuppressedAlert'")).length).toBe(0);
  });

  it("gets one by investigation id or by triggering alert id; 404 otherwise", async () => {
    const one = (await list())[0]!;
    const byId = (await h.call("GET", `/api/investigations/${one.id}`)).json();
    expect(byId["@odata.context"]).toBe(`${h.emu.baseUrl}/api/$metadata#Investigations/$entity`);
    expect(byId.id).toBe(one.id);
    expect((await h.call("GET", `/api/investigations/${one.triggeringAlertId}`)).json().id).toBe(one.id);
    const missing = await h.call("GET", "/api/investigations/1");
    expect(missing.status).toBe(404);
    expect(missing.json().error.code).toBe("ResourceNotFound");
  });

  it("expires a pending approval 7 days after it started waiting, on the emulated clock", async () => {
    const pending = await list("$filter=state eq 'PendingApproval'");
    expect(pending.length).toBeGreaterThan(0);
    const target = pending[0]!;
    const alertBefore = (await h.call("GET", `/api/alerts/${target.triggeringAlertId}`)).json();
    expect(alertBefore.investigationState).toBe("PendingApproval");
    await h.control("POST", "/_emulator/clock", { offsetMs: 8 * 86_400_000 });
    try {
      const after = (await h.call("GET", `/api/investigations/${target.id}`)).json();
      expect(after.state).toBe("TerminatedBySystem");
      expect(after.endTime).not.toBeNull();
      expect(after.statusDetails).toMatch(/timed out after 7 days/);
      const alertAfter = (await h.call("GET", `/api/alerts/${target.triggeringAlertId}`)).json();
      expect(alertAfter.investigationState).toBe("TerminatedBySystem");
      expect((await list("$filter=state eq 'PendingApproval'")).map((i) => i.id)).not.toContain(target.id);
    } finally {
      await h.control("POST", "/_emulator/clock", {});
    }
  });

  it("starts an investigation: 201, Queued, then Running, then an outcome; Comment required; OS checked", async () => {
    const machines = (await h.call("GET", "/api/machines")).json().value as Record<string, string>[];
    const win = machines.find((m) => m.osPlatform === "Windows11" && m.onboardingStatus === "Onboarded")!;
    const missing = await h.call("POST", `/api/machines/${win.id}/startInvestigation`, { body: { comment: "x" } });
    expect(missing.status).toBe(400);
    expect(missing.json().error.code).toBe("MissingRequiredParameter");
    const res = await h.call("POST", `/api/machines/${win.id}/startInvestigation`, { body: { Comment: "Check it" } });
    expect(res.status).toBe(201);
    const inv = res.json();
    expect(inv).toMatchObject({
      state: "Queued",
      machineId: win.id,
      computerDnsName: win.computerDnsName,
      triggeringAlertId: null,
    });
    let state = inv.state;
    for (let i = 0; i < 50 && (state === "Queued" || state === "Running"); i++) {
      await sleep(30);
      state = (await h.call("GET", `/api/investigations/${inv.id}`)).json().state;
    }
    const unresolved = (
      (await h.call("GET", `/api/machines/${win.id}/alerts`)).json().value as { status: string }[]
    ).some((a) => a.status !== "Resolved");
    expect(state).toBe(unresolved ? "PendingApproval" : "Benign");
    const mac = machines.find((m) => m.osPlatform === "macOS")!;
    const refused = await h.call("POST", `/api/machines/${mac.id}/startInvestigation`, { body: { Comment: "x" } });
    expect(refused.status).toBe(400);
    expect(refused.json().error.code).toBe("OsPlatformNotSupported");
  });

  it("needs Alert.ReadWrite.All to start and Alert.Read.All to list", async () => {
    const ro = h.emu.readOnlyClient;
    expect((await h.call("GET", "/api/investigations", { client: ro })).status).toBe(200);
    const m = (await h.call("GET", "/api/machines?$top=1")).json().value[0];
    const res = await h.call("POST", `/api/machines/${m.id}/startInvestigation`, {
      client: ro,
      body: { Comment: "x" },
    });
    expect(res.status).toBe(403);
  });

  it("allows 50 starts per hour, then 429 with Retry-After", async () => {
    const machines = (await h.call("GET", "/api/machines")).json().value as Record<string, string>[];
    const win = machines.find((m) => m.osPlatform.startsWith("Windows1"))!;
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++)
      statuses.push(
        (
          await h.call("POST", `/api/machines/${win.id}/startInvestigation`, {
            client: quotaApp,
            body: { Comment: `n${i}` },
          })
        ).status,
      );
    expect(statuses.filter((s) => s === 201)).toHaveLength(50);
    const last = await h.call("POST", `/api/machines/${win.id}/startInvestigation`, {
      client: quotaApp,
      body: { Comment: "again" },
    });
    expect(last.status).toBe(429);
    expect(Number(last.headers["retry-after"])).toBeGreaterThan(0);
    expect(last.json().error.message).toMatch(/Maximum allowed 50 per/);
  });
});
