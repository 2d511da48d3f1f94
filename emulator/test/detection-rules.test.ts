// Contract of Graph custom detection rules (`/beta/security/rules/detectionRules`): CRUD in the current and the
// deprecated shape, validation errors naming the property or column, rules running on the emulated clock and raising
// alerts seen through /api/alerts and alerts_v2, the 150-alerts-per-run cap, failures in lastRunDetails, permissions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GRAPH, startHarness, type Harness } from "./helpers";

const BASE = "/beta/security/rules/detectionRules";
const READER = { clientId: "00000000-0000-4000-8000-00000000cd01", clientSecret: "reader-secret-cd01" };
const HUNTER = { clientId: "00000000-0000-4000-8000-00000000cd02", clientSecret: "hunter-secret-cd02" };

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    devices: 40,
    alerts: 120,
    extraApps: [
      { ...READER, permissions: ["CustomDetection.Read.All"] },
      { ...HUNTER, permissions: ["ThreatHunting.Read.All"] },
    ],
  });
});
afterAll(() => h.close());

type Opts = Parameters<Harness["call"]>[2];
const graph = (method: string, path: string, opts: Opts = {}) => h.call(method, path, { resource: GRAPH, ...opts });

const encodedPowerShell = {
  id: "office-encoded-powershell",
  displayName: "Suspicious encoded PowerShell from Office",
  description: "Encoded PowerShell launched by Office applications.",
  status: "enabled",
  queryCondition: {
    queryText:
      "DeviceProcessEvents | where FileName =~ 'powershell.exe' and ProcessCommandLine has '-EncodedCommand' | project Timestamp, DeviceId, DeviceName, ReportId, AccountName, AccountDomain, AccountSid, FileName, SHA1, SHA256, ProcessCommandLine",
  },
  schedule: { frequency: "PT1H" },
  detectionAction: {
    alertTemplate: {
      title: "Encoded PowerShell on {{DeviceName}}",
      description: "Command line: {{ProcessCommandLine}}",
      severity: "high",
      recommendedActions: "Isolate the device and review the parent document.",
      entityMappings: {
        accounts: [{ nameColumn: "AccountName", ntDomainColumn: "AccountDomain", sidColumn: "AccountSid" }],
        hosts: [{ deviceIdColumn: "DeviceId", nameColumn: "DeviceName" }],
        files: [{ nameColumn: "FileName", sha1Column: "SHA1", sha256Column: "SHA256" }],
      },
      tactics: [{ tactic: "Execution", techniques: [{ technique: "T1059", subTechniques: ["T1059.001"] }] }],
    },
  },
};

const rule = (id: string, queryText: string, extra: Record<string, unknown> = {}) => ({
  id,
  displayName: `Rule ${id}`,
  status: "enabled",
  queryCondition: { queryText },
  schedule: { frequency: "P1D" },
  detectionAction: { alertTemplate: { title: `Alert ${id}`, severity: "medium" } },
  ...extra,
});

