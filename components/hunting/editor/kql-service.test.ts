import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFENDER_TABLES } from "@/lib/hunting/defender-tables";
import { createKqlService, TIME_GENERATED_MESSAGE, type KqlService } from "./kql-service";
import { newestOfEachKind, type KqlRequest } from "./protocol";

// The worker's answers, computed by the real Kusto.Language loaded in Node as the worker loads it in the browser.
let kql: KqlService;

beforeAll(() => {
  const require = createRequire(import.meta.url);
  require("@kusto/language-service-next/bridge.min.js");
  require("@kusto/language-service-next/Kusto.Language.Bridge.min.js");
  kql = createKqlService((globalThis as { Kusto?: unknown }).Kusto, DEFENDER_TABLES);
});

describe("diagnostics", () => {
  it("underlines an unknown column with Kusto's own message, at the column", () => {
    const query = "DeviceProcessEvents | where Foo == 1";
    const [error, ...rest] = kql.diagnostics(query);
    expect(rest).toEqual([]);
    expect(error).toMatchObject({
      severity: "error",
      code: "KS142",
      from: query.indexOf("Foo"),
      to: query.indexOf("Foo") + 3,
    });
    expect(error!.message).toBe("The name 'Foo' does not refer to any known column, table, variable or function.");
  });

  it("finds nothing wrong in the corrected starter queries", () => {
    const queries = [
      `AlertInfo
| where Timestamp > ago(7d)
| where Severity == "High"
| join kind=inner AlertEvidence on AlertId
| summarize AlertCount=count(), UniqueDevices=dcount(DeviceName) by Category, Title
| order by AlertCount desc`,
      `DeviceTvmSoftwareVulnerabilities
| where VulnerabilitySeverityLevel == "Critical"
| join kind=inner DeviceTvmSoftwareVulnerabilitiesKB on CveId
| where IsExploitAvailable == true
| summarize CriticalVulns=count() by DeviceName
| order by CriticalVulns desc
| take 50`,
    ];
    for (const q of queries) expect(kql.diagnostics(q)).toEqual([]);
  });

  it("reports a syntax error where the query breaks off", () => {
    const query = "DeviceProcessEvents | where";
    const diagnostics = kql.diagnostics(query);
    expect(diagnostics.some((d) => d.severity === "error" && d.from >= query.indexOf("where"))).toBe(true);
  });

  it("warns on TimeGenerated instead of failing, and offers Timestamp", () => {
    const query = "DeviceLogonEvents | where TimeGenerated > ago(1d)";
    const diagnostics = kql.diagnostics(query);
    expect(diagnostics).toEqual([
      {
        from: query.indexOf("TimeGenerated"),
        to: query.indexOf("TimeGenerated") + "TimeGenerated".length,
        severity: "warning",
        code: "TimeGenerated",
        message: TIME_GENERATED_MESSAGE,
        fix: { label: "Use Timestamp", insert: "Timestamp" },
      },
    ]);
    const fixed = query.replace("TimeGenerated", diagnostics[0]!.fix!.insert);
    expect(kql.diagnostics(fixed)).toEqual([]);
  });

  it("does not warn on a column the query itself names TimeGenerated", () => {
    expect(kql.diagnostics("DeviceInfo | extend TimeGenerated = Timestamp | project TimeGenerated")).toEqual([]);
  });
});

describe("completions", () => {
  it("offers the table's columns after `| where Fi`, with type and description", () => {
    const query = "DeviceProcessEvents | where Fi";
    const list = kql.completions(query, query.length);
    expect(list.from).toBe(query.length - 2);
    const fileName = list.items.find((i) => i.label === "FileName");
    expect(fileName).toMatchObject({
      kind: "column",
      detail: "string",
      info: "Name of the file that the recorded action was applied to",
    });
    // Columns of other tables are not offered.
    expect(list.items.some((i) => i.label === "RegistryKey")).toBe(false);
  });

  it("offers the Defender tables at the start and the tabular operators after a pipe", () => {
    const tables = kql
      .completions("Dev", 3)
      .items.filter((i) => i.kind === "table")
      .map((i) => i.label);
    expect(tables).toEqual(expect.arrayContaining(["DeviceProcessEvents", "DeviceTvmSoftwareVulnerabilitiesKB"]));
    const query = "DeviceFileEvents | ";
    const operators = kql.completions(query, query.length).items.map((i) => i.label);
    expect(operators).toEqual(expect.arrayContaining(["where", "summarize", "project", "join"]));
  });

  it("offers functions with the cursor placed inside the parentheses", () => {
    const query = "DeviceProcessEvents | where Timestamp > ag";
    const ago = kql.completions(query, query.length).items.find((i) => i.label.startsWith("ago("));
    expect(ago?.kind).toBe("function");
    expect(ago!.insert.slice(0, ago!.cursor)).toBe("ago(");
  });
});

describe("classifications", () => {
  it("tells tables, operators, columns, strings and comments apart", () => {
    const query = 'DeviceProcessEvents | where FileName == "x" // note';
    const kinds = Object.fromEntries(kql.classifications(query).map((c) => [query.slice(c.from, c.to), c.kind]));
    expect(kinds).toMatchObject({
      DeviceProcessEvents: "Table",
      where: "QueryOperator",
      FileName: "Column",
      '"x"': "StringLiteral",
      "// note": "Comment",
    });
  });
});

describe("the worker's queue", () => {
  it("answers only the newest request of each kind, and always init", () => {
    const queue: KqlRequest[] = [
      { id: 1, kind: "init", scripts: [] },
      { id: 2, kind: "diagnostics", text: "a" },
      { id: 3, kind: "completions", text: "a", position: 1 },
      { id: 4, kind: "diagnostics", text: "ab" },
      { id: 5, kind: "diagnostics", text: "abc" },
    ];
    const { answer, stale } = newestOfEachKind(queue);
    expect(answer.map((r) => r.id)).toEqual([1, 3, 5]);
    expect(stale.map((r) => r.id)).toEqual([2, 4]);
  });
});

describe("without code generation from strings", () => {
  // The page's CSP has no 'unsafe-eval'. V8's --disallow-code-generation-from-strings is the switch CSP uses for
  // eval and new Function, so the library must load and answer with it off.
  it("loads Kusto.Language and answers diagnostics and completions", () => {
    const script = `
      const assert = require("node:assert");
      assert.throws(() => new Function("return 1"));
      require("@kusto/language-service-next/bridge.min.js");
      require("@kusto/language-service-next/Kusto.Language.Bridge.min.js");
      const K = globalThis.Kusto.Language;
      const table = new K.Symbols.TableSymbol.$ctor7("DeviceProcessEvents", "(Timestamp:datetime, FileName:string)", null);
      const globals = K.GlobalState.Default.WithDatabase(new K.Symbols.DatabaseSymbol.ctor("Defender", [table]));
      const text = "DeviceProcessEvents | where Foo == 1 | summarize count() by bin(Timestamp, 1h) | where Fi";
      const service = new K.Editor.KustoCodeService.$ctor1(text, globals);
      console.log(service.GetDiagnostics(true).Count, service.GetCompletionItems(text.length).Items.Count > 0);
    `;
    const out = execFileSync(process.execPath, ["--disallow-code-generation-from-strings", "-e", script], {
      cwd: path.resolve(import.meta.dirname, "../../.."),
      encoding: "utf8",
    });
    expect(out.trim()).toMatch(/^[1-9]\d* true$/);
  });
});
