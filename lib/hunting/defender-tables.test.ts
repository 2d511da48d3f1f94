import { describe, expect, it } from "vitest";
import { DEFENDER_TABLES } from "./defender-tables";

describe("DEFENDER_TABLES", () => {
  it("describes every column of every table once, with a Kusto type", () => {
    for (const table of DEFENDER_TABLES) {
      const names = table.columns.map((c) => c.name);
      expect(new Set(names).size, table.name).toBe(names.length);
      for (const c of table.columns) {
        expect(c.type, `${table.name}.${c.name}`).toMatch(
          /^(string|long|int|real|bool|datetime|timespan|dynamic|guid)$/,
        );
        expect(c.description.length, `${table.name}.${c.name}`).toBeGreaterThan(8);
      }
    }
  });

  it("has Timestamp, not TimeGenerated, on the event tables, and IsExploitAvailable only in the KB table", () => {
    const byName = new Map(DEFENDER_TABLES.map((t) => [t.name, t]));
    for (const name of ["DeviceProcessEvents", "DeviceNetworkEvents", "AlertInfo", "DeviceLogonEvents"]) {
      const columns = byName.get(name)!.columns.map((c) => c.name);
      expect(columns).toContain("Timestamp");
      expect(columns).not.toContain("TimeGenerated");
    }
    const has = (table: string, column: string) => byName.get(table)!.columns.some((c) => c.name === column);
    expect(has("DeviceTvmSoftwareVulnerabilitiesKB", "IsExploitAvailable")).toBe(true);
    expect(has("DeviceTvmSoftwareVulnerabilities", "IsExploitAvailable")).toBe(false);
  });
});