describe("detection rules CRUD", () => {
  it("creates, reads, lists, updates and deletes a rule in the current shape", async () => {
    const created = await graph("POST", BASE, { body: encodedPowerShell });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(
      "https://graph.microsoft.com/beta/security/rules/detectionRules/office-encoded-powershell",
    );
    const body = created.json();
    expect(body).toMatchObject({
      id: "office-encoded-powershell",
      status: "enabled",
      isEnabled: true,
      schedule: { frequency: "PT1H", period: "1H" },
      createdBy: h.emu.clientId,
      lastRunDetails: { lastRunDateTime: null, status: null, errorCode: null },
    });
    expect(body.detectionAction.alertTemplate.category).toBe("Execution");
    expect(body.detectionAction.alertTemplate.mitreTechniques).toEqual(["T1059", "T1059.001"]);
    expect(body.detectionAction.alertTemplate.impactedAssets).toEqual([
      { "@odata.type": "#microsoft.graph.security.impactedDeviceAsset", identifier: "deviceId" },
      { "@odata.type": "#microsoft.graph.security.impactedUserAsset", identifier: "accountSid" },
    ]);

    const got = (await graph("GET", `${BASE}/office-encoded-powershell`)).json();
    expect(got.displayName).toBe(encodedPowerShell.displayName);
    expect(got.lastRunDetails.status).toBe("completed");
    const list = (await graph("GET", BASE)).json();
    expect(list.value.map((r: { id: string }) => r.id)).toContain("office-encoded-powershell");

    const patched = await graph("PATCH", `${BASE}/office-encoded-powershell`, {
      body: { status: "disabled", detectionAction: { alertTemplate: { severity: "low" } } },
    });
    expect(patched.status).toBe(200);
    expect(patched.json()).toMatchObject({ status: "disabled", isEnabled: false });
    expect(patched.json().detectionAction.alertTemplate).toMatchObject({
      severity: "low",
      title: "Encoded PowerShell on {{DeviceName}}",
    });

    const v1 = (await graph("GET", "/v1.0/security/rules/detectionRules/office-encoded-powershell")).json();
    expect(v1.status).toBe("disabled");
    for (const deprecated of ["isEnabled", "lastRunDetails", "detectorId"]) expect(v1).not.toHaveProperty(deprecated);
    expect(v1.schedule).toEqual({ frequency: "PT1H" });

    const extra = await graph("POST", BASE, {
      body: rule("to-delete", "DeviceInfo | project Timestamp, DeviceId, ReportId"),
    });
    expect(extra.status).toBe(201);
    expect((await graph("DELETE", `${BASE}/to-delete`)).status).toBe(204);
    const gone = await graph("GET", `${BASE}/to-delete`);
    expect(gone.status).toBe(404);
    expect(gone.json().error.code).toBe("itemNotFound");
  });

  it("accepts the deprecated shape: server-assigned id, isEnabled, period, category, impactedAssets", async () => {
    const res = await graph("POST", BASE, {
      body: {
        displayName: "Legacy shape rule",
        isEnabled: false,
        queryCondition: { queryText: "DeviceLogonEvents | project Timestamp, DeviceId, ReportId, AccountSid" },
        schedule: { period: "12H" },
        detectionAction: {
          alertTemplate: {
            title: "Legacy alert",
            description: "d",
            severity: "medium",
            category: "CredentialAccess",
            recommendedActions: null,
            mitreTechniques: ["T1110"],
            impactedAssets: [
              { "@odata.type": "#microsoft.graph.security.impactedUserAsset", identifier: "accountSid" },
            ],
          },
          organizationalScope: null,
          responseActions: [],
        },
      },
    });
    expect(res.status).toBe(201);
    const r = res.json();
    expect(r.id).toMatch(/^\d+$/);
    expect(r).toMatchObject({ status: "disabled", isEnabled: false, schedule: { frequency: "PT12H", period: "12H" } });
    expect(r.detectionAction.alertTemplate).toMatchObject({
      category: "CredentialAccess",
      mitreTechniques: ["T1110"],
      tactics: [{ tactic: "CredentialAccess", techniques: [{ technique: "T1110" }] }],
      entityMappings: { accounts: [{ sidColumn: "AccountSid" }] },
    });
    const enabled = await graph("PATCH", `${BASE}/${r.id}`, { body: { isEnabled: true, schedule: { period: "0" } } });
    expect(enabled.json()).toMatchObject({ status: "enabled", schedule: { frequency: "PT0S", period: "0" } });
  });
});

