import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeJwt, GRAPH, MDE, sleep, startHarness, type Harness } from "./helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    extraApps: [
      {
        clientId: "11111111-2222-4333-8444-555555555555",
        clientSecret: "no-graph-secret",
        permissions: ["Alert.Read.All"],
      },
    ],
  });
});
afterAll(() => h.close());

const tokenUrl = () => `${h.emu.authorityHost}/${h.emu.tenantId}/oauth2/v2.0/token`;

describe("discovery", () => {
  it("serves OpenID configuration, JWKS and instance discovery", async () => {
    const conf = (
      await h.http("GET", `${h.emu.authorityHost}/${h.emu.tenantId}/v2.0/.well-known/openid-configuration`)
    ).json();
    expect(conf.issuer).toBe(`${h.emu.authorityHost}/${h.emu.tenantId}/v2.0`);
    expect(conf.token_endpoint).toBe(tokenUrl());
    const jwks = (await h.http("GET", conf.jwks_uri)).json();
    expect(jwks.keys[0]).toMatchObject({ kty: "RSA", use: "sig", alg: "RS256" });
    const inst = (
      await h.http(
        "GET",
        `${h.emu.authorityHost}/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent(conf.authorization_endpoint)}`,
      )
    ).json();
    expect(inst.tenant_discovery_endpoint).toContain(`/${h.emu.tenantId}/v2.0/.well-known/openid-configuration`);
    expect(inst.metadata[0].aliases).toEqual([new URL(h.emu.baseUrl).host]);
  });
});

describe("client credentials", () => {
  it("issues an RS256 token with aud, roles and exp (secret in body)", async () => {
    const res = await h.http("POST", tokenUrl(), {
      form: {
        grant_type: "client_credentials",
        client_id: h.emu.clientId,
        client_secret: h.emu.clientSecret,
        scope: `${MDE}/.default`,
      },
    });
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 3599, ext_expires_in: 0 });
    const claims = decodeJwt(body.access_token);
    expect(claims.aud).toBe(MDE);
    expect(claims.tid).toBe(h.emu.tenantId);
    expect(claims.roles).toContain("Machine.Isolate");
    expect(claims.roles).not.toContain("SecurityAlert.Read.All");
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3599);
  });

  it("accepts HTTP Basic client authentication", async () => {
    const basic = Buffer.from(
      `${encodeURIComponent(h.emu.clientId)}:${encodeURIComponent(h.emu.clientSecret)}`,
    ).toString("base64");
    const res = await h.http("POST", tokenUrl(), {
      headers: { authorization: `Basic ${basic}` },
      form: { grant_type: "client_credentials", scope: `${GRAPH}/.default` },
    });
    expect(res.status).toBe(200);
    expect(decodeJwt(res.json().access_token).roles).toContain("DeviceManagementManagedDevices.Read.All");
  });

  it.each([
    ["wrong secret", { client_secret: "nope" }, 401, "invalid_client", 7000215],
    ["unknown client", { client_id: "00000000-0000-4000-8000-000000000000" }, 400, "unauthorized_client", 700016],
    ["two resources", { scope: `${MDE}/.default ${GRAPH}/.default` }, 400, "invalid_scope", 70011],
    ["non-.default scope", { scope: `${MDE}/Alert.Read.All` }, 400, "invalid_scope", 70011],
  ])("rejects %s with the AAD envelope", async (_name, override, status, error, code) => {
    const form = {
      grant_type: "client_credentials",
      client_id: h.emu.clientId,
      client_secret: h.emu.clientSecret,
      scope: `${MDE}/.default`,
      ...override,
    };
    const res = await h.http("POST", tokenUrl(), { form });
    expect(res.status).toBe(status);
    const body = res.json();
    expect(body.error).toBe(error);
    expect(body.error_codes).toEqual([code]);
    expect(body.error_description).toMatch(new RegExp(`^AADSTS${code}:`));
    expect(body).toHaveProperty("trace_id");
    expect(body).toHaveProperty("correlation_id");
    expect(body.timestamp).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$/);
  });

  it("rejects an unknown tenant with AADSTS90002", async () => {
    const res = await h.http("POST", `${h.emu.authorityHost}/not-a-tenant.example/oauth2/v2.0/token`, {
      form: {
        grant_type: "client_credentials",
        client_id: h.emu.clientId,
        client_secret: h.emu.clientSecret,
        scope: `${MDE}/.default`,
      },
    });
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ error: "invalid_request", error_codes: [90002] });
  });
});

