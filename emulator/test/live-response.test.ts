import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sleep, startHarness, type Harness } from "./helpers";

let h: Harness;
const rateApp = {
  clientId: "0d7f3c2e-51a4-4d7e-9a53-2f5b0c7e9a10",
  clientSecret: "rate-app-secret",
  permissions: ["Machine.LiveResponse", "Machine.Read.All"],
};
const noLibraryApp = {
  clientId: "7c1e2f3a-9b8d-4c6e-8f0a-1b2c3d4e5f60",
  clientSecret: "no-library-secret",
  permissions: ["Machine.LiveResponse"],
};
// runliveresponse allows 10 calls a minute per app: each test (and each batch of 9 in the 25-session test) uses
// an app of its own, so only the quota test meets the quota.
const pool = Array.from({ length: 24 }, (_, i) => ({
  clientId: `3f1d2c4b-0000-4000-8000-${String(i).padStart(12, "0")}`,
  clientSecret: `pool-secret-${i}`,
  permissions: ["Machine.LiveResponse", "Machine.Read.All", "Library.Manage"],
}));
let current = 0;
beforeEach(() => {
  current++;
});
beforeAll(async () => {
  h = await startHarness({
    devices: 120,
    alerts: 100,
    actionDelaysMs: { toInProgress: 60, toFinal: 120 },
    extraApps: [rateApp, noLibraryApp, ...pool],
  });
});
afterAll(() => h.close());

type Machine = { id: string; computerDnsName: string; osPlatform: string; healthStatus: string; rbacGroupName: string };
let machines: Machine[] = [];
const eligible = () =>
  machines.filter(
    (m) =>
      m.osPlatform.startsWith("Windows1") && m.healthStatus === "Active" && m.rbacGroupName !== "Servers - Development",
  );
const script = (name: string, args?: string) => ({
  type: "RunScript",
  params: [{ key: "ScriptName", value: name }, ...(args ? [{ key: "Args", value: args }] : [])],
});
const getFile = (path: string) => ({ type: "GetFile", params: [{ key: "Path", value: path }] });
const run = (id: string, commands: unknown[], client: { clientId: string; clientSecret: string } = pool[current]!) =>
  h.call("POST", `/api/machines/${id}/runliveresponse`, { body: { Comment: "triage", Commands: commands }, client });
const settle = async (id: string) => {
  for (let i = 0; i < 100; i++) {
    const a = (await h.call("GET", `/api/machineactions/${id}`)).json();
    if (!["Pending", "InProgress"].includes(a.status)) return a;
    await sleep(25);
  }
  throw new Error("session never ended");
};
const download = async (actionId: string, index: number) => {
  const link = await h.call("GET", `/api/machineactions/${actionId}/GetLiveResponseResultDownloadLink(index=${index})`);
  expect(link.status).toBe(200);
  expect(link.json()["@odata.context"]).toBe(`${h.emu.baseUrl}/api/$metadata#Edm.String`);
  return h.http("GET", link.json().value);
};

beforeAll(async () => {
  machines = (await h.call("GET", "/api/machines")).json().value;
});

