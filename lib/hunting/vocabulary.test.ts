import { describe, expect, it } from "vitest";
import { decodeHuntQuery, encodeHuntQuery, folderPath } from "./vocabulary";

describe("hunt links", () => {
  it("round-trips a query with quotes, pipes, newlines and non-ASCII text through a URL-safe parameter", () => {
    const query = 'DeviceProcessEvents\n| where DeviceId == "a+b/c"\n| where FileName has "Überwachung.exe"';
    const param = encodeHuntQuery(query);
    expect(param).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeHuntQuery(param)).toBe(query);
  });

  it("refuses a parameter that is not base64url of UTF-8", () => {
    expect(decodeHuntQuery("not base64!")).toBeNull();
    expect(decodeHuntQuery("_w")).toBeNull(); // 0xFF: not UTF-8
  });
});

describe("folderPath", () => {
  it("splits a folder into its names, ignoring empty parts", () => {
    expect(folderPath(" Credentials / LSASS/")).toEqual(["Credentials", "LSASS"]);
    expect(folderPath("")).toEqual([]);
  });
});