describe("detection rule validation", () => {
  const refused = async (body: unknown, status = 400) => {
    const res = await graph("POST", BASE, { body });
    expect(res.status).toBe(status);
    return res.json().error as { code: string; message: string };
  };

  it("names the required column a Device* query does not return", async () => {
    const e = await refused(rule("no-report-id", "DeviceProcessEvents | project Timestamp, DeviceId, FileName"));
    expect(e.code).toBe("InvalidInput");
    expect(e.message).toContain("missing the required column ReportId");
    expect(e.message).toContain("Timestamp, DeviceId, ReportId");
    const both = await refused(rule("no-ids", "DeviceFileEvents | summarize count() by DeviceName"));
    expect(both.message).toContain("Timestamp, DeviceId, ReportId");
    const alertTable = await graph("POST", BASE, {
      body: rule(
        "alerts-only-timestamp",
        "AlertEvidence | where EntityType == 'Machine' | project Timestamp, DeviceId",
      ),
    });
    expect(alertTable.status).toBe(201);
  });

  it("refuses a mapping, placeholder or custom detail naming a column the query does not return", async () => {
    const e = await refused(
      rule("bad-mapping", "DeviceProcessEvents | project Timestamp, DeviceId, ReportId", {
        detectionAction: {
          alertTemplate: { title: "x", severity: "low", entityMappings: { files: [{ sha1Column: "SHA1" }] } },
        },
      }),
    );
    expect(e.message).toContain("'SHA1'");
    const p = await refused(
      rule("bad-placeholder", "DeviceProcessEvents | project Timestamp, DeviceId, ReportId", {
        detectionAction: { alertTemplate: { title: "On {{DeviceName}}", severity: "low" } },
      }),
    );
    expect(p.message).toContain("'DeviceName'");
  });

  it("refuses bad frequencies and periods, a missing id, a bad query, and duplicate names", async () => {
    expect(
      (
        await refused(
          rule("f", "DeviceInfo | project Timestamp, DeviceId, ReportId", { schedule: { frequency: "PT2H" } }),
        )
      ).message,
    ).toContain("'PT2H'");
    expect(
      (await refused(rule("p", "DeviceInfo | project Timestamp, DeviceId, ReportId", { schedule: { period: "PT1H" } })))
        .message,
    ).toContain("0, 1H, 3H, 12H, or 24H");
    const { id: _id, ...noId } = rule("x", "DeviceInfo | project Timestamp, DeviceId, ReportId");
    expect((await refused(noId)).message).toContain("'id'");
    const syntax = await refused(
      rule("syntax", "DeviceProcessEvents | project Timestamp, DeviceId, ReportId, NoSuchColumn"),
    );
    expect(syntax.message).toContain("Failed to resolve scalar expression named 'NoSuchColumn'");
    const nrt = await refused(
      rule(
        "nrt-join",
        "DeviceProcessEvents | join DeviceNetworkEvents on DeviceId | project Timestamp, DeviceId, ReportId",
        {
          schedule: { frequency: "PT0S" },
        },
      ),
    );
    expect(nrt.message).toContain("single table");
    const dup = await refused({ ...encodedPowerShell, id: "another-id" }, 409);
    expect(dup.message).toContain(encodedPowerShell.displayName);
    expect((await refused({ ...encodedPowerShell, displayName: "x" }, 409)).message).toContain(
      "office-encoded-powershell",
    );
  });
});

