import { createRequire } from "node:module";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFENDER_TABLES } from "../hunting/defender-tables";
import { createQueryShapeReader, detectionQueryProblem, type QueryShapeReader } from "./query-shape";

// The rule form's and the server's check, with the real Kusto.Language loaded as the worker and the server load it.
let shape: QueryShapeReader;
beforeAll(() => {
  const require = createRequire(import.meta.url);
  require("@kusto/language-service-next/bridge.min.js");
  require("@kusto/language-service-next/Kusto.Language.Bridge.min.js");
  shape = createQueryShapeReader((globalThis as { Kusto?: unknown }).Kusto, DEFENDER_TABLES);
});

describe("detection query check", () => {
  it("names the missing ReportId of a Device* query", () => {
    const verdict = detectionQueryProblem(shape("DeviceProcessEvents | project Timestamp, DeviceId, DeviceName"));
    expect(verdict.missing).toEqual(["ReportId"]);
    expect(verdict.problem).toContain("The results lack ReportId");
    expect(verdict.problem).toContain("DeviceProcessEvents must return Timestamp, DeviceId and ReportId");
  });

  it("accepts an aggregation that keeps the event columns, after a let", () => {
    const s = shape(
      'let f = "powershell.exe"; DeviceProcessEvents | where FileName =~ f | summarize arg_max(Timestamp, ReportId, DeviceName) by DeviceId',
    );
    expect(s).toMatchObject({ sourceTable: "DeviceProcessEvents", error: null });
    expect(s.columns).toEqual(["DeviceId", "Timestamp", "ReportId", "DeviceName"]);
    expect(detectionQueryProblem(s).problem).toBeNull();
  });

  it("refuses a query that reads no table, and one that does not parse", () => {
    expect(detectionQueryProblem(shape("print 1")).problem).toMatch(/must read an advanced hunting table/);
    expect(detectionQueryProblem(shape("DeviceProcessEvents | where")).problem).toMatch(/does not parse/);
  });
});
