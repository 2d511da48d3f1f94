import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Conflict, UpstreamError } from "../http/errors";
import { ProviderRefused } from "../microsoft";
import {
  batchDeleteIndicators,
  createDefenderClient,
  deleteLibraryFile,
  describeLiveResponseRefusal,
  downloadLiveResponseResult,
  getInvestigation,
  getLiveResponseAction,
  getLiveResponseResultLink,
  importIndicators,
  indicatorPages,
  investigationPages,
  isAlreadyInProgress,
  isIndicatorCapReached,
  isIndicatorCapReason,
  isNoAutomationLevel,
  isThrottled,
  listLibraryFiles,
  machinePages,
  parseScriptResult,
  ProviderError,
  runLiveResponse,
  startInvestigation,
  submitIndicator,
  uploadLibraryFile,
  type DefenderClient,
  type IndicatorInput,
  type Machine,
} from "./index";
import { drainPages, FAST_RETRIES, realSleep, startEmulatedTenant, type EmulatedTenant } from "./testing";

// The investigation, live response, library and indicator clients against a simulated tenant, over real HTTPS and
// MSAL: the documented refusals arrive as ProviderErrors the console can name.

let tenant: EmulatedTenant;
let client: DefenderClient;
let machines: Machine[];
const calls: string[] = [];

beforeAll(async () => {
  tenant = await startEmulatedTenant({
    seed: "responder-clients",
    devices: 60,
    alerts: 300,
    vulnsPerDevice: 2,
    actionDelaysMs: { toInProgress: 40, toFinal: 80 },
    indicators: 14_800,
  });
  const fetchSpy: typeof fetch = (input, init) => {
    calls.push(`${init?.method ?? "GET"} ${new URL(String(input)).pathname}`);
    return tenant.transport.fetch(input, init);
  };
  client = createDefenderClient({
    baseUrl: tenant.emu.defenderUrl,
    xdrBaseUrl: tenant.emu.defenderUrl,
    tokens: tenant.tokens(),
    fetch: fetchSpy,
    ...FAST_RETRIES,
  });
  machines = (await drainPages(machinePages(client))).items;
});
afterAll(() => tenant.close());

const online = () =>
  machines.filter(
    (m) =>
      (m.osPlatform ?? "").startsWith("Windows1") &&
      m.healthStatus === "Active" &&
      m.rbacGroupName !== "Servers - Development",
  );
const waitForEnd = async (id: string) => {
  for (let i = 0; i < 100; i++) {
    const a = await getLiveResponseAction(client, id);
    if (a.status !== "Pending" && a.status !== "InProgress") return a;
    await realSleep(20);
  }
  throw new Error("session did not end");
};

describe("investigations", () => {
  it("lists pending approvals, gets one by alert id, starts one on a device", async () => {
    const all = (await drainPages(investigationPages(client))).items;
    expect(all.length).toBeGreaterThan(0);
    const pending = (await drainPages(investigationPages(client, { state: "PendingApproval" }))).items;
    expect(pending.every((i) => i.state === "PendingApproval")).toBe(true);
    const withAlert = all.find((i) => i.triggeringAlertId)!;
    expect((await getInvestigation(client, withAlert.triggeringAlertId!)).id).toBe(withAlert.id);
    const started = await startInvestigation(client, online()[0]!.id, "Started from the console");
    expect(started.state).toBe("Queued");
    expect(typeof started.id).toBe("string");
  });
});