describe("live response", () => {
  it("runs commands in order through the machine-action lifecycle and serves deterministic results", async () => {
    const m = eligible()[0]!;
    const res = await run(m.id, [
      script("Get-ProcessList.ps1"),
      script("Get-FileHash.ps1", "C:\\Temp\\a.exe"),
      getFile("C:\\Temp\\a.exe"),
    ]);
    expect(res.status).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      type: "LiveResponse",
      status: "Pending",
      machineId: m.id,
      requestorComment: "triage",
    });
    expect(created.commands).toHaveLength(3);
    expect(created.commands[0]).toEqual({
      index: 0,
      startTime: null,
      endTime: null,
      commandStatus: "Created",
      errors: [],
      command: { type: "RunScript", params: [{ key: "ScriptName", value: "Get-ProcessList.ps1" }] },
    });
    const done = await settle(created.id);
    expect(done.status).toBe("Succeeded");
    expect(done.commands.map((c: { commandStatus: string }) => c.commandStatus)).toEqual([
      "Completed",
      "Completed",
      "Completed",
    ]);
    expect(done.commands[0].endTime <= done.commands[1].startTime).toBe(true);

    const processes = (await download(created.id, 0)).json();
    expect(processes).toMatchObject({ script_name: "Get-ProcessList.ps1", exit_code: 0, script_errors: "" });
    expect(processes.script_output).toMatch(/^\s+4 System/m);
    expect(processes.script_output).toContain("lsass");
    const file = await download(created.id, 2);
    expect(file.text).toContain(`Device: ${m.computerDnsName}`);
    const sha = createHash("sha256").update(Buffer.from(file.text, "utf8")).digest("hex").toUpperCase();
    expect((await download(created.id, 1)).json().script_output).toContain(`Hash      : ${sha}`);

    // Same device, same command → the same output on a second session.
    const again = (await run(m.id, [script("Get-ProcessList.ps1")])).json();
    await settle(again.id);
    expect((await download(again.id, 0)).json().script_output).toBe(processes.script_output);
  });

  it("refuses a second session on the same device with ActiveRequestAlreadyExists", async () => {
    const m = eligible()[1]!;
    const first = await run(m.id, [script("Get-ProcessList.ps1")]);
    expect(first.status).toBe(201);
    const second = await run(m.id, [script("Get-ProcessList.ps1")]);
    expect(second.status).toBe(400);
    expect(second.json().error.code).toBe("ActiveRequestAlreadyExists");
    await settle(first.json().id);
    expect((await run(m.id, [script("Get-ProcessList.ps1")])).status).toBe(201);
  });

  it("stops at a failing command: it is Failed with its error and later commands stay Created", async () => {
    const m = eligible()[2]!;
    const res = (
      await run(m.id, [script("Get-ProcessList.ps1"), script("Not-In-Library.ps1"), getFile("C:\\x.txt")])
    ).json();
    const done = await settle(res.id);
    expect(done.status).toBe("Failed");
    expect(done.commands.map((c: { commandStatus: string }) => c.commandStatus)).toEqual([
      "Completed",
      "Failed",
      "Created",
    ]);
    expect(done.commands[1].errors[0]).toMatch(/not found in the library/);
    const noResult = await h.call("GET", `/api/machineactions/${res.id}/GetLiveResponseResultDownloadLink(index=2)`);
    expect(noResult.status).toBe(404);
  });

  it("validates the body: Commands required, known types, documented order, required params", async () => {
    const m = eligible()[3]!;
    const missing = await h.call("POST", `/api/machines/${m.id}/runliveresponse`, { body: { Comment: "x" } });
    expect(missing.status).toBe(400);
    expect(missing.json().error.code).toBe("MissingRequiredParameter");
    const order = await run(m.id, [getFile("C:\\a"), script("Get-ProcessList.ps1")]);
    expect(order.status).toBe(400);
    expect(order.json().error.message).toMatch(/PutFile, RunScript, GetFile/);
    const noPath = await run(m.id, [{ type: "GetFile", params: [] }]);
    expect(noPath.json().error.message).toBe("Parameter Path is missing.");
    expect((await run(m.id, [{ type: "Shell", params: [] }])).status).toBe(400);
  });

  it("answers DisallowedOperation for a device whose group has no automation level", async () => {
    const dev = machines.find((m) => m.rbacGroupName === "Servers - Development")!;
    const res = await run(dev.id, [script("Get-ProcessList.ps1")]);
    expect(res.status).toBe(403);
    expect(res.json().error).toMatchObject({
      code: "DisallowedOperation",
      message:
        "This device has no automation level assigned to it. You'll need to at least enable the minimum Remediation Level for a given Device Group.",
    });
  });

  it("queues a session for an offline device and times it out after three days", async () => {
    const offline = machines.find(
      (m) =>
        m.healthStatus === "Inactive" &&
        m.osPlatform.startsWith("Windows") &&
        m.rbacGroupName !== "Servers - Development",
    )!;
    const res = (await run(offline.id, [script("Get-ProcessList.ps1")])).json();
    await sleep(250);
    expect((await h.call("GET", `/api/machineactions/${res.id}`)).json().status).toBe("Pending");
    await h.control("POST", "/_emulator/clock", { offsetMs: 3 * 86_400_000 + 60_000 });
    try {
      expect((await h.call("GET", `/api/machineactions/${res.id}`)).json().status).toBe("TimeOut");
    } finally {
      await h.control("POST", "/_emulator/clock", {});
    }
  });

  it("expires result links after 30 minutes; a new link works", async () => {
    const m = eligible()[4]!;
    const res = (await run(m.id, [script("Get-ProcessList.ps1")])).json();
    await settle(res.id);
    const link = (
      await h.call("GET", `/api/machineactions/${res.id}/GetLiveResponseResultDownloadLink(index=0)`)
    ).json().value;
    await h.control("POST", "/_emulator/clock", { offsetMs: 31 * 60_000 });
    try {
      const expired = await h.http("GET", link);
      expect(expired.status).toBe(403);
      expect(expired.text).toContain("AuthenticationFailed");
      expect((await download(res.id, 0)).status).toBe(200);
    } finally {
      await h.control("POST", "/_emulator/clock", {});
    }
  });

  it("allows 10 calls a minute, then 429 with Retry-After", async () => {
    const targets = eligible().slice(10, 21);
    const statuses: number[] = [];
    for (const m of targets) statuses.push((await run(m.id, [script("Get-ProcessList.ps1")], rateApp)).status);
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it("limits the tenant to 25 sessions at a time", async () => {
    await h.control("POST", "/_emulator/clock", {});
    const offline = machines.filter(
      (m) =>
        m.healthStatus !== "Active" &&
        !["iOS", "Android"].includes(m.osPlatform) &&
        m.rbacGroupName !== "Servers - Development",
    );
    // Queued sessions on offline devices stay unfinished, so they hold their slots.
    const online = eligible().slice(21);
    const devices = [...offline, ...online];
    const statuses: number[] = [];
    const created: string[] = [];
    for (const [i, m] of devices.slice(0, 30).entries()) {
      if (statuses.includes(429)) break;
      const res = await h.call("POST", `/api/machines/${m.id}/runliveresponse`, {
        body: { Commands: [script("Get-ProcessList.ps1")] },
        client: pool[20 + Math.floor(i / 9)]!,
      });
      statuses.push(res.status);
      if (res.status === 201) created.push(res.json().id);
      if (res.status === 429) expect(res.json().error.message).toMatch(/25 LiveResponse sessions/);
    }
    expect(statuses).toContain(429);
    // Cancelling frees the slots (cancel-machine-action accepts Machine.LiveResponse).
    for (const id of created) await h.call("POST", `/api/machineactions/${id}/cancel`, { body: { Comment: "done" } });
    expect((await run(online.at(-1)!.id, [script("Get-ProcessList.ps1")])).status).toBe(201);
  });

  it("needs Machine.LiveResponse to run and Machine.Read.All for result links (app tokens)", async () => {
    const m = eligible()[5]!;
    const ro = await run(m.id, [script("Get-ProcessList.ps1")], h.emu.readOnlyClient as typeof rateApp);
    expect(ro.status).toBe(403);
    const res = (await run(m.id, [script("Get-ProcessList.ps1")])).json();
    await settle(res.id);
    const link = await h.call("GET", `/api/machineactions/${res.id}/GetLiveResponseResultDownloadLink(index=0)`, {
      client: noLibraryApp,
    });
    expect(link.status).toBe(403);
  });
});

