// Advanced hunting contract: real public hunting queries bind and run with Kusto's column names; Kusto's errors;
// the documented quotas ("runHuntingQuery", "Use the advanced hunting API" in the Graph security API overview).
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseHuntingTimespan } from "../src/defender/hunting-routes";
import { GRAPH, MDE, XDR, startHarness, type Harness } from "./helpers";

interface Fixture {
  source: string;
  query: string;
  columns: string[];
}

const FIXTURES: Fixture[] = JSON.parse(
  readFileSync(path.join(import.meta.dirname, "fixtures", "hunting-queries.json"), "utf8"),
).queries;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ devices: 40, alerts: 200 });
});
afterAll(() => h.close());
// Every test starts with a fresh quota (changing the fault profile resets the hunting quota).
beforeEach(async () => {
  await h.control("POST", "/_emulator/faults", {});
});

const hunt = (query: string, extra: Record<string, unknown> = {}) =>
  h.call("POST", "/v1.0/security/runHuntingQuery", { body: { Query: query, ...extra } });

describe("runHuntingQuery with real hunting queries", () => {
  it(`runs ${FIXTURES.length} public Microsoft hunting queries verbatim with Kusto's result columns`, async () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(30);
    let withRows = 0;
    for (const [i, f] of FIXTURES.entries()) {
      if (i > 0 && i % 40 === 0) await h.control("POST", "/_emulator/faults", {});
      const res = await hunt(f.query);
      expect(res.status, `${f.source}: ${res.text.slice(0, 300)}`).toBe(200);
      const body = res.json();
      expect(
        body.schema.map((c: { name: string }) => c.name),
        f.source,
      ).toEqual(f.columns);
      for (const row of body.results.slice(0, 3)) expect(Object.keys(row)).toEqual(f.columns);
      if (body.results.length) withRows++;
    }
    // The planted scenarios (LSASS dumps, backup deletion, encoded PowerShell, C2 domains…) give typical queries rows.
    expect(withRows).toBeGreaterThanOrEqual(15);
  }, 60_000);

  it("answers the documented envelope: lower-case schema name/type, DateTime with 7 fractional digits", async () => {
    const res = await hunt(
      'DeviceProcessEvents | where ProcessCommandLine has "lsass" and FileName =~ "procdump64.exe" | project Timestamp, DeviceName, FileName, ProcessCommandLine | take 1',
    );
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body["@odata.context"]).toBe(
      "https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.security.huntingQueryResults",
    );
    expect(body.schema).toEqual([
      { name: "Timestamp", type: "DateTime" },
      { name: "DeviceName", type: "String" },
      { name: "FileName", type: "String" },
      { name: "ProcessCommandLine", type: "String" },
    ]);
    expect(body.results[0].Timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/);
    expect(body.results[0].ProcessCommandLine).toContain("-ma lsass.exe");
  });

  it("runs the corrected starter queries with rows (Timestamp, the KB join for IsExploitAvailable)", async () => {
    const alerts = await hunt(`AlertInfo
| where Timestamp > ago(7d)
| where Severity == "High"
| join kind=inner AlertEvidence on AlertId
| summarize AlertCount=count(), UniqueDevices=dcount(DeviceName) by Category, Title
| order by AlertCount desc`);
    expect(alerts.status).toBe(200);
    expect(alerts.json().schema.map((c: { name: string }) => c.name)).toEqual([
      "Category",
      "Title",
      "AlertCount",
      "UniqueDevices",
    ]);
    expect(alerts.json().results.length).toBeGreaterThan(0);
    const tvm = await hunt(`DeviceTvmSoftwareVulnerabilities
| where VulnerabilitySeverityLevel == "Critical"
| join kind=inner DeviceTvmSoftwareVulnerabilitiesKB on CveId
| where IsExploitAvailable == true
| summarize CriticalVulns=count() by DeviceName
| order by CriticalVulns desc
| take 50`);
    expect(tvm.status).toBe(200);
    expect(tvm.json().results.length).toBeGreaterThan(0);
  });

  it("applies Kusto string semantics: has is whole-term and case-insensitive, == is case-sensitive", async () => {
    const res = await hunt(`datatable(s:string) ["Invoke-Mimikatz -DumpCreds", "cmd.exe /c whoami", "WHOAMI.EXE"]
| extend hasWhoami = s has "whoami", hasWho = s has "who", containsWho = s contains "WHO", eq = s == "whoami.exe", eqi = s =~ "whoami.exe", hasCs = s has_cs "whoami", inci = s in~ ("WHOAMI.exe"), rx = s matches regex "(?i)mimi[a-z]+"`);
    expect(res.status).toBe(200);
    const rows = res.json().results;
    expect(
      rows.map((r: Record<string, boolean>) => [
        r.hasWhoami,
        r.hasWho,
        r.containsWho,
        r.eq,
        r.eqi,
        r.hasCs,
        r.inci,
        r.rx,
      ]),
    ).toEqual([
      [false, false, false, false, false, false, false, true],
      [true, false, true, false, false, true, false, false],
      [true, false, true, false, true, false, true, false],
    ]);
  });

  it("joins as Kusto does: innerunique dedupes the left keys; inner, leftouter, fullouter, semi, anti, lookup", async () => {
    const tables = `let L = datatable(k:string, a:long) ["x", 1, "x", 2, "y", 3, "z", 4];
let R = datatable(k:string, b:long) ["x", 10, "y", 20, "y", 21, "w", 30];`;
    const res = await hunt(`${tables}
union (L | join R on k | extend Kind="innerunique"), (L | join kind=inner R on k | extend Kind="inner"),
  (L | join kind=leftouter R on k | extend Kind="leftouter"), (L | join kind=fullouter R on k | extend Kind="fullouter")
| summarize Rows = count(), Pairs = make_list(strcat(k, a, "/", k1, b)) by Kind | order by Kind asc`);
    expect(res.status, res.text).toBe(200);
    expect(res.json().results).toEqual([
      { Kind: "fullouter", Rows: 6, Pairs: ["x1/x10", "x2/x10", "y3/y20", "y3/y21", "z4/", "/w30"] },
      { Kind: "inner", Rows: 4, Pairs: ["x1/x10", "x2/x10", "y3/y20", "y3/y21"] },
      { Kind: "innerunique", Rows: 3, Pairs: ["x1/x10", "y3/y20", "y3/y21"] },
      { Kind: "leftouter", Rows: 5, Pairs: ["x1/x10", "x2/x10", "y3/y20", "y3/y21", "z4/"] },
    ]);
    const other = await hunt(`${tables}
print semi = toscalar(L | join kind=leftsemi R on k | count), anti = toscalar(L | join kind=leftanti R on k | summarize make_list(k)),
  rsemi = toscalar(R | join kind=rightsemi L on k | count), ranti = toscalar(L | join kind=rightanti R on k | summarize make_list(k)),
  look = toscalar(L | lookup R on k | count)`);
    expect(other.json().results).toEqual([{ semi: 3, anti: ["z"], rsemi: 3, ranti: ["w"], look: 5 }]);
  });

  it("runs let-functions, materialize, serialize with prev/next/row_number, parse and mv-expand", async () => {
    const res = await hunt(`let f = (s:string, n:long = 2) { strcat(s, "-", tostring(n)) };
let M = materialize(datatable(t:long, v:string) [3, "c", 1, "a", 2, "b"]);
M | order by t asc | extend p = prev(v), nx = next(v, 1, "END"), r = row_number(), g = f(v), h = f(v, 5)
| parse g with Letter "-" Num:long | mv-expand e = pack_array(t, t * 10) to typeof(long) | where e >= 10`);
    expect(res.status, res.text).toBe(200);
    expect(res.json().results).toEqual([
      { t: 1, v: "a", p: "", nx: "b", r: 1, g: "a-2", h: "a-5", Letter: "a", Num: 2, e: 10 },
      { t: 2, v: "b", p: "a", nx: "c", r: 2, g: "b-2", h: "b-5", Letter: "b", Num: 2, e: 20 },
      { t: 3, v: "c", p: "b", nx: "END", r: 3, g: "c-2", h: "c-5", Letter: "c", Num: 2, e: 30 },
    ]);
  });

  it("matches body keys case-insensitively and applies Timespan (shorter of Timespan and the query filter)", async () => {
    const all = await h.call("POST", "/v1.0/security/runHuntingQuery", {
      body: { query: "DeviceLogonEvents | summarize n = count(), oldest = min(Timestamp)" },
    });
    const day = await h.call("POST", "/v1.0/security/runHuntingQuery", {
      body: { query: "DeviceLogonEvents | summarize n = count(), oldest = min(Timestamp)", timespan: "P1D" },
    });
    expect(all.status).toBe(200);
    expect(day.status).toBe(200);
    const n30 = all.json().results[0].n;
    const n1 = day.json().results[0].n;
    expect(n1).toBeGreaterThan(0);
    expect(n30).toBeGreaterThan(n1 * 10);
    expect(Date.parse(day.json().results[0].oldest)).toBeGreaterThan(Date.now() - 86_400_000 - 60_000);
  });
  it("sees live alerts as they arrive (AlertInfo and AlertEvidence follow the tenant)", async () => {
    let created: string[] = [];
    for (let i = 0; i < 5 && !created.length; i++)
      created = (await h.control("POST", "/_emulator/live/tick")).json().created;
    expect(created.length).toBeGreaterThan(0);
    const ids = created.map((id) => `"${id}"`).join(", ");
    const res = await hunt(
      `AlertInfo | where AlertId in (${ids}) | join kind=inner (AlertEvidence | where EntityType == "Machine") on AlertId | project AlertId, DeviceName`,
    );
    expect(res.status, res.text).toBe(200);
    expect(new Set(res.json().results.map((r: { AlertId: string }) => r.AlertId))).toEqual(new Set(created));
  });
});

