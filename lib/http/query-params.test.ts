import { describe, expect, it } from "vitest";
import { z } from "zod";
import { multi, parseLeniently, single } from "./query-params";

describe("multi", () => {
  const severity = multi(z.enum(["High", "Low"]), 3);
  it("takes repeated parameters and comma lists, trimmed and without duplicates", () => {
    expect(severity.parse(["High, Low", "High"])).toEqual(["High", "Low"]);
    expect(severity.parse(undefined)).toEqual([]);
    expect(severity.parse(",")).toEqual([]);
  });
  it("rejects unknown values and too many values", () => {
    expect(severity.safeParse("Medium").success).toBe(false);
    expect(multi(z.string(), 2).safeParse("a,b,c").success).toBe(false);
  });
});

describe("single", () => {
  it("treats an empty value as absent", () => {
    expect(single(z.enum(["a", "b"]).default("a")).parse("")).toBe("a");
    expect(single(z.string().optional()).parse("x")).toBe("x");
  });
});

describe("parseLeniently", () => {
  const view = z.object({
    severity: multi(z.enum(["High", "Low"])),
    range: single(z.enum(["7d", "30d"]).default("30d")),
  });
  it("keeps the good parameters and names the bad ones", () => {
    expect(parseLeniently(view, { severity: "High", range: "2y" })).toEqual({
      value: { severity: ["High"], range: "30d" },
      ignored: ["range"],
    });
  });
  it("ignores nothing when everything parses", () => {
    expect(parseLeniently(view, { range: "7d" })).toEqual({ value: { severity: [], range: "7d" }, ignored: [] });
  });
});
