import { describe, expect, it } from "vitest";
import { auditViewToSearch } from "./schemas";

describe("auditViewToSearch", () => {
  it("writes the filters in one order and leaves empty ones out", () => {
    expect(auditViewToSearch({ to: "2026-11-30", actor: " ana ", action: "", result: "failure" }).toString()).toBe(
      "actor=ana&result=failure&to=2026-11-30",
    );
    expect(auditViewToSearch({}).toString()).toBe("");
  });
});
