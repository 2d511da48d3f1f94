import { describe, expect, it } from "vitest";
import { can, normaliseRoles, permissionsOf, PERMISSIONS } from "./permissions";

describe("role → permission table", () => {
  it("lets a Viewer read but change nothing", () => {
    expect([...permissionsOf(["Viewer"])].sort()).toEqual(["console:read", "views:write"]);
  });
  it("adds triage for Analysts and response for Responders, cumulatively", () => {
    expect(can(["Analyst"], "alerts:triage")).toBe(true);
    expect(can(["Analyst"], "actions:respond")).toBe(false);
    expect(can(["Responder"], "alerts:triage")).toBe(true);
    expect(can(["Responder"], "actions:respond")).toBe(true);
  });
  it("gives Managers reports, approvals and the audit log, but not triage, response, export or settings", () => {
    for (const p of ["console:read", "tvm:report", "actions:approve", "audit:read"] as const)
      expect(can(["Manager"], p)).toBe(true);
    for (const p of [
      "alerts:triage",
      "actions:respond",
      "audit:export",
      "settings:write",
      "tokens:manage",
      "sync:run",
    ] as const)
      expect(can(["Manager"], p)).toBe(false);
  });
  it("lets every role run hunting queries, and Analysts and above (and Managers) save and share them", () => {
    for (const role of ["Viewer", "Analyst", "Responder", "Manager", "Admin"])
      expect(can([role], "console:read")).toBe(true);
    expect(can(["Viewer"], "hunting:save")).toBe(false);
    for (const role of ["Analyst", "Responder", "Manager", "Admin"]) expect(can([role], "hunting:save")).toBe(true);
  });
  it("lets Managers and Admins configure notification rules, and only Admins their channels", () => {
    expect(can(["Manager"], "notifications:rules")).toBe(true);
    expect(can(["Manager"], "notifications:channels")).toBe(false);
    expect(can(["Responder"], "notifications:rules")).toBe(false);
    expect(can(["Admin"], "notifications:channels")).toBe(true);
  });
  it("lets Managers and Admins, and no one else, set the ASR exclusions the advisor accepts", () => {
    for (const role of ["Viewer", "Analyst", "Responder"]) expect(can([role], "posture:exclusions")).toBe(false);
    for (const role of ["Manager", "Admin"]) expect(can([role], "posture:exclusions")).toBe(true);
  });
  it("gives Admins everything", () => {
    expect(permissionsOf(["Admin"]).size).toBe(PERMISSIONS.length);
  });
  it("matches Entra app role values case-insensitively and ignores unknown roles (fail closed)", () => {
    expect(normaliseRoles(["analyst", " MANAGER ", "Approver", ""])).toEqual(["Analyst", "Manager"]);
    expect(permissionsOf(["Approver", "root"]).size).toBe(0);
  });
  it("unions the permissions of several roles", () => {
    expect(can(["Manager", "Analyst"], "alerts:triage")).toBe(true);
    expect(can(["Manager", "Analyst"], "actions:approve")).toBe(true);
  });
});