describe("runHuntingQuery errors", () => {
  it("an unknown column gets Kusto's error message with line and column, in Graph's envelope", async () => {
    const res = await hunt("DeviceProcessEvents\n| where Timestamp > ago(1d)\n| project Timestamp, NoSuchColumn");
    expect(res.status).toBe(400);
    const err = res.json().error;
    expect(err.code).toBe("BadRequest");
    expect(err.message).toContain("'project' operator: Failed to resolve scalar expression named 'NoSuchColumn'");
    expect(err.message).toContain("[line 3, column 22]");
    expect(err.innerError["request-id"]).toBeTruthy();
  });

  it("a syntax error is 400 with Kusto's diagnostic; TimeGenerated does not exist in a Defender tenant", async () => {
    const syntax = await hunt("DeviceProcessEvents | where (FileName == ");
    expect(syntax.status).toBe(400);
    expect(syntax.json().error.message).toMatch(/^Syntax error: .*\[line 1, column \d+\]/);
    const seed = await hunt("AlertInfo | where TimeGenerated > ago(1d)");
    expect(seed.status).toBe(400);
    expect(seed.json().error.message).toContain("Failed to resolve scalar expression named 'TimeGenerated'");
  });

  it("an operator the emulator does not run is a clear 400", async () => {
    const res = await hunt("DeviceNetworkEvents | make-series count() on Timestamp step 1h");
    expect(res.status).toBe(400);
    expect(res.json().error.message).toBe("Query could not be run: not supported by the emulator: make-series");
  });

  it("caps results at 100,000 rows", async () => {
    const res = await hunt("print x = range(1, 150000, 1) | mv-expand x | project x = tolong(x)");
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body.results).toHaveLength(100_000);
    expect(body.results[99_999]).toEqual({ x: 100_000 });
  });

  it("45 calls in a minute, then 429 with Retry-After", async () => {
    for (let i = 0; i < 45; i++) {
      const ok = await hunt("print n = 1");
      expect(ok.status, ok.text).toBe(200);
    }
    const limited = await hunt("print n = 1");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers["retry-after"])).toBeLessThanOrEqual(60);
    expect(limited.json().error.code).toBe("TooManyRequests");
  });

  it("the CPU budget per 15-minute cycle answers 429 with the documented message", async () => {
    await h.control("POST", "/_emulator/faults", { huntingCpuBudget: 1000 });
    expect((await hunt("DeviceProcessEvents | count")).status).toBe(200);
    const res = await hunt("print n = 1");
    expect(res.status).toBe(429);
    expect(res.json().error.message).toMatch(
      /^You have exceeded processing resources allocated to this tenant\. You can run queries again in \d+ (minute|second)/,
    );
    expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
  });

  it("a query over the time limit is Graph's 504 UnknownError; faults apply as elsewhere", async () => {
    await h.control("POST", "/_emulator/faults", { huntingTimeoutMs: 1 });
    const slow = await hunt("DeviceProcessEvents | summarize count() by DeviceName");
    expect(slow.status).toBe(504);
    expect(slow.json().error.code).toBe("UnknownError");
    await h.control("POST", "/_emulator/faults", { errorRate: 1 });
    expect([500, 503]).toContain((await hunt("print n = 1")).status);
  });
});

