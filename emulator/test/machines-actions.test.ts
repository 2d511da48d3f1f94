import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sleep, startHarness, type Harness } from "./helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ devices: 60, alerts: 150, actionDelaysMs: { toInProgress: 150, toFinal: 150 } });
});
afterAll(() => h.close());

type Machine = Record<string, unknown> & {
  id: string;
  computerDnsName: string;
  osPlatform: string;
  machineTags: string[];
};
const machines = async (query = ""): Promise<Machine[]> => (await h.call("GET", `/api/machines?${query}`)).json().value;
const windows = async () =>
  (await machines("$filter=startswith(osPlatform,'Windows1')")).filter((m) => m.onboardingStatus === "Onboarded");
const state = async (id: string) => (await h.control("GET", `/_emulator/machines/${id}`)).json();
const waitFor = async (actionId: string, status: string) => {
  for (let i = 0; i < 50; i++) {
    const a = (await h.call("GET", `/api/machineactions/${actionId}`)).json();
    if (a.status === status) return a;
    await sleep(40);
  }
  throw new Error(`action ${actionId} never reached ${status}`);
};

describe("machines", () => {
  it("lists machines in the live key order with documented filters", async () => {
    const all = await machines();
    expect(all).toHaveLength(60);
    expect(Object.keys(all[0]!).slice(0, 6)).toEqual([
      "id",
      "mergedIntoMachineId",
      "isPotentialDuplication",
      "isExcluded",
      "exclusionReason",
      "computerDnsName",
    ]);
    expect(all[0]!.computerDnsName).toMatch(/^[a-z]+-[a-z0-9]+-\d{4}\.contoso\.example$/);
    const high = await machines("$filter=riskScore eq 'High'");
    expect(high.length).toBe(all.filter((m) => m.riskScore === "High").length);
    const unhealthy = await machines("$filter=healthStatus ne 'Active'&$top=100");
    expect(unhealthy.every((m) => m.healthStatus !== "Active")).toBe(true);
    const pivot = "2000-01-01Z";
    expect((await machines(`$filter=lastSeen gt ${pivot}`)).length).toBe(60);
    const first = all[0]!;
    expect((await machines(`$filter=computerDnsName eq '${first.computerDnsName}'`)).map((m) => m.id)).toEqual([
      first.id,
    ]);
    const group = first.rbacGroupId as number;
    expect((await machines(`$filter=rbacGroupId eq ${group}`)).every((m) => m.rbacGroupId === group)).toBe(true);
    const tagged = all.find((m) => m.machineTags.length > 0);
    if (tagged) {
      const tag = tagged.machineTags[0]!;
      const withTag = await machines(`$filter=machineTags/any(t: t eq '${tag}')`);
      expect(withTag.length).toBe(all.filter((m) => m.machineTags.includes(tag)).length);
    }
    const aad = all.find((m) => m.aadDeviceId)!;
    expect((await machines(`$filter=aadDeviceId eq ${aad.aadDeviceId}`)).map((m) => m.id)).toEqual([aad.id]);
    expect(
      (await machines("$filter=exposureLevel eq 'High' and onboardingStatus eq 'Onboarded'")).every(
        (m) => m.exposureLevel === "High",
      ),
    ).toBe(true);
  });

  it("gets a machine by id or computer name; 404 otherwise", async () => {
    const m = (await machines("$top=1"))[0]!;
    const byId = (await h.call("GET", `/api/machines/${m.id}`)).json();
    expect(byId["@odata.context"]).toBe(`${h.emu.baseUrl}/api/$metadata#Machines/$entity`);
    expect((await h.call("GET", `/api/machines/${m.computerDnsName}`)).json().id).toBe(m.id);
    const missing = await h.call("GET", "/api/machines/0000000000000000000000000000000000000000");
    expect(missing.status).toBe(404);
    expect(missing.json().error.message).toBe("Machine 0000000000000000000000000000000000000000 was not found");
  });

  it("lists logged-on users (User.Read.All) and forbids the read-only app", async () => {
    const m = (await windows())[0]!;
    const users = (await h.call("GET", `/api/machines/${m.id}/logonusers`)).json();
    expect(users["@odata.context"]).toContain("$metadata#Users");
    expect(users.value[0]).toMatchObject({ accountDomain: "contoso", logonTypes: "Interactive" });
    expect((await h.call("GET", `/api/machines/${m.id}/logonusers`, { client: h.emu.readOnlyClient })).status).toBe(
      403,
    );
  });
});

