import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { availableTestDatabases, createTestDatabase, type TestDatabase } from "../db/testing";
import { getDatabase } from "../db";
import { rateLimitWindows } from "./rate-limit";
import { callRoute, sessionCookieFor, TEST_ORIGIN } from "./testing";
import { createSession } from "./sessions";
import { createApiToken } from "./tokens";
import { permissionsOf } from "./permissions";
import { GET as me } from "@/app/api/me/route";
import { GET as health } from "@/app/api/health/route";
import { GET as listTokens, POST as createToken } from "@/app/api/tokens/route";
import { DELETE as revokeToken } from "@/app/api/tokens/[id]/route";
import { PUT as actionSettings } from "@/app/api/settings/actions/route";
import { POST as requestRoute } from "@/app/api/devices/[id]/actions/route";
import { POST as approveRoute } from "@/app/api/actions/[id]/approve/route";
import { POST as rejectRoute } from "@/app/api/actions/[id]/reject/route";
import { POST as signOut } from "@/app/auth/sign-out/route";
import { POST as cancelRoute } from "@/app/api/actions/[id]/cancel/route";
import { GET as actionRoute } from "@/app/api/actions/[id]/route";
import { GET as deviceRoute } from "@/app/api/devices/[id]/route";
import { DELETE as endSessions } from "@/app/api/users/[id]/sessions/route";
import { parseConfig } from "../config/env";
import { getAlertDetail } from "../alerts";
import { alertWriter, type DefenderAlert } from "../alerts/writer";
import { incidentWriter, type DefenderIncident } from "../incidents/writer";
import { actionWriter, type MachineAction } from "../actions/writer";
import { PATCH as incidentRoute } from "@/app/api/incidents/[id]/route";
import { GET as incidentsRoute } from "@/app/api/incidents/route";
import { GET as alertsRoute } from "@/app/api/alerts/route";
import { GET as auditRoute } from "@/app/api/audit/route";
import { GET as actionsRoute } from "@/app/api/actions/route";
import { GET as devicesRoute } from "@/app/api/devices/route";
import { recoverStuckRequests } from "../actions/recovery";
import { StatusReads, statusReads } from "../actions/status-reads";
import { PATCH as triageAlert } from "@/app/api/alerts/[id]/route";
import { GET as securityRoute } from "@/app/api/audit/security/route";
import { GET as callback } from "@/app/auth/callback/route";
import { PendingSignIn } from "./oidc";
import { finishSignIn } from "./sign-in-flow";
import { SecurityEventLog, securityEvents } from "../audit/security-events";

// The security review's findings, each as the attack it describes: these fail on the code the review read.
// None of them reaches Defender (four-eyes requests wait for approval), so no emulator is needed.

const kinds = await availableTestDatabases();

/** Defender's answer to an alert triage in the stand-in writers: the alert with the new status. */
const defenderAnswer = (id: string, patch: { status?: string }) =>
  ({
    id,
    title: "t",
    severity: "High",
    status: patch.status,
    alertCreationTime: new Date().toISOString(),
    lastUpdateTime: new Date().toISOString(),
    comments: [],
    evidence: [],
    mitreTechniques: [],
  }) as unknown as DefenderAlert;