describe("Timespan", () => {
  it("accepts the documented forms: start/end, P30D/end, start/P30D, P30D, a start date", () => {
    const now = Date.parse("2026-12-05T12:00:00Z");
    const at = (iso: string) => Date.parse(iso);
    expect(parseHuntingTimespan(undefined, now)).toEqual([now - 30 * 86_400_000, now]);
    expect(parseHuntingTimespan("2026-12-01T00:00:00Z/2026-12-02T00:00:00Z", now)).toEqual([
      at("2026-12-01T00:00:00Z"),
      at("2026-12-02T00:00:00Z"),
    ]);
    expect(parseHuntingTimespan("P2D/2026-12-03T00:00:00Z", now)).toEqual([
      at("2026-12-01T00:00:00Z"),
      at("2026-12-03T00:00:00Z"),
    ]);
    expect(parseHuntingTimespan("2026-12-01T00:00:00Z/PT12H", now)).toEqual([
      at("2026-12-01T00:00:00Z"),
      at("2026-12-01T12:00:00Z"),
    ]);
    expect(parseHuntingTimespan("P1D", now)).toEqual([now - 86_400_000, now]);
    expect(parseHuntingTimespan("2026-12-04T00:00:00Z", now)).toEqual([at("2026-12-04T00:00:00Z"), now]);
    expect(parseHuntingTimespan("yesterday", now)).toBeNull();
  });
});

