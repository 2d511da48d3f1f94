import { describe, expect, it } from "vitest";
import { ConfigError, hasTenant, parseConfig } from "./env";

describe("parseConfig", () => {
  it("defaults to the embedded PGlite database and Microsoft's public endpoints", () => {
    const cfg = parseConfig({});
    expect(cfg.database).toEqual({ kind: "pglite", dataDir: "./data/pglite" });
    expect(cfg.MDE_API_URL).toBe("https://api.securitycenter.microsoft.com");
    expect(cfg.GRAPH_API_URL).toBe("https://graph.microsoft.com");
    expect(cfg.ENTRA_AUTHORITY_HOST).toBe("https://login.microsoftonline.com");
    expect(hasTenant(cfg)).toBe(false);
  });

  it("uses PostgreSQL when DATABASE_URL is set", () => {
    const cfg = parseConfig({ DATABASE_URL: "postgresql://soc@db:5432/soc" });
    expect(cfg.database).toEqual({ kind: "postgresql", url: "postgresql://soc@db:5432/soc" });
  });

  it("treats an empty DATABASE_URL as unset", () => {
    expect(parseConfig({ DATABASE_URL: "" }).database.kind).toBe("pglite");
  });

  it("stops with one line naming a malformed variable, without echoing its value", () => {
    expect(() => parseConfig({ MDE_API_URL: "not a url" })).toThrow(ConfigError);
    expect(() => parseConfig({ MDE_API_URL: "not a url" })).toThrow(/^Invalid configuration: MDE_API_URL /);
    try {
      parseConfig({ DATABASE_URL: "mysql://user:hunter2@db/x" });
    } catch (error) {
      expect(String(error)).toContain("DATABASE_URL");
      expect(String(error)).not.toContain("hunter2");
    }
  });

  it("knows a tenant is configured only when id, client id and secret are all present", () => {
    expect(hasTenant(parseConfig({ ENTRA_TENANT_ID: "t", ENTRA_CLIENT_ID: "c" }))).toBe(false);
    expect(hasTenant(parseConfig({ ENTRA_TENANT_ID: "t", ENTRA_CLIENT_ID: "c", ENTRA_CLIENT_SECRET: "s" }))).toBe(true);
  });
});
