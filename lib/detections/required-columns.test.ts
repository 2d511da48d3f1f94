import { describe, expect, it } from "vitest";
import { checkRequiredColumns, requiredEventColumns, tableFamily } from "./required-columns";

describe("checkRequiredColumns", () => {
  it("asks Device* queries for Timestamp, DeviceId and ReportId and names the one missing", () => {
    const r = checkRequiredColumns(["Timestamp", "DeviceId", "DeviceName", "FileName"], "DeviceProcessEvents");
    expect(r.missing).toEqual(["ReportId"]);
    expect(r.message).toBe(
      "The results lack ReportId: queries over DeviceProcessEvents must return Timestamp, DeviceId and ReportId so each alert can be tied to its event.",
    );
    expect(checkRequiredColumns(["Timestamp", "DeviceId", "ReportId"], "DeviceFileEvents").message).toBeNull();
  });

  it("lists every missing column after an aggregation dropped them", () => {
    expect(checkRequiredColumns(["DeviceName", "count_"], "DeviceNetworkEvents").missing).toEqual([
      "Timestamp",
      "DeviceId",
      "ReportId",
    ]);
  });

  it("follows the table family: Alert* needs only Timestamp, Observation* an ObservationId, others a ReportId", () => {
    expect(checkRequiredColumns(["Timestamp", "DeviceId"], "AlertEvidence").missing).toEqual([]);
    expect(checkRequiredColumns(["Timestamp", "AccountUpn"], "ObservationTable").missing).toEqual(["ObservationId"]);
    expect(checkRequiredColumns(["Timestamp", "RecipientEmailAddress"], "EmailEvents").missing).toEqual(["ReportId"]);
    expect(tableFamily("IdentityLogonEvents")).toBe("other");
    expect(requiredEventColumns("AlertInfo")).toEqual(["Timestamp"]);
  });

  it("requires a column naming an impacted asset", () => {
    const r = checkRequiredColumns(["Timestamp", "ReportId", "Subject"], "EmailEvents");
    expect(r.missing).toEqual([]);
    expect(r.hasAssetIdentifier).toBe(false);
    expect(r.message).toContain("impacted asset");
    expect(checkRequiredColumns(["Timestamp", "ReportId", "SenderFromAddress"], "EmailEvents").hasAssetIdentifier).toBe(
      true,
    );
  });

  it("compares column names exactly, as Kusto does", () => {
    expect(checkRequiredColumns(["timestamp", "deviceid", "reportid"], "DeviceEvents").missing).toEqual([
      "Timestamp",
      "DeviceId",
      "ReportId",
    ]);
  });
});
