import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { availableTestDatabases, createTestDatabase, type TestDatabase } from "../db/testing";
import { getDatabase } from "../db";
import { Conflict } from "../http/errors";
import { rateLimitWindows } from "./rate-limit";
import { route } from "./route";
import { callRoute, sessionCookieFor, TEST_ORIGIN } from "./testing";
import { POST as createView } from "@/app/api/views/route";

// A person's double click, a retried fetch, an API client's nervous repeat: one Idempotency-Key, one change.

const kinds = await availableTestDatabases();

describe.each(kinds)("Idempotency-Key on mutations on %s", (kind) => {
  let database: TestDatabase;
  let analyst: string;
  let analyst2: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    getDatabase.replaceForTests(database);
    analyst = await sessionCookieFor("Analyst", "ana");
    analyst2 = await sessionCookieFor("Analyst", "bob");
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(() => rateLimitWindows.replaceForTests(undefined));

  const post = (handler: Parameters<typeof callRoute>[0], cookie: string, key: string | null, body: unknown) =>
    callRoute(handler, {
      method: "POST",
      path: "/api/views",
      headers: { cookie, origin: TEST_ORIGIN, ...(key ? { "idempotency-key": key } : {}) },
      body,
    });

  it("a repeated submission saves one view and answers the repeat with the first answer", async () => {
    const key = randomUUID();
    const body = { page: "alerts", name: `twice-${key.slice(0, 6)}`, query: "severity=High", shared: false };
    const first = await post(createView, analyst, key, body);
    const second = await post(createView, analyst, key, body);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(await second.json()).toEqual(await first.json());
    expect(await database.prisma.savedView.count({ where: { name: body.name } })).toBe(1);
    expect(await database.prisma.auditEvent.count({ where: { action: "view.create" } })).toBe(1);
  });

  it("keys are private to the person who sent them", async () => {
    const key = randomUUID();
    const body = (name: string) => ({ page: "alerts", name, query: "", shared: false });
    expect((await post(createView, analyst, key, body(`mine-${key.slice(0, 6)}`))).status).toBe(201);
    const theirs = await post(createView, analyst2, key, body(`theirs-${key.slice(0, 6)}`));
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get("idempotent-replayed")).toBeNull();
  });

  it("a key reused for a different request is refused with 422, naming the header", async () => {
    const key = randomUUID();
    await post(createView, analyst, key, { page: "alerts", name: `a-${key.slice(0, 6)}`, query: "", shared: false });
    const other = await post(createView, analyst, key, {
      page: "alerts",
      name: `b-${key.slice(0, 6)}`,
      query: "",
      shared: false,
    });
    expect(other.status).toBe(422);
    expect((await other.json()).error.issues[0].path).toBe("idempotency-key");
  });

  it("a malformed key is a 400, not ignored", async () => {
    const res = await post(createView, analyst, "short", { page: "alerts", name: "x", query: "", shared: false });
    expect(res.status).toBe(400);
  });

  it("a repeat while the first is still running gets 409; the work runs once", async () => {
    let runs = 0;
    let finish!: () => void;
    const gate = new Promise<void>((resolve) => (finish = resolve));
    const slow = route({ permission: "views:write", audit: "view.create" }, async () => {
      runs += 1;
      await gate;
      return { done: runs };
    });
    const key = randomUUID();
    const first = post(slow, analyst, key, undefined);
    // Let the first request claim the key before the repeat arrives.
    for (let i = 0; i < 50 && runs === 0; i++) await new Promise((r) => setTimeout(r, 10));
    const repeat = await post(slow, analyst, key, undefined);
    finish();
    expect(repeat.status).toBe(409);
    expect((await first).status).toBe(200);
    const replayed = await post(slow, analyst, key, undefined);
    expect(await replayed.json()).toEqual({ done: 1 });
    expect(runs).toBe(1);
  });

  it("a retryable failure frees the key: the same intent may try again", async () => {
    let runs = 0;
    const flaky = route({ permission: "views:write", audit: "view.create" }, async () => {
      runs += 1;
      if (runs === 1) throw new Conflict("Defender is busy with this device.");
      return { ok: runs };
    });
    const key = randomUUID();
    expect((await post(flaky, analyst, key, undefined)).status).toBe(409);
    const retry = await post(flaky, analyst, key, undefined);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ ok: 2 });
  });
});
