import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableTestDatabases, createTestDatabase, type TestDatabase } from "../lib/db/testing";
import { getDatabase } from "../lib/db";
import { createSession, endUserSessions } from "../lib/auth/sessions";
import { permissionsOf } from "../lib/auth/permissions";
import { resolveApiToken } from "../lib/auth/tokens";
import { runConsole } from "./lib/console-cli";

// `npm run console -- token create` made tokens with no creator: unbounded by anyone's roles and outliving the
// access of whoever asked for them. Now the shell names the person (--as) and the token is theirs.

const kinds = await availableTestDatabases();

async function consoleRun(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runConsole(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

async function signedIn(upn: string, roles: ("Analyst" | "Admin")[]): Promise<string> {
  const oid = randomUUID();
  await createSession({ oid, upn, name: upn, roles }, { ip: null, userAgent: "vitest", requestId: randomUUID() });
  return oid;
}

describe.each(kinds)("console token create (%s)", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    getDatabase.replaceForTests(database);
  });
  afterAll(async () => {
    await database?.close();
  });

  it("records the named person as the token's creator, and audits who ran the shell", async () => {
    const oid = await signedIn("ada@contoso.example", ["Analyst"]);
    const run = await consoleRun(
      "token",
      "create",
      "--as",
      "Ada@Contoso.example",
      "--name",
      "soar",
      "--role",
      "analyst",
      "--days",
      "30",
      "--json",
    );
    expect(run.code).toBe(0);
    const created = JSON.parse(run.out[0]) as { id: string; createdBy: string };
    expect(created.createdBy).toBe("ada@contoso.example");
    const row = await database.prisma.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.createdById).toBe(oid);
    const audit = await database.prisma.auditEvent.findFirstOrThrow({
      where: { action: "token.create", targetId: created.id },
    });
    expect(audit).toMatchObject({ actorType: "user", actorId: oid, result: "success" });
    expect((audit.params as { via: string }).via).toMatch(/^cli:/);
  });

  it("refuses a role above the named person's, and audits the refusal", async () => {
    await signedIn("bo@contoso.example", ["Analyst"]);
    const before = await database.prisma.apiToken.count();
    const run = await consoleRun("token", "create", "--as", "bo@contoso.example", "--name", "x", "--role", "admin");
    expect(run.code).toBe(2); // --days is missing too: a usage error names every problem
    const refused = await consoleRun(
      ...["token", "create", "--as", "bo@contoso.example", "--name", "up", "--role", "responder", "--days", "1"],
    );
    expect(refused.code).toBe(1);
    expect(refused.err.join("\n")).toMatch(/may not exceed your own \(Analyst\)/);
    expect(await database.prisma.apiToken.count()).toBe(before);
    expect(
      await database.prisma.auditEvent.count({
        where: { action: "token.create", result: "failure", actorName: "bo@contoso.example" },
      }),
    ).toBe(1);
  });

  it("requires --as naming someone who has signed in", async () => {
    const before = await database.prisma.apiToken.count();
    const missing = await consoleRun("token", "create", "--name", "x", "--role", "viewer", "--days", "1");
    expect(missing.code).toBe(2);
    expect(missing.err.join("\n")).toMatch(/--as is required/);
    const unknown = await consoleRun(
      ...["token", "create", "--as", "nobody@contoso.example", "--name", "x", "--role", "viewer", "--days", "1"],
    );
    expect(unknown.code).toBe(1);
    expect(unknown.err.join("\n")).toMatch(/nobody@contoso\.example has signed in/);
    expect(await database.prisma.apiToken.count()).toBe(before);
  });

  it("revokes the person's CLI tokens when an Admin ends their access", async () => {
    const oid = await signedIn("cy@contoso.example", ["Analyst"]);
    const run = await consoleRun(
      ...["token", "create", "--as", "cy@contoso.example", "--name", "cy", "--role", "viewer", "--days", "1"],
    );
    expect(run.code).toBe(0);
    const token = run.out[0];
    expect(await resolveApiToken(token)).toHaveProperty("actor");
    const admin = {
      type: "user" as const,
      id: randomUUID(),
      name: "admin@contoso.example",
      roles: ["Admin" as const],
      permissions: permissionsOf(["Admin"]),
    };
    await endUserSessions({ actor: admin, requestId: randomUUID(), ip: null }, oid, { revokeTokens: true });
    expect(await resolveApiToken(token)).toEqual({ refused: "revoked" });
  });
});
