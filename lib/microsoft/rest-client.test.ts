import { describe, expect, it } from "vitest";
import { rebaseOnto } from "./rest-client";

describe("rebaseOnto", () => {
  const base = "https://api.securitycenter.microsoft.com";

  it("keeps a nextLink's path and query on the configured host", () => {
    expect(rebaseOnto(base, "https://elsewhere.example/api/alerts?$top=10&$skip=10").href).toBe(`${base}/api/alerts?$top=10&$skip=10`);
  });

  it("never lets a path starting with // or \\ name another host (the token would follow it)", () => {
    for (const link of [`${base}//evil.example/api/alerts?$skip=100`, `${base}/\\evil.example/api/alerts`, "//evil.example/api/alerts"]) {
      const url = rebaseOnto(base, link);
      expect(url.origin).toBe(base);
    }
  });
});