function pkce() {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

async function signIn(username: string, extra: Record<string, string> = {}) {
  const { verifier, challenge } = pkce();
  const redirect = "http://localhost:3000/api/auth/callback";
  const q = new URLSearchParams({
    client_id: h.emu.clientId,
    response_type: "code",
    redirect_uri: redirect,
    scope: "openid profile offline_access",
    state: "st-123",
    nonce: "n-456",
    code_challenge: challenge,
    code_challenge_method: "S256",
    client_info: "1",
    ...extra,
  });
  const authorizeUrl = `${h.emu.authorityHost}/${h.emu.tenantId}/oauth2/v2.0/authorize?${q}`;
  const page = await h.http("GET", authorizeUrl);
  const requestId = /name="request_id" value="([^"]+)"/.exec(page.text)![1]!;
  const post = await h.http("POST", authorizeUrl.split("?")[0]!, {
    form: { request_id: requestId, quick: "1", username },
  });
  return { page, post, verifier, redirect, location: new URL(String(post.headers.location ?? "http://x/")) };
}

describe("authorization code + PKCE", () => {
  it("renders an accessible sign-in page with one button per demo user", async () => {
    const { page } = await signIn("analyst@contoso.example");
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toMatch(/text\/html/);
    for (const u of h.emu.users)
      expect(page.text).toMatch(
        new RegExp(`<button[^>]*value="${u.username}"[^>]*>[^<]*${u.username.replace(".", "\\.")}`),
      );
    expect(page.text).toMatch(/<label for="password">/);
  });

  it("redirects with code and state, redeems it once, and returns id_token claims", async () => {
    const { post, location, verifier, redirect } = await signIn("responder@contoso.example");
    expect(post.status).toBe(302);
    expect(location.searchParams.get("state")).toBe("st-123");
    const code = location.searchParams.get("code")!;
    const form = {
      grant_type: "authorization_code",
      client_id: h.emu.clientId,
      client_secret: h.emu.clientSecret,
      code,
      redirect_uri: redirect,
      code_verifier: verifier,
      scope: "openid profile offline_access",
    };
    const res = await h.http("POST", tokenUrl(), { form });
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body).toHaveProperty("refresh_token");
    const id = decodeJwt(body.id_token);
    expect(id).toMatchObject({
      aud: h.emu.clientId,
      iss: `${h.emu.authorityHost}/${h.emu.tenantId}/v2.0`,
      tid: h.emu.tenantId,
      preferred_username: "responder@contoso.example",
      roles: ["Responder"],
      nonce: "n-456",
      ver: "2.0",
    });
    expect(id.oid).toBeTruthy();
    expect(JSON.parse(Buffer.from(body.client_info, "base64url").toString())).toEqual({
      uid: id.oid,
      utid: h.emu.tenantId,
    });
    const again = await h.http("POST", tokenUrl(), { form });
    expect(again.status).toBe(400);
    expect(again.json()).toMatchObject({ error: "invalid_grant", error_codes: [70008] });
    const refreshed = await h.http("POST", tokenUrl(), {
      form: {
        grant_type: "refresh_token",
        client_id: h.emu.clientId,
        client_secret: h.emu.clientSecret,
        refresh_token: body.refresh_token,
        scope: "openid profile offline_access",
      },
    });
    expect(refreshed.status).toBe(200);
    expect(decodeJwt(refreshed.json().id_token).roles).toEqual(["Responder"]);
  });

  it("rejects a wrong code_verifier with AADSTS501481 and a missing secret with 401", async () => {
    const { location, redirect } = await signIn("viewer@contoso.example");
    const code = location.searchParams.get("code")!;
    const noSecret = await h.http("POST", tokenUrl(), {
      form: {
        grant_type: "authorization_code",
        client_id: h.emu.clientId,
        code,
        redirect_uri: redirect,
        code_verifier: "x",
      },
    });
    expect(noSecret.status).toBe(401);
    const second = await signIn("viewer@contoso.example");
    const res = await h.http("POST", tokenUrl(), {
      form: {
        grant_type: "authorization_code",
        client_id: h.emu.clientId,
        client_secret: h.emu.clientSecret,
        code: second.location.searchParams.get("code")!,
        redirect_uri: redirect,
        code_verifier: "wrong-verifier",
      },
    });
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ error: "invalid_grant", error_codes: [501481] });
  });

  it("omits roles for the user without a role and supports cancel and password sign-in", async () => {
    const { location, verifier, redirect } = await signIn("norole@contoso.example");
    const res = await h.http("POST", tokenUrl(), {
      form: {
        grant_type: "authorization_code",
        client_id: h.emu.clientId,
        client_secret: h.emu.clientSecret,
        code: location.searchParams.get("code")!,
        redirect_uri: redirect,
        code_verifier: verifier,
      },
    });
    expect(decodeJwt(res.json().id_token).roles).toBeUndefined();

    const q = new URLSearchParams({
      client_id: h.emu.clientId,
      response_type: "code",
      redirect_uri: redirect,
      scope: "openid",
      state: "s2",
    });
    const url = `${h.emu.authorityHost}/${h.emu.tenantId}/oauth2/v2.0/authorize`;
    const rid = () => h.http("GET", `${url}?${q}`).then((p) => /name="request_id" value="([^"]+)"/.exec(p.text)![1]!);
    const cancel = await h.http("POST", url, { form: { request_id: await rid(), cancel: "1" } });
    const cancelled = new URL(String(cancel.headers.location));
    expect(cancelled.searchParams.get("error")).toBe("access_denied");
    expect(cancelled.searchParams.get("state")).toBe("s2");
    const bad = await h.http("POST", url, {
      form: { request_id: await rid(), username: "admin@contoso.example", password: "wrong" },
    });
    expect(bad.status).toBe(200);
    expect(bad.text).toContain("AADSTS50126");
    const admin = h.emu.users.find((u) => u.username.startsWith("admin@"))!;
    const good = await h.http("POST", url, {
      form: { request_id: await rid(), username: admin.username, password: admin.password },
    });
    expect(good.status).toBe(302);
    expect(new URL(String(good.headers.location)).searchParams.get("code")).toBeTruthy();
  });

  it("logs out by redirecting to post_logout_redirect_uri", async () => {
    const res = await h.http(
      "GET",
      `${h.emu.authorityHost}/${h.emu.tenantId}/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent("http://localhost:3000/signed-out")}`,
    );
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe("http://localhost:3000/signed-out");
  });
});

