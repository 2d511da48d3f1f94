import { describe, expect, it } from "vitest";
import { toCsv } from "./csv";

describe("toCsv", () => {
  it("quotes separators, quotes and newlines", () => {
    expect(toCsv([["a,b", 'say "hi"', "x\ny", null, 3]])).toBe('"a,b","say ""hi""","x\ny",,3\r\n');
  });
  it("defuses spreadsheet formulas", () => {
    expect(toCsv([["=HYPERLINK(1)", "+1", "-2", "@cmd", "ok"]])).toBe("'=HYPERLINK(1),'+1,'-2,'@cmd,ok\r\n");
  });
});