describe.each(kinds)("security review findings on %s", (kind) => {
  let database: TestDatabase;
  let admin: string;
  let adminOid: string;
  let responder: string;
  let manager: string;
  let deviceId: string;
  /** A New, High alert in the cache, for the findings that triage or audit one. */
  const cacheAlert = (id: string) =>
    database.prisma.alert.create({
      data: {
        id,
        title: "t",
        severity: "High",
        status: "New",
        priority: "High",
        alertCreationTime: new Date(),
        lastUpdateTime: new Date(),
      },
    });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    getDatabase.replaceForTests(database);
    adminOid = randomUUID();
    const session = await createSession(
      { oid: adminOid, upn: "alice@contoso.example", name: "alice", roles: ["Admin"] },
      { ip: null, userAgent: null, requestId: randomUUID() },
    );
    admin = `soc_session=${session.cookieValue}`;
    responder = await sessionCookieFor("Responder", "rita");
    manager = await sessionCookieFor("Manager", "max");
    const device = await database.prisma.device.create({
      data: { mdeMachineId: "m-sec-1", name: "sec-host-1", platform: "Windows", inMde: true, osPlatform: "Windows11" },
    });
    deviceId = device.id;
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(() => {
    rateLimitWindows.replaceForTests(undefined);
    securityEvents.replaceForTests(new SecurityEventLog());
  });

  const asCookie = (cookie: string) => ({ cookie, origin: TEST_ORIGIN });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  async function tokenFor(cookie: string, role: string): Promise<{ token: string; id: string }> {
    const res = await callRoute(createToken, {
      method: "POST",
      headers: asCookie(cookie),
      body: { name: `t-${role}-${randomUUID().slice(0, 4)}`, role, days: 1 },
    });
    expect(res.status).toBe(201);
    const body = await res.json();
    return { token: body.token, id: body.row.id };
  }

  async function withFourEyes<T>(run: () => Promise<T>): Promise<T> {
    expect(
      (await callRoute(actionSettings, { method: "PUT", headers: asCookie(admin), body: { fourEyes: true } })).status,
    ).toBe(200);
    try {
      return await run();
    } finally {
      await callRoute(actionSettings, { method: "PUT", headers: asCookie(admin), body: { fourEyes: false } });
    }
  }

  async function awaitingApproval(cookie: string, type = "Isolate"): Promise<string> {
    const res = await callRoute(requestRoute, {
      method: "POST",
      params: { id: deviceId },
      headers: asCookie(cookie),
      body: { type, comment: "test", idempotencyKey: randomUUID() },
    });
    expect(res.status).toBe(201);
    const { data } = await res.json();
    expect(data.status).toBe("AwaitingApproval");
    return data.id;
  }

  describe("F1: four-eyes decisions are for people only", () => {
    it("refuses an approval or rejection through an API token, even a Manager token of a second person", async () => {
      const managerToken = await tokenFor(admin, "Manager");
      await withFourEyes(async () => {
        const id = await awaitingApproval(admin);
        const approve = await callRoute(approveRoute, {
          method: "POST",
          params: { id },
          headers: bearer(managerToken.token),
          body: {},
        });
        expect(approve.status).toBe(403);
        expect((await approve.json()).error.message).toMatch(/signed-in people|API tokens/);
        const reject = await callRoute(rejectRoute, {
          method: "POST",
          params: { id },
          headers: bearer(managerToken.token),
          body: { reason: "no" },
        });
        expect(reject.status).toBe(403);
        const row = await database.prisma.actionRequest.findUniqueOrThrow({ where: { id } });
        expect(row.state).toBe("AwaitingApproval");
        // The clean-up withdraws it.
        await database.prisma.actionRequest.update({ where: { id }, data: { state: "Withdrawn" } });
      });
    });

    it("refuses the requester's own rejection (a second person decides)", async () => {
      await withFourEyes(async () => {
        const id = await awaitingApproval(admin, "Unisolate");
        expect(
          (
            await callRoute(rejectRoute, {
              method: "POST",
              params: { id },
              headers: asCookie(admin),
              body: { reason: "mine" },
            })
          ).status,
        ).toBe(403);
        expect(
          (
            await callRoute(rejectRoute, {
              method: "POST",
              params: { id },
              headers: asCookie(manager),
              body: { reason: "not needed" },
            })
          ).status,
        ).toBe(200);
      });
    });
  });

  describe("F2: tokens cannot manage tokens or settings, and never outgrow their creator", () => {
    it("refuses token and settings management to an Admin token", async () => {
      const adminToken = await tokenFor(admin, "Admin");
      const mint = await callRoute(createToken, {
        method: "POST",
        headers: bearer(adminToken.token),
        body: { name: "persist", role: "Admin", days: 365 },
      });
      expect(mint.status).toBe(403);
      expect((await callRoute(listTokens, { headers: bearer(adminToken.token) })).status).toBe(403);
      expect(
        (
          await callRoute(revokeToken, {
            method: "DELETE",
            params: { id: adminToken.id },
            headers: bearer(adminToken.token),
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await callRoute(actionSettings, {
            method: "PUT",
            headers: bearer(adminToken.token),
            body: { fourEyes: false },
          })
        ).status,
      ).toBe(403);
      const whoami = await (await callRoute(me, { headers: bearer(adminToken.token) })).json();
      expect(whoami.permissions).not.toContain("tokens:manage");
      expect(whoami.permissions).not.toContain("settings:write");
      expect(whoami.permissions).not.toContain("actions:approve");
    });

    it("records the creating person on the token", async () => {
      const { id } = await tokenFor(admin, "Viewer");
      expect((await database.prisma.apiToken.findUniqueOrThrow({ where: { id } })).createdById).toBe(adminOid);
    });

    it("refuses a token role above the creator's own roles", async () => {
      const actor = {
        type: "user" as const,
        id: randomUUID(),
        name: "mgr@contoso.example",
        roles: ["Manager" as const],
        permissions: permissionsOf(["Manager"]),
      };
      await expect(
        createApiToken({ actor, requestId: randomUUID(), ip: null }, { name: "up", role: "Admin", days: 1 }),
      ).rejects.toMatchObject({ status: 403 });
      await expect(
        createApiToken({ actor, requestId: randomUUID(), ip: null }, { name: "side", role: "Responder", days: 1 }),
      ).rejects.toMatchObject({ status: 403 });
    });

    it("stops a person's tokens once a sign-in shows they lost the role, and resumes them if it comes back", async () => {
      const oid = randomUUID();
      const first = await createSession(
        { oid, upn: "bob@contoso.example", name: "bob", roles: ["Admin"] },
        { ip: null, userAgent: null, requestId: randomUUID() },
      );
      const { token } = await tokenFor(`soc_session=${first.cookieValue}`, "Responder");
      expect((await callRoute(me, { headers: bearer(token) })).status).toBe(200);
      await createSession(
        { oid, upn: "bob@contoso.example", name: "bob", roles: ["Viewer"] },
        { ip: null, userAgent: null, requestId: randomUUID() },
      );
      expect((await callRoute(me, { headers: bearer(token) })).status).toBe(401);
      await createSession(
        { oid, upn: "bob@contoso.example", name: "bob", roles: ["Responder"] },
        { ip: null, userAgent: null, requestId: randomUUID() },
      );
      expect((await callRoute(me, { headers: bearer(token) })).status).toBe(200);
    });
  });

  describe("F3: the public health check tells anonymous callers only whether the console is up", () => {
    it("answers an anonymous caller with the status alone, and a signed-in one with the details", async () => {
      const anonymous = await callRoute(health);
      expect(anonymous.status).toBe(200);
      expect(await anonymous.json()).toEqual({ status: "ok" });
      const signedIn = await callRoute(health, { headers: { cookie: responder } });
      const body = await signedIn.json();
      expect(body).toMatchObject({ status: "ok", database: { ok: true } });
      expect(body).toHaveProperty("sync");
    });
  });

  describe("F12: an idempotency key is its requester's", () => {
    it("answers 409 when another actor presents someone's key, and still replays the requester's own retry", async () => {
      await withFourEyes(async () => {
        const key = `shared-${randomUUID()}`;
        const body = (comment: string) => ({ type: "Unisolate", comment, idempotencyKey: key });
        const first = await callRoute(requestRoute, {
          method: "POST",
          params: { id: deviceId },
          headers: asCookie(responder),
          body: body("first ask"),
        });
        expect(first.status).toBe(201);
        const other = await callRoute(requestRoute, {
          method: "POST",
          params: { id: deviceId },
          headers: asCookie(await sessionCookieFor("Responder", "rolf")),
          body: body("second ask"),
        });
        expect(other.status).toBe(409);
        const retry = await callRoute(requestRoute, {
          method: "POST",
          params: { id: deviceId },
          headers: asCookie(responder),
          body: body("first ask"),
        });
        expect(retry.status).toBe(200);
        expect((await retry.json()).replayed).toBe(true);
        const rows = await database.prisma.actionRequest.findMany({ where: { idempotencyKey: key } });
        expect(rows.map((r) => r.comment)).toEqual(["first ask"]);
        await database.prisma.actionRequest.updateMany({
          where: { idempotencyKey: key },
          data: { state: "Withdrawn" },
        });
      });
    });
  });

  describe("F4: refused requests and failed sign-ins are recorded, counted and shown to auditors", () => {
    const denied = () =>
      database.prisma.auditEvent.findMany({ where: { action: "security.denied" }, orderBy: { id: "asc" } });
    const total = async () =>
      (await denied()).reduce((sum, r) => sum + Number((r.params as { count: number }).count), 0);
    beforeEach(async () => {
      await database.prisma.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "action" = 'security.denied'`);
    });

    it("counts a burst of invalid tokens exactly, in two rows rather than one per request", async () => {
      for (let i = 0; i < 40; i++) {
        const res = await callRoute(me, {
          headers: bearer(`soc_AAAAAAAA_${randomUUID().replaceAll("-", "")}abcdefghijk`),
        });
        expect(res.status).toBe(401);
      }
      expect(await denied()).toHaveLength(1);
      await securityEvents().flush();
      const rows = await denied();
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatchObject({
        actorId: "token-prefix:AAAAAAAA",
        targetId: "GET /",
        result: "failure",
        params: { reason: "token_unknown", status: 401, count: 1 },
      });
      expect(await total()).toBe(40);
      const summary = await (await callRoute(securityRoute, { headers: { cookie: manager } })).json();
      expect(summary).toMatchObject({ total: 40, byReason: [{ reason: "token_unknown", count: 40 }] });
    });

    it("records a 403 with the actor, a cross-site POST, a 429 and a request with no credentials", async () => {
      const viewer = await sessionCookieFor("Viewer", "vera");
      expect(
        (
          await callRoute(triageAlert, {
            method: "PATCH",
            params: { id: "da1" },
            headers: asCookie(viewer),
            body: { status: "Resolved" },
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await callRoute(createToken, {
            method: "POST",
            headers: { cookie: admin, origin: "https://evil.example" },
            body: { name: "x", role: "Viewer", days: 1 },
          })
        ).status,
      ).toBe(403);
      expect((await callRoute(me)).status).toBe(401);
      let last: Response | undefined;
      for (let i = 0; i <= 120; i++)
        last = await callRoute(revokeToken, {
          method: "DELETE",
          params: { id: randomUUID() },
          headers: asCookie(viewer),
        });
      expect(last!.status).toBe(429);
      await securityEvents().flush();
      const rows = await denied();
      const reasons = (r: (typeof rows)[number]) => (r.params as { reason: string }).reason;
      expect(rows.find((r) => reasons(r) === "forbidden" && r.targetId?.startsWith("PATCH"))).toMatchObject({
        actorName: "vera@contoso.example",
        actorType: "user",
      });
      expect(rows.find((r) => reasons(r) === "csrf")).toMatchObject({ actorName: "alice@contoso.example" });
      expect(rows.find((r) => reasons(r) === "no_credentials")).toMatchObject({ actorType: "anonymous" });
      expect(rows.find((r) => reasons(r) === "rate_limited")).toMatchObject({ actorName: "vera@contoso.example" });
    });

    it("records a sign-in callback whose state does not match, and an Entra error", async () => {
      expect((await callRoute(callback, { path: "/auth/callback?code=abc&state=forged-state-value" })).status).toBe(
        302,
      );
      expect(
        (await callRoute(callback, { path: "/auth/callback?error=server_error&error_description=AADSTS" })).status,
      ).toBe(302);
      const reasons = (await denied()).map((r) => (r.params as { reason: string }).reason);
      expect(reasons).toEqual(["sign_in_state", "sign_in_entra_error"]);
    });
  });

  describe("F5: the client chooses neither the recorded address nor the request id", () => {
    it("ignores X-Forwarded-For without a trusted proxy and always issues its own request id", async () => {
      const res = await callRoute(createToken, {
        method: "POST",
        headers: { ...asCookie(admin), "x-forwarded-for": "10.9.9.9", "x-request-id": "deadbeef-0001" },
        body: { name: "xff", role: "Viewer", days: 1 },
      });
      expect(res.status).toBe(201);
      expect(res.headers.get("x-request-id")).not.toBe("deadbeef-0001");
      const row = await database.prisma.auditEvent.findFirstOrThrow({
        where: { action: "token.create" },
        orderBy: { id: "desc" },
      });
      expect(row.ip).not.toBe("10.9.9.9");
      expect(row.requestId).toBe(res.headers.get("x-request-id"));
    });
  });

  describe("F9: the sign-in cookie is signed, returnTo is checked again, cookies are __Host- over https", () => {
    const forged = {
      state: "s".repeat(72),
      nonce: "n".repeat(36),
      verifier: "v".repeat(43),
      returnTo: "@evil.example",
    };

    it("refuses a planted (unsigned) sign-in cookie at the callback before talking to Entra", async () => {
      const cookie = `soc_sign_in=${Buffer.from(JSON.stringify(forged)).toString("base64url")}`;
      const req = new Request(`${TEST_ORIGIN}/auth/callback?code=attacker-code&state=${forged.state}`, {
        headers: { cookie },
      });
      const res = await finishSignIn(
        req,
        { code: "attacker-code", state: forged.state },
        { requestId: randomUUID(), ip: null },
      );
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe(`${TEST_ORIGIN}/sign-in/error?reason=state`);
    });

    it("never lets a pending sign-in carry a returnTo that leaves the console", () => {
      for (const returnTo of ["@evil.example", "//evil.example", "/\\evil.example", "https://evil.example/"]) {
        expect(PendingSignIn.parse({ ...forged, returnTo }).returnTo).toBe("/");
      }
      expect(PendingSignIn.parse({ ...forged, returnTo: "/alerts?x=1" }).returnTo).toBe("/alerts?x=1");
    });

    it("over https reads only the __Host- session cookie, never a plain one someone could plant", async () => {
      const { cookieValue } = await createSession(
        { oid: randomUUID(), upn: "hanna@contoso.example", name: "hanna", roles: ["Viewer"] },
        { ip: null, userAgent: null, requestId: randomUUID() },
      );
      const call = (cookie: string) =>
        me(new Request("https://console.test/api/me", { headers: { cookie } }), { params: Promise.resolve({}) });
      expect((await call(`soc_session=${cookieValue}`)).status).toBe(401);
      expect((await call(`__Host-soc_session=${cookieValue}`)).status).toBe(200);
    });
  });

  describe("F14: sessions are short, end when idle, and an Admin can end someone's access", () => {
    it("refuses a session lifetime above 12 hours", () => {
      expect(() => parseConfig({ SESSION_TTL_HOURS: "24" })).toThrow(/SESSION_TTL_HOURS/);
      expect(parseConfig({ SESSION_TTL_HOURS: "12" }).SESSION_TTL_HOURS).toBe(12);
      expect(parseConfig({}).SESSION_IDLE_MINUTES).toBe(30);
    });

    it("ends a session unused for longer than the idle timeout", async () => {
      const oid = randomUUID();
      const { sessionId, cookieValue } = await createSession(
        { oid, upn: "ida@contoso.example", name: "ida", roles: ["Viewer"] },
        { ip: null, userAgent: null, requestId: randomUUID() },
      );
      expect((await callRoute(me, { headers: { cookie: `soc_session=${cookieValue}` } })).status).toBe(200);
      await database.prisma.session.update({
        where: { id: sessionId },
        data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) },
      });
      expect((await callRoute(me, { headers: { cookie: `soc_session=${cookieValue}` } })).status).toBe(401);
      expect(await database.prisma.session.count({ where: { id: sessionId } })).toBe(0);
    });

    it("lets an Admin end a person's sessions and revoke their tokens, audited", async () => {
      const oid = randomUUID();
      const s1 = await createSession(
        { oid, upn: "eve@contoso.example", name: "eve", roles: ["Admin"] },
        { ip: null, userAgent: null, requestId: randomUUID() },
      );
      const s2 = await createSession(
        { oid, upn: "eve@contoso.example", name: "eve", roles: ["Admin"] },
        { ip: null, userAgent: null, requestId: randomUUID() },
      );
      const { token } = await tokenFor(`soc_session=${s1.cookieValue}`, "Analyst");
      const byToken = await callRoute(endSessions, {
        method: "DELETE",
        params: { id: oid },
        headers: bearer((await tokenFor(admin, "Admin")).token),
      });
      expect(byToken.status).toBe(403);
      expect(
        (await callRoute(endSessions, { method: "DELETE", params: { id: oid }, headers: asCookie(responder) })).status,
      ).toBe(403);
      const res = await callRoute(endSessions, {
        method: "DELETE",
        params: { id: oid },
        path: `/api/users/${oid}/sessions`,
        headers: asCookie(admin),
      });
      expect(res.status).toBe(200);
      expect((await res.json()).data).toEqual({ sessions: 2, tokens: 1 });
      for (const c of [s1.cookieValue, s2.cookieValue])
        expect((await callRoute(me, { headers: { cookie: `soc_session=${c}` } })).status).toBe(401);
      expect((await callRoute(me, { headers: bearer(token) })).status).toBe(401);
      const row = await database.prisma.auditEvent.findFirstOrThrow({
        where: { action: "user.end_sessions", targetId: oid },
      });
      expect(row).toMatchObject({
        actorName: "alice@contoso.example",
        result: "success",
        params: { upn: "eve@contoso.example", sessions: 2, tokens: 1 },
      });
      expect(
        (await callRoute(endSessions, { method: "DELETE", params: { id: "no-such-person" }, headers: asCookie(admin) }))
          .status,
      ).toBe(404);
    });
  });

  describe("F13: a withdrawn request is not shown as approved by the person who withdrew it", () => {
    it("keeps the withdrawer apart from the approver, in the action and on the device timeline", async () => {
      const other = await sessionCookieFor("Responder", "walt");
      const id = await withFourEyes(() => awaitingApproval(responder));
      const res = await callRoute(cancelRoute, {
        method: "POST",
        params: { id },
        headers: asCookie(other),
        body: { comment: "not needed" },
      });
      expect(res.status).toBe(200);
      const row = await database.prisma.actionRequest.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({ state: "Withdrawn", approvedByName: null, decidedByName: "walt@contoso.example" });
      const view = (await (await callRoute(actionRoute, { params: { id }, headers: { cookie: other } })).json()).data;
      expect(view).toMatchObject({ status: "Withdrawn", approvedBy: null, decidedBy: "walt@contoso.example" });
      // The device page without a Defender call (logged-on users are read only for onboarded devices).
      await database.prisma.device.update({ where: { id: deviceId }, data: { inMde: false } });
      try {
        const detail = await (
          await callRoute(deviceRoute, { params: { id: deviceId }, headers: { cookie: other } })
        ).json();
        const titles = (detail.timeline as { title: string }[]).map((t) => t.title);
        expect(titles).toContain("Isolate withdrawn by walt@contoso.example");
        expect(titles.filter((t) => t.includes("approved by walt"))).toEqual([]);
      } finally {
        await database.prisma.device.update({ where: { id: deviceId }, data: { inMde: true } });
      }
    });
  });

  describe("F16: readers see who did what when; parameters and errors need audit:read", () => {
    it("hides audit parameters and error text from console:read on the device timeline and the alert history", async () => {
      await database.prisma.auditEvent.create({
        data: {
          actorType: "user",
          actorId: "x",
          actorName: "ann@contoso.example",
          action: "action.send",
          targetType: "device",
          targetId: deviceId,
          params: { secret: "internal" },
          result: "failure",
          error: "AADSTS7000215: invalid client secret for app 1234",
        },
      });
      await cacheAlert("da-f16");
      await database.prisma.auditEvent.create({
        data: {
          actorType: "user",
          actorId: "x",
          actorName: "ann@contoso.example",
          action: "alert.triage",
          targetType: "alert",
          targetId: "da-f16",
          params: { comment: "internal note" },
          result: "failure",
          error: "Defender said: 500 at host-17",
        },
      });
      await database.prisma.device.update({ where: { id: deviceId }, data: { inMde: false } });
      try {
        const viewer = await sessionCookieFor("Viewer", "val");
        const seen = async (cookie: string) =>
          (
            (await (await callRoute(deviceRoute, { params: { id: deviceId }, headers: { cookie } })).json())
              .timeline as { title: string; detail: string | null }[]
          ).find((t) => t.title.startsWith("ann@contoso.example tried to send"));
        expect(await seen(viewer)).toMatchObject({ detail: null });
        expect((await seen(manager))?.detail).toContain("AADSTS7000215");
      } finally {
        await database.prisma.device.update({ where: { id: deviceId }, data: { inMde: true } });
      }
      const [curated] = (await getAlertDetail("da-f16"))!.history;
      expect(curated).toMatchObject({
        actorName: "ann@contoso.example",
        action: "alert.triage",
        result: "failure",
        params: null,
        error: null,
      });
      const [full] = (await getAlertDetail("da-f16", { auditDetails: true }))!.history;
      expect(full).toMatchObject({ params: { comment: "internal note" }, error: "Defender said: 500 at host-17" });
    });
  });

  describe("F6: a change sent to Defender is on record before Defender is asked", () => {
    // Stand-ins for Defender (the database is real): each looks, at the moment it is called, for the intent row.
    const intentAt = async (action: string, targetId: string) =>
      database.prisma.auditEvent.count({ where: { action: `${action}.intent`, targetId, result: "pending" } });
    afterAll(() => {
      alertWriter.replaceForTests(undefined);
      incidentWriter.replaceForTests(undefined);
      actionWriter.replaceForTests(undefined);
    });

    it("alert triage, incident triage and cancel write a pending intent row first, then the outcome", async () => {
      const analyst = await sessionCookieFor("Analyst", "anouk");
      const seen: Record<string, number> = {};
      await cacheAlert("da-f6");
      alertWriter.replaceForTests({
        updateAlert: async (id, patch) => {
          seen.alert = await intentAt("alert.triage", id);
          return defenderAnswer(id, patch);
        },
        batchUpdate: async () => undefined,
      });
      expect(
        (
          await callRoute(triageAlert, {
            method: "PATCH",
            params: { id: "da-f6" },
            headers: asCookie(analyst),
            body: { status: "Resolved" },
          })
        ).status,
      ).toBe(200);
      expect(seen.alert).toBe(1);

      await database.prisma.incident.create({
        data: {
          id: BigInt(6006),
          name: "i",
          status: "Active",
          severity: "High",
          createdTime: new Date(),
          lastUpdateTime: new Date(),
        },
      });
      incidentWriter.replaceForTests({
        updateIncident: async (id, patch) => {
          seen.incident = await intentAt("incident.triage", id);
          return {
            incidentId: Number(id),
            status: patch.status,
            lastUpdateTime: new Date().toISOString(),
            comments: [],
            alerts: [],
          } as unknown as DefenderIncident;
        },
      });
      expect(
        (
          await callRoute(incidentRoute, {
            method: "PATCH",
            params: { id: "6006" },
            headers: asCookie(analyst),
            body: { status: "Resolved" },
          })
        ).status,
      ).toBe(200);
      expect(seen.incident).toBe(1);

      const created = new Date().toISOString();
      await database.prisma.machineAction.create({
        data: {
          id: "ma-f6",
          type: "RunAntiVirusScan",
          status: "Pending",
          machineId: "m-sec-1",
          creationDateTimeUtc: new Date(),
        },
      });
      const req = await database.prisma.actionRequest.create({
        data: {
          idempotencyKey: `f6-${randomUUID()}`,
          deviceId,
          type: "RunAntiVirusScan",
          comment: "scan",
          state: "Sent",
          requestedById: "x",
          requestedByName: "x",
          machineActionId: "ma-f6",
        },
      });
      actionWriter.replaceForTests({
        cancel: async (id) => {
          seen.cancel = await intentAt("action.cancel", deviceId);
          return {
            id,
            type: "RunAntiVirusScan",
            status: "Cancelled",
            machineId: "m-sec-1",
            creationDateTimeUtc: created,
            lastUpdateDateTimeUtc: new Date().toISOString(),
          } as MachineAction;
        },
        request: async () => Promise.reject(new Error("not used")),
        get: async () => Promise.reject(new Error("not used")),
        pending: async () => [],
      });
      expect(
        (
          await callRoute(cancelRoute, {
            method: "POST",
            params: { id: req.id },
            headers: asCookie(responder),
            body: { comment: "stop it" },
          })
        ).status,
      ).toBe(200);
      expect(seen.cancel).toBe(1);

      for (const [action, target] of [
        ["alert.triage", "da-f6"],
        ["incident.triage", "6006"],
        ["action.cancel", deviceId],
      ]) {
        const rows = await database.prisma.auditEvent.findMany({
          where: { action: { in: [action, `${action}.intent`] }, targetId: target },
          orderBy: { id: "asc" },
        });
        expect(rows.map((r) => `${r.action}:${r.result}`).slice(-2)).toEqual([
          `${action}.intent:pending`,
          `${action}:success`,
        ]);
      }
    });
  });

  describe("F6: when Defender accepted but the console cannot store it", () => {
    afterAll(() => alertWriter.replaceForTests(undefined));
    it("records the change as made (not as a failure) and says so", async () => {
      await cacheAlert("da-f6b");
      alertWriter.replaceForTests({
        updateAlert: async (id, patch) => {
          // The cache row disappears between Defender's answer and the local write.
          await database.prisma.alert.delete({ where: { id } });
          return defenderAnswer(id, patch);
        },
        batchUpdate: async () => undefined,
      });
      const res = await callRoute(triageAlert, {
        method: "PATCH",
        params: { id: "da-f6b" },
        headers: asCookie(await sessionCookieFor("Analyst", "arno")),
        body: { status: "Resolved" },
      });
      expect(res.status).toBe(500);
      expect((await res.json()).error.message).toMatch(/Defender accepted the change/);
      const rows = await database.prisma.auditEvent.findMany({ where: { targetId: "da-f6b" }, orderBy: { id: "asc" } });
      expect(rows.map((r) => `${r.action}:${r.result}`)).toEqual([
        "alert.triage.intent:pending",
        "alert.triage:success",
      ]);
      expect(rows[1].error).toMatch(/cache was not updated/);
    });
  });

  describe("F10: requests a stopped console left Queued or Sending do not block the device for good", () => {
    afterAll(() => actionWriter.replaceForTests(undefined));
    const stuck = (state: string, type = "RunAntiVirusScan") =>
      database.prisma.actionRequest.create({
        data: {
          idempotencyKey: `f10-${randomUUID()}`,
          deviceId,
          type,
          scope: "Quick",
          comment: "sweep",
          state,
          requestedById: "x",
          requestedByName: "xena",
        },
      });

    it("lets a responder cancel a queued request", async () => {
      const req = await stuck("Queued");
      const res = await callRoute(cancelRoute, {
        method: "POST",
        params: { id: req.id },
        headers: asCookie(responder),
        body: { comment: "not any more" },
      });
      expect(res.status).toBe(200);
      expect((await database.prisma.actionRequest.findUniqueOrThrow({ where: { id: req.id } })).state).toBe(
        "Withdrawn",
      );
    });

    it("at start-up marks stale Sending rows SendFailed and sends Queued ones, so the device takes new actions again", async () => {
      const sending = await stuck("Sending", "CollectInvestigationPackage");
      await database.prisma.$executeRawUnsafe(
        `UPDATE "ActionRequest" SET "updatedAt" = now() - interval '10 minutes' WHERE id = $1`,
        sending.id,
      );
      const queued = await stuck("Queued");
      const sent: string[] = [];
      actionWriter.replaceForTests({
        request: async (machineId, action) => {
          sent.push(action);
          return {
            id: `ma-${randomUUID()}`,
            type: "RunAntiVirusScan",
            status: "Pending",
            machineId,
            creationDateTimeUtc: new Date().toISOString(),
            lastUpdateDateTimeUtc: null,
          } as MachineAction;
        },
        cancel: async () => Promise.reject(new Error("not used")),
        get: async () => Promise.reject(new Error("not used")),
        pending: async () => [],
      });
      const result = await recoverStuckRequests();
      expect(result).toMatchObject({ expired: 1, resumed: 1, skipped: false });
      expect(await database.prisma.actionRequest.findUniqueOrThrow({ where: { id: sending.id } })).toMatchObject({
        state: "SendFailed",
        error: expect.stringMatching(/Check the device's actions in Defender/),
      });
      expect((await database.prisma.actionRequest.findUniqueOrThrow({ where: { id: queued.id } })).state).toBe("Sent");
      expect(sent).toEqual(["runAntiVirusScan"]);
      // Nothing holds the device any more: a new collection is accepted.
      const again = await callRoute(requestRoute, {
        method: "POST",
        params: { id: deviceId },
        headers: asCookie(responder),
        body: { type: "CollectInvestigationPackage", comment: "again", idempotencyKey: randomUUID() },
      });
      expect(again.status).toBe(201);
    });
  });

  describe("F11: readers cannot spend the Defender read budget responders need", () => {
    afterAll(() => {
      actionWriter.replaceForTests(undefined);
      statusReads.replaceForTests(undefined);
    });

    it("limits Defender-reaching GETs per actor", async () => {
      const viewer = await sessionCookieFor("Viewer", "vince");
      const req = await database.prisma.actionRequest.create({
        data: {
          idempotencyKey: `f11-${randomUUID()}`,
          deviceId,
          type: "RunAntiVirusScan",
          comment: "x",
          state: "SendFailed",
          requestedById: "x",
          requestedByName: "x",
        },
      });
      let last: Response | undefined;
      for (let i = 0; i < 300; i++)
        last = await callRoute(actionRoute, { params: { id: req.id }, headers: { cookie: viewer } });
      expect(last!.status).toBe(200);
      expect((await callRoute(actionRoute, { params: { id: req.id }, headers: { cookie: viewer } })).status).toBe(429);
      // Someone else is not affected.
      expect((await callRoute(actionRoute, { params: { id: req.id }, headers: { cookie: responder } })).status).toBe(
        200,
      );
    });

    it("keeps a share of status reads for responders and tells a reader when their refresh was skipped", async () => {
      statusReads.replaceForTests(new StatusReads(100, 2));
      let reads = 0;
      actionWriter.replaceForTests({
        get: async (id) => {
          reads += 1;
          return {
            id,
            type: "Isolate",
            status: "Pending",
            machineId: "m-sec-1",
            creationDateTimeUtc: new Date().toISOString(),
            lastUpdateDateTimeUtc: null,
          } as MachineAction;
        },
        request: async () => Promise.reject(new Error("not used")),
        cancel: async () => Promise.reject(new Error("not used")),
        pending: async () => [],
      });
      const follow = async (cookie: string) => {
        const ma = await database.prisma.machineAction.create({
          data: {
            id: `ma-${randomUUID()}`,
            type: "Isolate",
            status: "Pending",
            machineId: "m-sec-1",
            creationDateTimeUtc: new Date(Date.now() - 60_000),
            syncedAt: new Date(Date.now() - 60_000),
          },
        });
        const r = await database.prisma.actionRequest.create({
          data: {
            idempotencyKey: `f11-${randomUUID()}`,
            deviceId,
            type: "Isolate",
            comment: "x",
            state: "Sent",
            requestedById: "x",
            requestedByName: "x",
            machineActionId: ma.id,
          },
        });
        return (await callRoute(actionRoute, { params: { id: r.id }, headers: { cookie } })).json();
      };
      const viewer = await sessionCookieFor("Viewer", "vivi");
      expect((await follow(viewer)).refreshError).toBeNull();
      expect((await follow(viewer)).refreshError).toMatch(/kept for responders/);
      expect((await follow(responder)).refreshError).toBeNull();
      expect(reads).toBe(2);
    });
  });

  describe("I5: a malformed cursor is a 400, not a failed cast in the database", () => {
    const cursor = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    it.each([
      ["audit id beyond int8", () => auditRoute, `/api/audit?cursor=${cursor({ id: "99999999999999999999" })}`],
      [
        "incident id beyond int8",
        () => incidentsRoute,
        `/api/incidents?cursor=${cursor({ s: "updated", v: "2026-11-26T10:00:00.000Z", id: "99999999999999999999" })}`,
      ],
      ["action time that is no timestamp", () => actionsRoute, `/api/actions?cursor=${cursor({ at: "v", id: "x" })}`],
      [
        "alert age that is no timestamp",
        () => alertsRoute,
        `/api/alerts?sort=age&cursor=${cursor({ s: "age", d: "desc", v: "at", id: "x" })}`,
      ],
      [
        "device count that is no number",
        () => devicesRoute,
        `/api/devices?sort=openAlerts&cursor=${cursor({ s: "openAlerts", d: "asc", v: "many", id: "x" })}`,
      ],
    ])("%s", async (_, handler, path) => {
      const res = await callRoute(handler(), { path, headers: { cookie: manager } });
      expect(res.status).toBe(400);
      expect((await res.json()).error.issues.map((i: { path: string }) => i.path)).toContain("cursor");
    });
  });

  describe("F15: sign-out is for sessions", () => {
    it("refuses sign-out through a token and writes no audit row", async () => {
      const { token } = await tokenFor(admin, "Viewer");
      const before = await database.prisma.auditEvent.count({ where: { action: "auth.sign_out" } });
      const res = await callRoute(signOut, { method: "POST", headers: bearer(token) });
      expect(res.status).toBe(403);
      expect(await database.prisma.auditEvent.count({ where: { action: "auth.sign_out" } })).toBe(before);
    });

    it("rate-limits sign-out like every other mutation", async () => {
      const res = await callRoute(signOut, {
        method: "POST",
        headers: asCookie(await sessionCookieFor("Viewer", "sigrid")),
      });
      expect(res.status).toBe(303);
      expect(res.headers.get("x-ratelimit-limit")).toBe("120");
    });
  });
});
