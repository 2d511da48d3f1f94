import { readdirSync, statSync } from "node:fs";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../db/testing";
import { getDatabase } from "../db";
import { PEOPLE_ONLY, ROLES, can, permissionsOf, type Permission } from "./permissions";
import { AUDIT_ACTIONS } from "../audit";
import { createApiToken } from "./tokens";
import type { RouteHandler } from "./route";
import { callRoute, sessionCookieFor, TEST_ORIGIN } from "./testing";

// Every route handler in app/, found on disk: a new route cannot be added without passing through route(),
// declaring a permission, and (if it changes state) an audit action from lib/audit's list. Without credentials
// each answers 401 (unless public), uncached; each role lacking the declared permission gets 403, and so does an
// Admin API token on every people-only permission.

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

const files = routeFiles("app");
const handlers: { file: string; method: string; handler: RouteHandler }[] = [];
for (const file of files) {
  const mod = (await import(path.resolve(file))) as Record<string, unknown>;
  for (const method of METHODS) if (mod[method]) handlers.push({ file, method, handler: mod[method] as RouteHandler });
}

/** Sample values for dynamic segments, so a route's params parse once access is granted. */
function samplePath(file: string): string {
  return (
    "/" + path.dirname(path.relative("app", file)).replaceAll(/\[(\w+)\]/g, "00000000-0000-4000-8000-000000000000")
  );
}

/** Handlers that accept a mutating method yet change nothing (so audit nothing), with the reason. */
const CHANGES_NOTHING: Record<string, string> = {
  [path.join("app", "api", "[...path]", "route.ts")]: "answers 404 for a path no route serves",
  [path.join("app", "api", "hunting", "run", "route.ts")]:
    "runs a hunting query, a read (POST only for its body); the run goes to the caller's history, not the audit log",
  [path.join("app", "api", "detections", "dry-run", "route.ts")]:
    "runs a rule's query through hunting, a read; the run goes to the caller's history, not the audit log",
};

let database: TestDatabase;
const cookies: Record<string, string> = {};
let adminToken: string;

beforeAll(async () => {
  database = await createTestDatabase("pglite");
  getDatabase.replaceForTests(database);
  for (const role of ROLES) cookies[role] = await sessionCookieFor(role);
  const admin = {
    type: "user" as const,
    id: randomUUID(),
    name: "matrix@contoso.example",
    roles: ["Admin" as const],
    permissions: permissionsOf(["Admin"]),
  };
  adminToken = (
    await createApiToken({ actor: admin, requestId: "matrix", ip: null }, { name: "matrix", role: "Admin", days: 1 })
  ).token;
});
afterAll(async () => {
  await database?.close();
});

describe("route matrix", () => {
  it("finds the route handlers", () => {
    expect(handlers.length).toBeGreaterThanOrEqual(8);
  });

  it.each(handlers.map((h) => [`${h.method} ${h.file}`, h] as const))(
    "%s is wrapped by route() and audited if it mutates",
    (_, h) => {
      expect(typeof h.handler.access, "export the handler through route()").toBe("string");
      if (MUTATING.has(h.method) && !(h.file in CHANGES_NOTHING))
        expect(h.handler.auditAction, "mutating handlers declare an audit action").toBeTruthy();
      if (h.handler.auditAction)
        expect(AUDIT_ACTIONS, "audit actions come from lib/audit's list").toContain(h.handler.auditAction);
    },
  );

  it.each(handlers.filter((h) => h.handler.access !== "public").map((h) => [`${h.method} ${h.file}`, h] as const))(
    "%s answers 401 without credentials",
    async (_, h) => {
      const res = await callRoute(h.handler, {
        method: h.method,
        path: samplePath(h.file),
        headers: { origin: TEST_ORIGIN },
      });
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe("unauthorized");
      expect(res.headers.get("cache-control")).toBe("no-store");
    },
  );

  const peopleOnly = handlers.filter((h) => PEOPLE_ONLY.includes(h.handler.access as Permission));
  it.each(peopleOnly.map((h) => [`${h.method} ${h.file}`, h] as const))(
    "%s refuses an Admin API token (people only)",
    async (_, h) => {
      const res = await callRoute(h.handler, {
        method: h.method,
        path: samplePath(h.file),
        headers: { authorization: `Bearer ${adminToken}` },
        body: MUTATING.has(h.method) ? {} : undefined,
      });
      expect(res.status).toBe(403);
    },
  );

  const guarded = handlers.filter((h) => !["public", "authenticated"].includes(h.handler.access));
  const denials = guarded.flatMap((h) =>
    ROLES.filter((role) => !can([role], h.handler.access as Permission)).map(
      (role) => [`${h.method} ${h.file} as ${role}`, h, role] as const,
    ),
  );
  it.each(denials)("%s answers 403", async (_, h, role) => {
    const res = await callRoute(h.handler, {
      method: h.method,
      path: samplePath(h.file),
      headers: { cookie: cookies[role], origin: TEST_ORIGIN },
      body: MUTATING.has(h.method) ? {} : undefined,
    });
    expect(res.status).toBe(403);
  });

  it("answers a path no route serves with the API's JSON 404, not the HTML page (B18)", async () => {
    const unknown = handlers.find((h) => h.file === path.join("app", "api", "[...path]", "route.ts"));
    for (const method of ["GET", "POST"]) {
      const res = await callRoute(unknown!.handler, {
        method,
        path: "/api/nonexistent",
        headers: { cookie: cookies.Viewer, origin: TEST_ORIGIN },
        body: method === "POST" ? {} : undefined,
      });
      expect(res.status).toBe(404);
      expect((await res.json()).error).toMatchObject({
        code: "not_found",
        message: expect.stringContaining("/api/nonexistent"),
      });
    }
  });

  it("covers every mutating route with a Viewer denial (or an explicit reason it is open to Viewers)", () => {
    const openToViewers: Record<string, string> = {
      "POST app/auth/sign-out/route.ts": "everyone may end their own session",
      "POST app/api/views/route.ts": "everyone may save their own views of what they can read",
      "DELETE app/api/views/[id]/route.ts":
        "everyone may delete their own saved views (ownership checked in lib/views)",
      "POST app/api/posture/asr/refresh/route.ts":
        "re-reads the ASR hits through advanced hunting, which every role may run (the shared hunting quota applies)",
      ...Object.fromEntries(
        METHODS.filter((m) => MUTATING.has(m)).flatMap((m) =>
          Object.entries(CHANGES_NOTHING).map(([file, why]) => [`${m} ${file}`, why]),
        ),
      ),
    };
    for (const h of handlers.filter((x) => MUTATING.has(x.method))) {
      const key = `${h.method} ${h.file}`;
      const deniedToViewer =
        h.handler.access !== "authenticated" &&
        h.handler.access !== "public" &&
        !can(["Viewer"], h.handler.access as Permission);
      expect(deniedToViewer || key in openToViewers, `${key} is open to Viewers without a listed reason`).toBe(true);
    }
  });
});
