import { describe, expect, it } from "vitest";
import { cn } from "./cn";

describe("cn", () => {
  it("joins truthy class names and drops the rest", () => {
    expect(cn("a", false, null, undefined, "", "b", ["c", { d: true, e: false }])).toBe("a b c d");
  });

  it("lets a later Tailwind class of the same kind win", () => {
    expect(cn("px-3 py-2 text-sm", "px-2")).toBe("py-2 text-sm px-2");
    expect(cn("border-b border-slate-100 px-3", "text-right")).toBe("border-b border-slate-100 px-3 text-right");
  });
});