describe("live response library", () => {
  const upload = (
    name: string,
    content: string | Buffer,
    extra: Record<string, string> = {},
    client?: typeof rateApp,
  ) => {
    const boundary = "----emulator-test-boundary";
    const parts: Buffer[] = [];
    for (const [k, v] of Object.entries(extra))
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="File"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.isBuffer(content) ? content : Buffer.from(content),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    );
    return h.call("POST", "/api/libraryfiles", {
      body: Buffer.concat(parts).toString("latin1"),
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
      client,
    });
  };

  it("lists the seeded scripts with the documented fields", async () => {
    const res = await h.call("GET", "/api/libraryfiles");
    expect(res.json()["@odata.context"]).toBe(`${h.emu.baseUrl}/api/$metadata#LibraryFiles`);
    const files = res.json().value;
    expect(files.map((f: { fileName: string }) => f.fileName)).toContain("Get-ProcessList.ps1");
    expect(Object.keys(files[0])).toEqual([
      "fileName",
      "sha256",
      "description",
      "creationTime",
      "lastUpdatedTime",
      "createdBy",
      "hasParameters",
      "parametersDescription",
    ]);
  });

  it("uploads (200), refuses a duplicate unless OverrideIfExists, bad names and empty files; runs the new script", async () => {
    const ok = await upload("Collect-Evidence.ps1", "Write-Output 'evidence'", {
      Description: "Collects evidence",
      ParametersDescription: "Case id",
    });
    expect(ok.status).toBe(200);
    expect(ok.json()).toMatchObject({
      fileName: "Collect-Evidence.ps1",
      description: "Collects evidence",
      hasParameters: true,
      sha256: createHash("sha256").update("Write-Output 'evidence'").digest("hex"),
    });
    expect((await upload("Collect-Evidence.ps1", "v2")).status).toBe(400);
    expect((await upload("Collect-Evidence.ps1", "v2", { OverrideIfExists: "true" })).status).toBe(200);
    const badName = await upload("bad name!.ps1", "x");
    expect(badName.status).toBe(400);
    expect(badName.json().error.message).toMatch(/letters, digits/);
    expect((await upload("empty.ps1", "")).status).toBe(400);
    const m = eligible()[6]!;
    const res = (
      await run(m.id, [
        { type: "PutFile", params: [{ key: "FileName", value: "Collect-Evidence.ps1" }] },
        script("Collect-Evidence.ps1", "CASE-7"),
      ])
    ).json();
    const done = await settle(res.id);
    expect(done.status).toBe("Succeeded");
    expect((await download(res.id, 1)).json().script_output).toContain("Arguments: CASE-7");
    const putFileLink = await h.call("GET", `/api/machineactions/${res.id}/GetLiveResponseResultDownloadLink(index=0)`);
    expect(putFileLink.status).toBe(404);
  });

  it("refuses files over 20 MB", async () => {
    const big = Buffer.alloc(20 * 1024 * 1024 + 1, 0x41);
    const res = await upload("big.bin", big);
    expect(res.status).toBe(400);
    expect(res.json().error.message).toMatch(/20 MB/);
  });

  it("deletes (204), then 404; needs Library.Manage", async () => {
    expect((await upload("Temp-Script.ps1", "x")).status).toBe(200);
    expect((await h.call("DELETE", "/api/libraryfiles/Temp-Script.ps1")).status).toBe(204);
    const again = await h.call("DELETE", "/api/libraryfiles/Temp-Script.ps1");
    expect(again.status).toBe(404);
    expect((await h.call("GET", "/api/libraryfiles", { client: noLibraryApp })).status).toBe(403);
  });
});