describe("legacy hunting APIs and the schema API", () => {
  it("MDE advancedqueries/run answers Schema/Results; XDR advancedhunting/run adds Stats; both can be retired", async () => {
    const q = { Query: "DeviceInfo | summarize arg_max(Timestamp, DeviceName) by DeviceId | take 2" };
    const mde = await h.call("POST", "/api/advancedqueries/run", { body: q, resource: MDE });
    expect(mde.status, mde.text).toBe(200);
    expect(mde.json().Schema).toEqual([
      { Name: "DeviceId", Type: "String" },
      { Name: "Timestamp", Type: "DateTime" },
      { Name: "DeviceName", Type: "String" },
    ]);
    expect(mde.json().Results).toHaveLength(2);
    const xdr = await h.call("POST", "/api/advancedhunting/run", { body: q, resource: XDR });
    expect(xdr.status, xdr.text).toBe(200);
    expect(Object.keys(xdr.json())).toEqual(["Stats", "Schema", "Results"]);
    await h.control("POST", "/_emulator/faults", { legacyHuntingRetired: true });
    const retired = await h.call("POST", "/api/advancedqueries/run", { body: q, resource: MDE });
    expect(retired.status).toBe(410);
    expect(retired.json().error.message).toContain("MC1220762");
    expect((await hunt(q.Query)).status).toBe(200);
  });

  it("beta getHuntingSchemaTables lists the tables with their documented columns", async () => {
    const res = await h.call("GET", "/beta/security/getHuntingSchemaTables", { resource: GRAPH });
    expect(res.status, res.text).toBe(200);
    const tables = res.json().value as { name: string; columns: { name: string; dataType: string }[] }[];
    expect(tables.map((t) => t.name)).toContain("DeviceTvmSoftwareVulnerabilitiesKB");
    const dfe = tables.find((t) => t.name === "DeviceFileEvents")!;
    expect(dfe.columns.find((c) => c.name === "Timestamp")).toMatchObject({ dataType: "DateTime" });
    expect(dfe.columns.length).toBeGreaterThanOrEqual(57);
  });
});