describe("live response", () => {
  it("runs a library script, polls the session and reads the script output through the result link", async () => {
    const m = online()[0]!;
    // Given out of order: the client sends the documented order (RunScript before GetFile).
    const action = await runLiveResponse(client, m.id, {
      comment: "triage",
      commands: [
        { type: "GetFile", path: "C:\\Temp\\evil.exe" },
        { type: "RunScript", scriptName: "Get-FileHash.ps1", args: "C:\\Temp\\evil.exe" },
      ],
    });
    expect(action.status).toBe("Pending");
    expect(action.commands.map((c) => c.command.type)).toEqual(["RunScript", "GetFile"]);
    const done = await waitForEnd(action.id);
    expect(done.status).toBe("Succeeded");
    const link = await getLiveResponseResultLink(client, action.id, 0);
    const script = parseScriptResult(await downloadLiveResponseResult(link, { fetch: tenant.transport.fetch }));
    expect(script.exit_code).toBe(0);
    const file = await downloadLiveResponseResult(await getLiveResponseResultLink(client, action.id, 1), {
      fetch: tenant.transport.fetch,
    });
    const sha = createHash("sha256").update(file.bytes).digest("hex").toUpperCase();
    expect(script.script_output).toContain(sha);
  });

  it("names a second session on the same device clearly, and does not resend it", async () => {
    const m = online()[1]!;
    await runLiveResponse(client, m.id, {
      comment: "one",
      commands: [{ type: "RunScript", scriptName: "Get-ProcessList.ps1" }],
    });
    const before = calls.length;
    const err = await runLiveResponse(client, m.id, {
      comment: "two",
      commands: [{ type: "RunScript", scriptName: "Get-ProcessList.ps1" }],
    }).catch((e: unknown) => e);
    expect(isAlreadyInProgress(err)).toBe(true);
    expect(calls.slice(before).filter((c) => c.endsWith("/runliveresponse"))).toHaveLength(1);
    const described = describeLiveResponseRefusal(err, m.computerDnsName ?? m.id);
    expect(described).toBeInstanceOf(Conflict);
    expect(described.message).toMatch(/already running on/);
  });

  it("names a device group without an automation level", async () => {
    const dev = machines.find((m) => m.rbacGroupName === "Servers - Development")!;
    const err = await runLiveResponse(client, dev.id, {
      comment: "x",
      commands: [{ type: "RunScript", scriptName: "Get-ProcessList.ps1" }],
    }).catch((e: unknown) => e);
    expect(isNoAutomationLevel(err)).toBe(true);
    const described = describeLiveResponseRefusal(err, "srv-dev");
    expect(described).toBeInstanceOf(ProviderRefused);
    expect(described.message).toMatch(/no automation level/);
  });

  it("surfaces the 10-calls-a-minute limit at once as a 429 with Retry-After, without retrying", async () => {
    let err: unknown = null;
    const before = calls.length;
    for (const m of online().slice(2, 14)) {
      err = await runLiveResponse(client, m.id, {
        comment: "burst",
        commands: [{ type: "RunScript", scriptName: "Get-ProcessList.ps1" }],
      }).then(
        () => null,
        (e: unknown) => e,
      );
      if (err) break;
    }
    expect(isThrottled(err)).toBe(true);
    expect((err as ProviderError).retryAfterMs).toBeGreaterThan(0);
    // 10 accepted this minute before the burst's refusal (3 sessions earlier in this file), and no retry of the 429.
    expect(calls.slice(before).filter((c) => c.endsWith("/runliveresponse")).length).toBeLessThanOrEqual(9);
    const described = describeLiveResponseRefusal(err, "WS-1");
    expect(described).toBeInstanceOf(UpstreamError);
    expect(described.message).toMatch(/10 requests a minute/);
  });

  it("uploads, lists and deletes library files", async () => {
    const content = new TextEncoder().encode("Write-Output 'hello'");
    const uploaded = await uploadLibraryFile(client, {
      fileName: "Hello-World.ps1",
      content,
      description: "Says hello",
      parametersDescription: "none",
    });
    expect(uploaded).toMatchObject({ fileName: "Hello-World.ps1", hasParameters: true });
    expect((await listLibraryFiles(client)).map((f) => f.fileName)).toContain("Hello-World.ps1");
    const dup = await uploadLibraryFile(client, { fileName: "Hello-World.ps1", content }).catch((e: unknown) => e);
    expect((dup as ProviderError).status).toBe(400);
    await deleteLibraryFile(client, "Hello-World.ps1");
    const gone = await deleteLibraryFile(client, "Hello-World.ps1").catch((e: unknown) => e);
    expect((gone as ProviderError).status).toBe(404);
    expect(() => uploadLibraryFile(client, { fileName: "bad name.ps1", content })).toThrow(/letters, digits/);
  });
});

describe("indicators", () => {
  const row = (i: number): IndicatorInput => ({
    indicatorValue: i === 7 ? "not-a-hash" : (0x10_0000 + i).toString(16).padStart(64, "b"),
    indicatorType: "FileSha256",
    action: "Block",
    title: `Row ${i}`,
    description: "CSV import",
    severity: "High",
  });

  it("imports 600 rows in two calls and reports one result per row", async () => {
    const before = calls.length;
    const batches: number[] = [];
    const results = await importIndicators(
      client,
      Array.from({ length: 600 }, (_, i) => row(i)),
      {
        onBatch: (done) => batches.push(done),
      },
    );
    expect(calls.slice(before).filter((c) => c === "POST /api/indicators/import")).toHaveLength(2);
    expect(batches).toEqual([500, 600]);
    expect(results).toHaveLength(600);
    expect(results[7]).toMatchObject({ row: 7, indicatorValue: "not-a-hash", failed: true, id: null });
    expect(results[7]!.failureReason).toMatch(/invalid/);
    expect(results[599]).toMatchObject({ row: 599, failed: false });
    expect(results.filter((r) => !r.failed)).toHaveLength(599);
  });

  it("refuses submits past 15,000 active indicators with a recognisable error; import rows say why", async () => {
    const active = (await drainPages(indicatorPages(client))).items.filter(
      (i) => !i.expirationTime || Date.parse(i.expirationTime) > Date.now(),
    ).length;
    const free = 15_000 - active;
    expect(free).toBeGreaterThanOrEqual(0);
    const fill = await importIndicators(
      client,
      Array.from({ length: free + 3 }, (_, i) => row(10_000 + i)).map((r) => ({
        ...r,
        indicatorValue: r.indicatorValue.replace(/^b/, "c"),
      })),
    );
    expect(fill.filter((r) => !r.failed)).toHaveLength(free);
    expect(fill.filter((r) => r.failed).every((r) => isIndicatorCapReason(r.failureReason))).toBe(true);
    const err = await submitIndicator(client, row(99_999)).catch((e: unknown) => e);
    expect(isIndicatorCapReached(err)).toBe(true);
    // Deleting makes room again.
    const own = (await drainPages(indicatorPages(client, { indicatorType: "FileSha256" }))).items.slice(0, 2);
    await batchDeleteIndicators(
      client,
      own.map((i) => i.id),
    );
    expect((await submitIndicator(client, row(99_999))).indicatorValue).toBe(row(99_999).indicatorValue);
  });

  it("maps the import quota to a 429 ProviderError with Retry-After once retries cannot wait it out", async () => {
    const impatient = createDefenderClient({
      baseUrl: tenant.emu.defenderUrl,
      xdrBaseUrl: tenant.emu.defenderUrl,
      tokens: tenant.tokens(),
      fetch: tenant.transport.fetch,
      ...FAST_RETRIES,
      retryAfterCapMs: 1,
    });
    let err: unknown = null;
    for (let i = 0; i < 31 && !err; i++)
      err = await importIndicators(impatient, [row(50_000 + i)]).then(
        () => null,
        (e: unknown) => e,
      );
    expect(isThrottled(err)).toBe(true);
    expect((err as ProviderError).code).toBe("429");
    expect((err as ProviderError).retryAfterMs).toBeGreaterThan(0);
  });
});