describe("rules running on the emulated clock", () => {
  it("raises alerts seen through /api/alerts and alerts_v2, grouped into incidents, and runs again when the clock advances", async () => {
    const created = await graph("POST", BASE, {
      body: {
        ...encodedPowerShell,
        id: "encoded-ps-live",
        displayName: "Encoded PowerShell (live)",
        detectionAction: {
          alertTemplate: {
            ...encodedPowerShell.detectionAction.alertTemplate,
            title: "Live: encoded PowerShell on {{DeviceName}}",
          },
        },
      },
    });
    const detectorId = created.json().detectorId as string;
    const mde = (
      await h.call("GET", `/api/alerts?$filter=detectionSource eq 'CustomDetection'&$expand=evidence`)
    ).json().value as Record<string, unknown>[];
    const ours = mde.filter((a) => a.detectorId === detectorId);
    expect(ours.length).toBeGreaterThan(0);
    const a = ours[0]!;
    expect(a).toMatchObject({
      severity: "High",
      category: "Execution",
      status: "New",
      mitreTechniques: ["T1059", "T1059.001"],
    });
    expect(a.title).toMatch(/^Live: encoded PowerShell on \S+/);
    expect(String(a.description)).toContain("-EncodedCommand");
    // The first run looks back 30 days, not the hourly rule's 4 hours.
    const oldest = Math.min(...ours.map((x) => Date.parse(String(x.firstEventTime))));
    expect(Date.now() - oldest).toBeGreaterThan(24 * 3_600_000);
    const evidence = a.evidence as Record<string, unknown>[];
    expect(evidence.some((e) => e.entityType === "File" && e.fileName === "powershell.exe")).toBe(true);
    expect(evidence.some((e) => e.entityType === "User" && e.userSid)).toBe(true);

    const v2 = (await graph("GET", `/v1.0/security/alerts_v2/${a.id}`)).json();
    expect(v2).toMatchObject({
      detectionSource: "customDetection",
      detectorId,
      severity: "high",
      incidentId: String(a.incidentId),
    });
    const filtered = (
      await graph("GET", "/v1.0/security/alerts_v2?$filter=detectionSource eq 'customDetection'&$top=1000")
    ).json();
    expect(filtered.value.map((x: { id: string }) => x.id)).toContain(a.id);
    const incident = (await graph("GET", `/v1.0/security/incidents/${a.incidentId}?$expand=alerts`)).json();
    expect(incident.alerts.map((x: { id: string }) => x.id)).toContain(a.id);

    const before = (await graph("GET", `${BASE}/encoded-ps-live`)).json().lastRunDetails;
    expect(before.status).toBe("completed");
    // The same events never alert twice: a second run within the hour raises nothing new.
    await h.control("POST", "/_emulator/clock", { offsetMs: 2 * 3_600_000 });
    const after = (await graph("GET", `${BASE}/encoded-ps-live`)).json();
    expect(Date.parse(after.lastRunDetails.lastRunDateTime)).toBeGreaterThan(Date.parse(before.lastRunDateTime));
    expect(Date.parse(after.schedule.nextRunDateTime)).toBeGreaterThan(
      Date.parse(after.lastRunDetails.lastRunDateTime),
    );
    const again = (await h.call("GET", `/api/alerts?$filter=detectionSource eq 'CustomDetection'`)).json().value as {
      detectorId: string;
    }[];
    expect(again.filter((x) => x.detectorId === detectorId).length).toBe(ours.length);
    await h.control("POST", "/_emulator/clock", {});
  });

  it("raises new events' alerts on the next scheduled run only", async () => {
    const res = await graph("POST", BASE, {
      body: rule(
        "last-hour-processes",
        "DeviceProcessEvents | where Timestamp > ago(1h) | project Timestamp, DeviceId, DeviceName, ReportId",
        {
          schedule: { frequency: "PT1H" },
        },
      ),
    });
    const detectorId = res.json().detectorId;
    const count = async () =>
      (
        (await h.call("GET", `/api/alerts?$filter=detectionSource eq 'CustomDetection'`)).json().value as {
          detectorId: string;
        }[]
      ).filter((x) => x.detectorId === detectorId);
    const first = await count();
    await h.control("POST", "/_emulator/clock", { offsetMs: 30 * 60_000 });
    expect((await count()).length).toBe(first.length);
    await h.control("POST", "/_emulator/clock", { offsetMs: 61 * 60_000 });
    const second = await count();
    expect(second.length).toBeGreaterThan(first.length);
    await h.control("POST", "/_emulator/clock", {});
  });

  it("raises at most 150 alerts per run and says so in lastRunDetails", async () => {
    const res = await graph("POST", BASE, {
      body: rule("every-process", "DeviceProcessEvents | project Timestamp, DeviceId, ReportId"),
    });
    const detectorId = res.json().detectorId;
    const r = (await graph("GET", `${BASE}/every-process`)).json();
    expect(r.lastRunDetails).toMatchObject({ status: "partiallyFailed", errorCode: "queryExceededResultSize" });
    const raised = (
      (await h.call("GET", `/api/alerts?$filter=detectionSource eq 'CustomDetection'`)).json().value as {
        detectorId: string;
      }[]
    ).filter((x) => x.detectorId === detectorId);
    expect(raised.length).toBe(150);
  });

  it("groups a rule's alerts on one device into one incident, unless the rule excludes them from correlation", async () => {
    const query = "DeviceLogonEvents | project Timestamp, DeviceId, ReportId";
    const grouped = (await graph("POST", BASE, { body: rule("logons-grouped", query) })).json().detectorId;
    const alone = (
      await graph("POST", BASE, {
        body: rule("logons-alone", query, {
          detectionAction: {
            alertTemplate: { title: "Alert logons-alone", severity: "low" },
            incidentConfiguration: { isExcludedFromIncidentCorrelation: true },
          },
        }),
      })
    ).json().detectorId;
    const all = (await h.call("GET", `/api/alerts?$filter=detectionSource eq 'CustomDetection'`)).json().value as {
      detectorId: string;
      machineId: string;
      incidentId: number;
    }[];
    const incidentsByDevice = (detectorId: string) => {
      const m = new Map<string, Set<number>>();
      for (const a of all.filter((x) => x.detectorId === detectorId))
        m.set(a.machineId, (m.get(a.machineId) ?? new Set()).add(a.incidentId));
      return [...m.values()];
    };
    const g = incidentsByDevice(grouped);
    expect(g.length).toBeGreaterThan(1);
    expect(g.every((s) => s.size === 1)).toBe(true);
    const separate = all.filter((x) => x.detectorId === alone);
    expect(new Set(separate.map((x) => x.incidentId)).size).toBe(separate.length);
    expect(separate.length).toBeGreaterThan(g.length);
  });

  it("runs a continuous rule every minute", async () => {
    await graph("POST", BASE, {
      body: rule(
        "nrt-whoami",
        "DeviceProcessEvents | where FileName =~ 'whoami.exe' | project Timestamp, DeviceId, ReportId",
        {
          schedule: { frequency: "PT0S" },
        },
      ),
    });
    const first = (await graph("GET", `${BASE}/nrt-whoami`)).json();
    expect(first.schedule).toMatchObject({ frequency: "PT0S", period: "0" });
    await h.control("POST", "/_emulator/clock", { offsetMs: 90_000 });
    const second = (await graph("GET", `${BASE}/nrt-whoami`)).json();
    const gap = Date.parse(second.lastRunDetails.lastRunDateTime) - Date.parse(first.lastRunDetails.lastRunDateTime);
    expect(gap).toBeGreaterThanOrEqual(90_000);
    expect(
      Date.parse(second.schedule.nextRunDateTime) - Date.parse(second.lastRunDetails.lastRunDateTime),
    ).toBeLessThanOrEqual(60_000);
    await graph("PATCH", `${BASE}/nrt-whoami`, { body: { status: "disabled" } });
    await h.control("POST", "/_emulator/clock", {});
  });

  it("records a query past its timeout as queryTimeout", async () => {
    await h.control("POST", "/_emulator/faults", { huntingTimeoutMs: 1 });
    await graph("POST", BASE, {
      body: rule(
        "slow",
        "DeviceProcessEvents | join kind=inner (DeviceProcessEvents | project DeviceId, Other = ReportId) on DeviceId | project Timestamp, DeviceId, ReportId",
      ),
    });
    const r = (await graph("GET", `${BASE}/slow`)).json();
    await h.control("POST", "/_emulator/faults", {});
    expect(r.lastRunDetails).toMatchObject({ status: "failed", errorCode: "queryTimeout" });
  });

  it("records a failing query in lastRunDetails", async () => {
    await graph("POST", BASE, {
      body: rule(
        "bad-regex",
        "DeviceProcessEvents | where ProcessCommandLine matches regex '(' | project Timestamp, DeviceId, ReportId",
      ),
    });
    const r = (await graph("GET", `${BASE}/bad-regex`)).json();
    expect(r.lastRunDetails).toMatchObject({ status: "failed", errorCode: "queryExecutionFailed" });
    expect(r.lastRunDetails.failureReason).toContain("Invalid regular expression");
    expect(r.lastRunDetails.lastRunDateTime).not.toBeNull();
  });
});

describe("detection rule permissions", () => {
  it("reads with CustomDetection.Read.All, writes only with ReadWrite.All, and refuses ThreatHunting.Read.All", async () => {
    expect((await graph("GET", BASE, { client: READER })).status).toBe(200);
    const write = await graph("POST", BASE, {
      client: READER,
      body: rule("reader", "DeviceInfo | project Timestamp, DeviceId, ReportId"),
    });
    expect(write.status).toBe(403);
    expect(write.json().error.code).toBe("accessDenied");
    expect((await graph("GET", BASE, { client: HUNTER })).status).toBe(403);
  });
});