describe("machine actions", () => {
  it("isolates with 201 Pending → InProgress → Succeeded; isolation changes only on success", async () => {
    const m = (await windows())[0]!;
    const res = await h.call("POST", `/api/machines/${m.id}/isolate`, {
      body: { Comment: "Suspected compromise", IsolationType: "Full" },
    });
    expect(res.status).toBe(201);
    const action = res.json();
    expect(action).toMatchObject({
      type: "Isolate",
      scope: "Full",
      status: "Pending",
      machineId: m.id,
      requestor: h.emu.clientId,
      requestorComment: "Suspected compromise",
    });
    expect(action["@odata.context"]).toBe(`${h.emu.baseUrl}/api/$metadata#MachineActions/$entity`);
    expect((await state(m.id)).isolationState).toBe("NotIsolated");

    const dup = await h.call("POST", `/api/machines/${m.id}/isolate`, { body: { Comment: "again" } });
    expect(dup.status).toBe(400);
    expect(dup.json().error).toMatchObject({
      code: "ActiveRequestAlreadyExists",
      message: "Action is already in progress",
    });
    const opposite = await h.call("POST", `/api/machines/${m.id}/unisolate`, { body: { Comment: "release" } });
    expect(opposite.json().error.code).toBe("ActiveRequestAlreadyExists");

    await waitFor(action.id, "InProgress");
    expect((await state(m.id)).isolationState).toBe("NotIsolated");
    const done = await waitFor(action.id, "Succeeded");
    expect(done.lastUpdateDateTimeUtc >= done.creationDateTimeUtc).toBe(true);
    expect(await state(m.id)).toMatchObject({ isolationState: "Isolated", isolationType: "Full" });

    const release = (await h.call("POST", `/api/machines/${m.id}/unisolate`, { body: { Comment: "clean" } })).json();
    await waitFor(release.id, "Succeeded");
    expect((await state(m.id)).isolationState).toBe("NotIsolated");
  });

  it("cancels a pending action (200) and the machine stays unchanged", async () => {
    const m = (await windows())[1]!;
    const action = (
      await h.call("POST", `/api/machines/${m.id}/restrictCodeExecution`, { body: { Comment: "contain" } })
    ).json();
    const cancel = await h.call("POST", `/api/machineactions/${action.id}/cancel`, { body: { Comment: "mistake" } });
    expect(cancel.status).toBe(200);
    expect(cancel.json()).toMatchObject({
      status: "Cancelled",
      cancellationComment: "mistake",
      cancellationRequestor: h.emu.clientId,
    });
    await sleep(400);
    expect((await h.call("GET", `/api/machineactions/${action.id}`)).json().status).toBe("Cancelled");
    expect((await state(m.id)).codeExecutionRestricted).toBe(false);
    expect((await h.call("POST", `/api/machineactions/${action.id}/cancel`, { body: { Comment: "x" } })).status).toBe(
      400,
    );
  });

  it("ends in Failed with the actionOutcome fault and never isolates", async () => {
    const m = (await windows())[2]!;
    await h.control("POST", "/_emulator/faults", { actionOutcome: "Failed" });
    try {
      const action = (await h.call("POST", `/api/machines/${m.id}/isolate`, { body: { Comment: "will fail" } })).json();
      await waitFor(action.id, "Failed");
      expect((await state(m.id)).isolationState).toBe("NotIsolated");
    } finally {
      await h.control("POST", "/_emulator/faults", {});
    }
  });

  it("validates bodies: Comment required and case-sensitive, ScanType required", async () => {
    const m = (await windows())[3]!;
    const missing = await h.call("POST", `/api/machines/${m.id}/collectInvestigationPackage`, {
      body: { comment: "lowercase" },
    });
    expect(missing.status).toBe(400);
    expect(missing.json().error).toMatchObject({
      code: "MissingRequiredParameter",
      message: "Parameter Comment is missing.",
    });
    const scan = await h.call("POST", `/api/machines/${m.id}/runAntiVirusScan`, { body: { Comment: "scan" } });
    expect(scan.json().error.code).toBe("MissingRequiredParameter");
    const ok = await h.call("POST", `/api/machines/${m.id}/runAntiVirusScan`, {
      body: { Comment: "scan", ScanType: "Quick" },
    });
    expect(ok.status).toBe(201);
    expect(ok.json().scope).toBe("Quick");
    const mobile = (await machines("$filter=osPlatform eq 'iOS'"))[0];
    if (mobile)
      expect(
        (await h.call("POST", `/api/machines/${mobile.id}/isolate`, { body: { Comment: "x" } })).json().error.code,
      ).toBe("OsPlatformNotSupported");
  });

  it("answers 405 with Allow: POST for the wrong method and checks action ids", async () => {
    const m = (await machines("$top=1"))[0]!;
    const wrong = await h.call("GET", `/api/machines/${m.id}/isolate`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe("POST");
    expect(wrong.text).toBe("");
    const notGuid = await h.call("GET", "/api/machineactions/556b3952");
    expect(notGuid.status).toBe(400);
    expect(notGuid.json().error.message).toBe(
      "The key value (556b3952) from request is not valid. The key value should be format of type 'Edm.Guid'.",
    );
    expect((await h.call("GET", "/api/machineactions/5382f7ea-7557-4ab7-9782-d50480024a4e")).status).toBe(404);
  });

  it("lists actions with $filter on machineId, type, status and requestor", async () => {
    const m = (await windows())[0]!;
    const mine = (
      await h.call("GET", `/api/machineactions?$filter=machineId eq '${m.id}' and type eq 'Isolate'`)
    ).json().value as { machineId: string; type: string }[];
    expect(mine.length).toBeGreaterThanOrEqual(1);
    expect(mine.every((a) => a.machineId === m.id && a.type === "Isolate")).toBe(true);
    const byRequestor = (
      await h.call("GET", `/api/machineactions?$filter=requestor eq '${h.emu.clientId}' and status eq 'Succeeded'`)
    ).json().value as { status: string }[];
    expect(byRequestor.every((a) => a.status === "Succeeded")).toBe(true);
    const since = (
      await h.call("GET", "/api/machineactions?$filter=creationDateTimeUtc ge 2000-01-01T00:00:00Z")
    ).json().value;
    expect(since.length).toBeGreaterThan(3);
  });

  it("needs the action's own permission", async () => {
    const m = (await windows())[4]!;
    const res = await h.call("POST", `/api/machines/${m.id}/isolate`, {
      client: h.emu.readOnlyClient,
      body: { Comment: "x" },
    });
    expect(res.status).toBe(403);
  });
});

describe("risk follows triage", () => {
  it("drops a machine's riskScore to None once its alerts are resolved, and filters see it", async () => {
    const risky = (await machines("$filter=riskScore eq 'High'"))[0];
    if (!risky) return;
    const open = (await h.call("GET", `/api/machines/${risky.id}/alerts?$filter=status ne 'Resolved'`)).json()
      .value as { id: string }[];
    await h.call("POST", "/api/alerts/batchUpdate", { body: { alertIds: open.map((a) => a.id), status: "Resolved" } });
    expect((await h.call("GET", `/api/machines/${risky.id}`)).json().riskScore).toBe("None");
    expect((await machines("$filter=riskScore eq 'High'")).map((m) => m.id)).not.toContain(risky.id);
  });
});
