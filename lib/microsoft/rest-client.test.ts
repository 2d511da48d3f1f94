import { describe, expect, it } from "vitest";
import { rebaseOnto } from "./rest-client";

// The app token goes with every next page: a nextLink must never move it to another host.

describe("rebaseOnto", () => {
  const base = "https://api.securitycenter.microsoft.com";

  it("keeps a nextLink's path and query on the configured host", () => {
    expect(rebaseOnto("https://127.0.0.1:4610", `${base}/api/alerts?$skip=100`).href).toBe(
      "https://127.0.0.1:4610/api/alerts?$skip=100",
    );
  });

  it("does not follow a path that starts with // or /\\ to another host", () => {
    for (const link of [
      `${base}//evil.example/api/alerts?$skip=100`,
      `${base}/\\evil.example/api/alerts`,
      `${base}/\\/evil.example/x`,
      "//evil.example/api/alerts",
      "/\\evil.example/api",
    ]) {
      const rebased = rebaseOnto(base, link);
      expect(rebased.origin, link).toBe(base);
      expect(rebased.host).not.toBe("evil.example");
    }
  });
});
