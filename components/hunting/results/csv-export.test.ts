import { describe, expect, it } from "vitest";
import { toCsv } from "@/lib/http/csv";
import { csvFileName, csvTable } from "./csv-export";

describe("csvTable", () => {
  const columns = [
    { name: "Timestamp", type: "DateTime" },
    { name: "Count", type: "Int64" },
    { name: "Extra", type: "Dynamic" },
    { name: "Cmd", type: "String" },
  ];
  const rows = [
    { Timestamp: "2026-11-26T10:00:00.1234567Z", Count: -3, Extra: { a: [1, "x"] }, Cmd: "=cmd|' /C calc'!A0" },
    { Timestamp: null, Count: 2, Extra: '{"b":true}', Cmd: "plain" },
  ];

  it("holds every column in order and every row in the order given, with values as Graph sent them", () => {
    const { header, body } = csvTable(columns, rows, [1, 0]);
    expect(header).toEqual(["Timestamp", "Count", "Extra", "Cmd"]);
    expect(toCsv([header, ...body])).toBe(
      '"Timestamp","Count","Extra","Cmd"\r\n' +
        '"","2","{""b"":true}","plain"\r\n' +
        `"2026-11-26T10:00:00.1234567Z","-3","{""a"":[1,""x""]}","'=cmd|' /C calc'!A0"\r\n`,
    );
  });
});

describe("csvFileName", () => {
  const now = new Date("2026-11-26T14:05:02.123Z");
  it("names the file after the query's first table and the UTC time", () => {
    expect(csvFileName("// devices\nDeviceProcessEvents\n| take 10", now)).toBe(
      "hunting-DeviceProcessEvents-2026-11-26T140502.csv",
    );
    expect(csvFileName("let x = 1h;\nlet y = 2;\nDeviceInfo | where Timestamp > ago(x)", now)).toBe(
      "hunting-DeviceInfo-2026-11-26T140502.csv",
    );
    expect(csvFileName("union DeviceFileEvents, DeviceEvents", now)).toBe(
      "hunting-DeviceFileEvents-2026-11-26T140502.csv",
    );
    expect(csvFileName('print "<script>"', now)).toBe("hunting-print-2026-11-26T140502.csv");
    expect(csvFileName("", now)).toBe("hunting-query-2026-11-26T140502.csv");
  });
});
