import { describe, expect, it } from "vitest";
import { parseStoredColumns } from "./use-stored-columns";

// A stored column choice is read from localStorage, which anyone (or an older console) may have written.

describe("parseStoredColumns", () => {
  const defaults = { severity: false, user: false };

  it("keeps the defaults when nothing is stored or the value is not a column map", () => {
    for (const raw of [null, "", "not json", "[1,2]", "42", "null"])
      expect(parseStoredColumns(raw, defaults)).toBe(defaults);
  });

  it("lays the stored choice over the defaults, ignoring entries that are not true/false", () => {
    expect(parseStoredColumns('{"severity":true,"title":false,"sla":"yes"}', defaults)).toEqual({
      severity: true,
      user: false,
      title: false,
    });
  });
});
