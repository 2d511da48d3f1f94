import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setTestEnv } from "../config/env";
import { closedPort } from "./testing";

// The notification routes as a browser calls them: who may configure what, the errors a bad configuration gets at
// save and at test-send, and the audit trail. The guard is on (as in production) and the SMTP server is one nobody
// listens on.
const closed = await closedPort();
const restoreEnv = setTestEnv({
  NOTIFY_ALLOW_PRIVATE_TARGETS: "false",
  SMTP_HOST: "127.0.0.1",
  SMTP_PORT: String(closed),
  SMTP_SECURITY: "none",
});

const { getDatabase } = await import("../db");
const { createTestDatabase } = await import("../db/testing");
const { callRoute, sessionCookieFor, TEST_ORIGIN } = await import("../auth/testing");
const { describeAuditEvent } = await import("../audit");
const { cacheTenantId } = await import("../cache/tenant");
const channels = await import("@/app/api/notifications/channels/route");
const channel = await import("@/app/api/notifications/channels/[id]/route");
const testSend = await import("@/app/api/notifications/channels/[id]/test/route");
const rules = await import("@/app/api/notifications/rules/route");

type TestDb = Awaited<ReturnType<typeof createTestDatabase>>;
let database: TestDb;
const cookie: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase("pglite");
  getDatabase.replaceForTests(database);
  cookie.Admin = await sessionCookieFor("Admin");
  cookie.Manager = await sessionCookieFor("Manager");
});
afterAll(async () => {
  restoreEnv();
  getDatabase.replaceForTests(undefined);
  await database?.close();
});

const as = (role: string, method: string, body?: unknown, params?: Record<string, string>) => ({
  method,
  path: "/api/notifications",
  headers: { cookie: cookie[role], origin: TEST_ORIGIN },
  body,
  params,
});

describe("notification channels", () => {
  it("refuses a webhook URL that points into the console's own network, naming the field and the reason", async () => {
    const res = await callRoute(
      channels.POST,
      as("Admin", "POST", { kind: "webhook", name: "metadata", target: "http://169.254.169.254/latest/meta-data" }),
    );
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.message).toMatch(/inside the console's own network/);
    expect(error.issues[0].path).toBe("target");
  });

  it("refuses a malformed URL and malformed recipients with 400", async () => {
    const bad = await callRoute(channels.POST, as("Admin", "POST", { kind: "teams", name: "t", target: "not a url" }));
    expect(bad.status).toBe(400);
    const mail = await callRoute(channels.POST, as("Admin", "POST", { kind: "email", name: "m", target: "soc, @x" }));
    expect(mail.status).toBe(400);
  });

  it("answers a webhook's signing key once, and never again; a Teams URL is listed masked", async () => {
    const created = await callRoute(
      channels.POST,
      as("Admin", "POST", { kind: "webhook", name: "SOAR", target: "https://20.190.128.1/hooks/soc" }),
    );
    expect(created.status).toBe(200);
    const { secret } = await created.json();
    expect(secret).toMatch(/^whsec_/);
    await callRoute(
      channels.POST,
      as("Admin", "POST", {
        kind: "teams",
        name: "SOC channel",
        target: "https://20.190.128.2/workflows/abc/triggers/manual/paths/invoke?sig=SECRETSIG",
      }),
    );
    const listed = await (await callRoute(channels.GET, as("Manager", "GET"))).json();
    const text = JSON.stringify(listed);
    expect(text).not.toContain(secret);
    expect(text).not.toContain("SECRETSIG");
    expect(listed.data.map((c: { name: string }) => c.name)).toEqual(["SOAR", "SOC channel"]);
  });

  it("test-send names an unreachable SMTP server (422) and the attempt is in the audit log", async () => {
    const created = await (
      await callRoute(
        channels.POST,
        as("Admin", "POST", { kind: "email", name: "Mailbox", target: "soc@contoso.example" }),
      )
    ).json();
    const res = await callRoute(testSend.POST, as("Admin", "POST", undefined, { id: created.id }));
    expect(res.status).toBe(422);
    expect((await res.json()).error.message).toMatch(
      new RegExp(`SMTP server 127\\.0\\.0\\.1:${closed} could not be reached`),
    );
    // route() records the failed act with its reason, as it does for every refused mutation.
    const row = await database.prisma.auditEvent.findFirstOrThrow({
      where: { action: "notifications.channel.test", result: "failure" },
    });
    expect(row.error).toMatch(/could not be reached/);
  });

  it("test-send refuses a URL that resolves inside the network at send time (saved before the guard was on)", async () => {
    const id = "00000000-0000-4000-8000-00000000beef";
    await database.prisma.notificationChannel.create({
      data: {
        tenantId: cacheTenantId(),
        id,
        name: "legacy",
        kind: "webhook",
        target: "http://127.0.0.1:9/hook",
        secret: "k",
      },
    });
    const res = await callRoute(testSend.POST, as("Admin", "POST", undefined, { id }));
    expect(res.status).toBe(422);
    expect((await res.json()).error.message).toMatch(/inside the console's own network/);
  });

  it("will not delete a channel a rule still sends to (409)", async () => {
    const list = await (await callRoute(channels.GET, as("Admin", "GET"))).json();
    const soar = list.data.find((c: { name: string }) => c.name === "SOAR");
    await callRoute(
      rules.POST,
      as("Manager", "POST", { name: "To SOAR", eventType: "action.failed", channelIds: [soar.id] }),
    );
    const res = await callRoute(channel.DELETE, as("Admin", "DELETE", undefined, { id: soar.id }));
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toContain("To SOAR");
  });
});

describe("notification rules", () => {
  it("a Manager creates a rule; the audit log reads it as a sentence", async () => {
    const list = await (await callRoute(channels.GET, as("Manager", "GET"))).json();
    const res = await callRoute(
      rules.POST,
      as("Manager", "POST", {
        name: "Night shift: High alerts hourly",
        eventType: "alert.created",
        filter: { severities: ["High"], deviceGroups: ["Finance"] },
        channelIds: [list.data[0].id],
        digest: "1h",
        quietHours: { start: "22:00", end: "07:00" },
        timeZone: "Europe/Paris",
      }),
    );
    expect(res.status).toBe(200);
    const rule = await res.json();
    expect(rule).toMatchObject({ digest: "1h", timeZone: "Europe/Paris", filter: { severities: ["High"] } });
    const row = await database.prisma.auditEvent.findFirstOrThrow({
      where: { action: "notifications.rule.create", targetId: rule.id },
    });
    expect(describeAuditEvent(row, "")).toBe("created the notification rule “Night shift: High alerts hourly”");
  });

  it("refuses an unknown channel, an unknown time zone and a bad quiet-hours clock with 400", async () => {
    const base = { name: "x", eventType: "alert.created" };
    const unknown = await callRoute(
      rules.POST,
      as("Manager", "POST", { ...base, channelIds: ["00000000-0000-4000-8000-000000000000"] }),
    );
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.issues[0].path).toBe("channelIds");
    const list = await (await callRoute(channels.GET, as("Manager", "GET"))).json();
    const zone = await callRoute(
      rules.POST,
      as("Manager", "POST", { ...base, channelIds: [list.data[0].id], timeZone: "Mars/Olympus" }),
    );
    expect(zone.status).toBe(400);
    const clock = await callRoute(
      rules.POST,
      as("Manager", "POST", { ...base, channelIds: [list.data[0].id], quietHours: { start: "25:00", end: "07:00" } }),
    );
    expect(clock.status).toBe(400);
  });
});
