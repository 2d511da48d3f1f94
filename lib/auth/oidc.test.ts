import { describe, expect, it } from "vitest";
import { rolesFromClaims, safeReturnTo } from "./oidc";

describe("safeReturnTo", () => {
  it.each([
    ["/alerts?severity=High", "/alerts?severity=High"],
    ["https://evil.example/", "/"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["/auth/callback", "/"],
    [undefined, "/"],
  ])("%s → %s", (input, expected) => {
    expect(safeReturnTo(input)).toBe(expected);
  });
});

describe("rolesFromClaims", () => {
  it("takes app roles from the ID token and maps configured groups", () => {
    expect(rolesFromClaims({ roles: ["Analyst", "Approver"], groups: ["g-1", "g-2"] }, { "g-1": "Manager" })).toEqual({
      roles: ["Analyst", "Manager"],
      unmapped: ["Approver"],
    });
  });
  it("grants nothing without roles or mapped groups", () => {
    expect(rolesFromClaims({ groups: ["g-9"] }, { "g-1": "Admin" }).roles).toEqual([]);
  });
});

describe("consoleOrigin", () => {
  it("uses the Host header the browser sent, not the address the server is bound to", async () => {
    const { consoleOrigin } = await import("./cookies");
    const req = new Request("http://0.0.0.0:3000/auth/sign-in", { headers: { host: "localhost:3000" } });
    expect(consoleOrigin(req)).toBe("http://localhost:3000");
    const proxied = new Request("http://10.0.0.5:3000/auth/sign-in", {
      headers: { host: "10.0.0.5:3000", "x-forwarded-host": "soc.example.com", "x-forwarded-proto": "https" },
    });
    expect(consoleOrigin(proxied)).toBe("https://soc.example.com");
  });
});
