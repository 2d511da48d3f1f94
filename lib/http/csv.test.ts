import { describe, expect, it } from "vitest";
import { toCsv } from "./csv";

describe("toCsv", () => {
  it("quotes every cell, doubling quotes inside", () => {
    expect(toCsv([["a,b", 'say "hi"', "x\ny", null, 3]])).toBe('"a,b","say ""hi""","x\ny","","3"\r\n');
  });
  it("defuses spreadsheet formulas", () => {
    expect(toCsv([["=HYPERLINK(1)", "+1", "-2", "@cmd", "ok"]])).toBe(`"'=HYPERLINK(1)","'+1","'-2","'@cmd","ok"\r\n`);
  });
  it("keeps numbers as numbers: a negative number is not a formula", () => {
    expect(toCsv([[-2, -0.5, 10n, "-2"]])).toBe(`"-2","-0.5","10","'-2"\r\n`);
  });
  it("keeps a formula after a locale's list separator inside its cell (';' in de-DE, fr-FR)", () => {
    // Unquoted, a ';'-locale spreadsheet splits this into "x" and a formula =1+1.
    expect(toCsv([["x;=1+1", "scan;=cmd|' /C calc'!A0"]])).toBe(`"x;=1+1","scan;=cmd|' /C calc'!A0"\r\n`);
  });
});