describe("resource-side token checks", () => {
  it("answers 401 in the MDE envelope for missing, malformed and wrong-audience tokens", async () => {
    const none = await h.http("GET", `${h.emu.baseUrl}/api/alerts`);
    expect(none.status).toBe(401);
    const body = none.json();
    expect(body.error.code).toBe("Unauthorized");
    expect(body.error.target).toMatch(/^[0-9a-f-]{36}$/);
    expect((await h.http("GET", `${h.emu.baseUrl}/api/alerts`, { token: "abc.def.ghi" })).status).toBe(401);
    const graphToken = await h.token(GRAPH);
    expect((await h.http("GET", `${h.emu.baseUrl}/api/alerts`, { token: graphToken })).status).toBe(401);
  });

  it("answers 401 in the Graph envelope with innerError", async () => {
    const res = await h.http("GET", `${h.emu.baseUrl}/v1.0/security/alerts_v2`, { token: await h.token(MDE) });
    expect(res.status).toBe(401);
    const err = res.json().error;
    expect(err.innerError).toHaveProperty("request-id");
    expect(err.innerError).toHaveProperty("date");
  });

  it("answers 403 Forbidden when the token lacks the route's permission", async () => {
    const ro = h.emu.readOnlyClient;
    const list = await h.call("GET", "/api/alerts?$top=1", { client: ro });
    expect(list.status).toBe(200);
    const id = list.json().value[0].id;
    const patch = await h.call("PATCH", `/api/alerts/${id}`, { client: ro, body: { status: "InProgress" } });
    expect(patch.status).toBe(403);
    expect(patch.json().error.code).toBe("Forbidden");
    const noGraph = { clientId: "11111111-2222-4333-8444-555555555555", clientSecret: "no-graph-secret" };
    const graph = await h.call("GET", "/v1.0/deviceManagement/managedDevices", { client: noGraph });
    expect(graph.status).toBe(403);
    expect(graph.json().error.code).toBe("accessDenied");
  });

  it("rejects expired tokens", async () => {
    const short = await startHarness({ tokenLifetimeSec: 1, devices: 5, alerts: 5 });
    try {
      const tok = await short.token(MDE);
      expect((await short.call("GET", "/api/alerts", { token: tok })).status).toBe(200);
      await sleep(1100);
      const res = await short.call("GET", "/api/alerts", { token: tok });
      expect(res.status).toBe(401);
      expect(res.json().error.message).toMatch(/expired/);
    } finally {
      await short.close();
    }
  });
});
