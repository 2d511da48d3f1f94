import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { availableTestDatabases, createTestDatabase, type TestDatabase } from "../db/testing";
import { getDatabase } from "../db";
import { openDatabase } from "../db/open";
import { deployMigrations } from "../db/migrate";
import { rateLimitWindows } from "./rate-limit";
import { callRoute, sessionCookieFor, TEST_ORIGIN } from "./testing";
import { GET as me } from "@/app/api/me/route";
import { POST as createToken } from "@/app/api/tokens/route";
import { DELETE as revokeToken } from "@/app/api/tokens/[id]/route";
import { GET as auditList } from "@/app/api/audit/route";
import { GET as auditExport } from "@/app/api/audit/export/route";

const run = promisify(execFile);
const kinds = await availableTestDatabases();

async function cli(args: string[], env: Record<string, string>) {
  return run(process.execPath, ["--import", "tsx", "scripts/console.ts", ...args], {
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
}

describe.each(kinds)("authentication, tokens and audit on %s", (kind) => {
  let database: TestDatabase;
  let admin: string;
  let viewer: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    getDatabase.replaceForTests(database);
    admin = await sessionCookieFor("Admin", "ada");
    viewer = await sessionCookieFor("Viewer", "vic");
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(() => rateLimitWindows.replaceForTests(undefined));

  async function newToken(role = "Analyst", days = 30): Promise<{ token: string; id: string }> {
    const res = await callRoute(createToken, {
      method: "POST",
      headers: { cookie: admin, origin: TEST_ORIGIN },
      body: { name: `t-${role}`, role, days },
    });
    expect(res.status).toBe(201);
    const body = await res.json();
    return { token: body.token, id: body.row.id };
  }

  it("accepts a bearer token on API routes with the token's role, and records its use", async () => {
    const { token, id } = await newToken("analyst");
    const res = await callRoute(me, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ type: "token", roles: ["Analyst"] });
    const row = await database.prisma.apiToken.findUniqueOrThrow({ where: { id } });
    expect(row.lastUsedAt).not.toBeNull();
    expect(row.tokenHash).not.toContain(token.slice(13)); // only the hash is stored
  });

  it("refuses a revoked or an expired token with 401", async () => {
    const revoked = await newToken();
    const del = await callRoute(revokeToken, {
      method: "DELETE",
      headers: { cookie: admin, origin: TEST_ORIGIN },
      params: { id: revoked.id },
    });
    expect(del.status).toBe(200);
    expect((await callRoute(me, { headers: { authorization: `Bearer ${revoked.token}` } })).status).toBe(401);

    const expired = await newToken();
    await database.prisma.apiToken.update({
      where: { id: expired.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await callRoute(me, { headers: { authorization: `Bearer ${expired.token}` } })).status).toBe(401);
  });

  it("answers 400 to a malformed Authorization header and names a bad body field", async () => {
    expect((await callRoute(me, { headers: { authorization: "Basic abc" } })).status).toBe(400);
    const res = await callRoute(createToken, {
      method: "POST",
      headers: { cookie: admin, origin: TEST_ORIGIN },
      body: { name: "x", role: "Wizard", days: 30 },
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.issues.map((i: { path: string }) => i.path)).toContain("role");
    expect(body.error.requestId).toBe(res.headers.get("x-request-id"));
  });

  it("records each mutation in the audit log with its actor, in the same transaction", async () => {
    const { id } = await newToken("Viewer");
    const created = await database.prisma.auditEvent.findFirstOrThrow({
      where: { action: "token.create", targetId: id },
    });
    expect(created).toMatchObject({
      actorType: "user",
      actorName: "ada@contoso.example",
      result: "success",
      params: { role: "Viewer", days: 30 },
    });

    const missing = "00000000-0000-4000-8000-000000000000";
    const res = await callRoute(revokeToken, {
      method: "DELETE",
      headers: { cookie: admin, origin: TEST_ORIGIN },
      params: { id: missing },
    });
    expect(res.status).toBe(404);
    const failure = await database.prisma.auditEvent.findFirstOrThrow({
      where: { action: "token.revoke", result: "failure" },
      orderBy: { id: "desc" },
    });
    expect(failure.actorName).toBe("ada@contoso.example");
    expect(failure.error).toContain("does not exist");
  });

  it("lets Managers read the audit log but only Admins export it", async () => {
    const manager = await sessionCookieFor("Manager");
    expect((await callRoute(auditList, { headers: { cookie: manager } })).status).toBe(200);
    // The list page's "Load more" reads pages by cursor: one page of one event leads to the next, and a cursor
    // that does not decode is a 400, never an empty page.
    const first = (await (
      await callRoute(auditList, { headers: { cookie: manager }, path: "/api/audit?limit=1" })
    ).json()) as { data: { id: string }[]; nextCursor: string | null };
    expect(first.data).toHaveLength(1);
    const second = (await (
      await callRoute(auditList, {
        headers: { cookie: manager },
        path: `/api/audit?limit=1&cursor=${first.nextCursor}`,
      })
    ).json()) as { data: { id: string }[] };
    expect(Number(second.data[0].id)).toBeLessThan(Number(first.data[0].id));
    expect(
      (await callRoute(auditList, { headers: { cookie: manager }, path: "/api/audit?cursor=not-a-cursor" })).status,
    ).toBe(400);
    expect((await callRoute(auditExport, { headers: { cookie: manager } })).status).toBe(403);
    const csv = await callRoute(auditExport, { headers: { cookie: admin }, path: "/api/audit/export?action=token." });
    expect(csv.status).toBe(200);
    const text = (await csv.text()).replaceAll('"', "");
    expect(text.split("\r\n")[0]).toMatch(/^at,actorType,actorName/);
    expect(text).toContain("token.create");
    expect(text).not.toContain("auth.sign_in");
  });

  it("refuses a cross-site cookie-authenticated POST and writes nothing", async () => {
    const before = await database.prisma.apiToken.count();
    const res = await callRoute(createToken, {
      method: "POST",
      headers: { cookie: admin, origin: "https://evil.example" },
      body: { name: "csrf", role: "Admin", days: 1 },
    });
    expect(res.status).toBe(403);
    const noOrigin = await callRoute(createToken, {
      method: "POST",
      headers: { cookie: admin },
      body: { name: "csrf", role: "Admin", days: 1 },
    });
    expect(noOrigin.status).toBe(403);
    expect(await database.prisma.apiToken.count()).toBe(before);
  });

  it("rate-limits mutations per user with 429 and Retry-After", async () => {
    const missing = "00000000-0000-4000-8000-000000000001";
    const call = () =>
      callRoute(revokeToken, {
        method: "DELETE",
        headers: { cookie: admin, origin: TEST_ORIGIN },
        params: { id: missing },
      });
    let last: Response | undefined;
    for (let i = 0; i < 120; i++) {
      last = await call();
      expect(last.status).toBe(404);
    }
    expect(last!.headers.get("x-ratelimit-remaining")).toBe("0");
    const limited = await call();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another user has a window of their own.
    const other = await callRoute(createToken, {
      method: "POST",
      headers: { cookie: viewer, origin: TEST_ORIGIN },
      body: { name: "v", role: "Viewer", days: 1 },
    });
    expect(other.status).toBe(403);
  });

  it.runIf(kind === "postgresql")(
    "creates a working token from the CLI (npm run console -- token create)",
    async () => {
      // The token belongs to a person who has signed in to the console (--as), never to the shell.
      await sessionCookieFor("Analyst", "cli-owner");
      const { stdout } = await cli(
        ["token", "create", "--as", "cli-owner@contoso.example", "--name", "soar", "--role", "analyst", "--days", "30"],
        { DATABASE_URL: database.url! },
      );
      const token = stdout.trim();
      expect(token).toMatch(/^soc_/);
      const res = await callRoute(me, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect((await res.json()).roles).toEqual(["Analyst"]);
      const audit = await database.prisma.auditEvent.findFirstOrThrow({
        where: { action: "token.create", actorName: "cli-owner@contoso.example" },
      });
      expect((audit.params as { via: string }).via).toMatch(/^cli:/);
    },
  );
});

describe("the embedded database has one owner", () => {
  it("makes the CLI refuse while another process holds the data folder", async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "soc-owner-")), "pglite");
    const owner = openDatabase({ kind: "pglite", dataDir });
    await deployMigrations({ location: { kind: "pglite", dataDir }, adapterFactory: owner.adapterFactory });
    try {
      await expect(cli(["token", "list"], { PGLITE_DIR: dataDir, DATABASE_URL: "" })).rejects.toMatchObject({
        stderr: expect.stringContaining(`is in use by process ${process.pid}`),
      });
    } finally {
      await owner.close();
    }
    const { stdout } = await cli(["token", "list"], { PGLITE_DIR: dataDir, DATABASE_URL: "" });
    expect(stdout).toBe("");
  });
});
