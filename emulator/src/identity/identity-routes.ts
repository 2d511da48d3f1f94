// Entra ID endpoints under /{tenant}/ (client credentials and authorization code flows) plus instance
// discovery, so MSAL never needs to reach Microsoft: /common/discovery/instance, OpenID configuration, JWKS,
// token, authorize, logout.
import { createHash, timingSafeEqual } from "node:crypto";
import type { RequestContext } from "../http/context";
import { readForm } from "../http/body";
import { sendHtml, sendJson, sendRedirect } from "../http/respond";
import { AadError, aad, sendAadError } from "./aad-error";
import { findResource, type AppRegistration, type DemoUser, type Directory } from "./directory";
import { GrantStore, type AuthorizeRequest } from "./grant-store";
import { publicJwk } from "./jwt";
import { renderFormPost, renderMessagePage, renderSignInPage } from "./sign-in-page";
import { TokenIssuer } from "./token-issuer";

const TENANT_ALIASES = new Set(["common", "organizations"]);

export class IdentityRoutes {
  private grants = new GrantStore();

  constructor(
    private readonly dir: Directory,
    private readonly issuer: TokenIssuer,
    private readonly authorityHost: string,
  ) {}

  /** Identity paths are `/{tenant}/oauth2/…`, `/{tenant}/v2.0/…`, `/{tenant}/discovery/…`. */
  static isIdentityPath(path: string): boolean {
    const seg = path.split("/")[2]?.toLowerCase();
    return seg === "oauth2" || seg === "v2.0" || seg === "discovery" || seg === ".well-known";
  }

  private knownTenant(t: string): boolean {
    const l = t.toLowerCase();
    return l === this.dir.tenantId || l === this.dir.domain || TENANT_ALIASES.has(l);
  }

  /** Returns a route template for stats, or null if the path is not an identity path. */
  routeTemplate(method: string, path: string): string | null {
    const rest = path.split("/").slice(2).join("/").toLowerCase();
    const known = [
      "discovery/instance",
      "v2.0/.well-known/openid-configuration",
      "discovery/v2.0/keys",
      "discovery/keys",
      "oauth2/v2.0/token",
      "oauth2/v2.0/authorize",
      "oauth2/v2.0/logout",
    ];
    return known.includes(rest) ? `${method} /{tenant}/${rest}` : null;
  }

  async handle(ctx: RequestContext): Promise<void> {
    const parts = ctx.path.split("/").filter(Boolean);
    const tenant = parts[0] ?? "";
    const rest = parts.slice(1).join("/").toLowerCase();
    try {
      if (rest === "discovery/instance") return await this.instanceDiscovery(ctx);
      if (!this.knownTenant(tenant)) {
        if (rest === "oauth2/v2.0/authorize") {
          return sendHtml(ctx, 400, renderMessagePage("Sign-in error", aad.unknownTenant(tenant).message));
        }
        throw aad.unknownTenant(tenant);
      }
      if (rest === "v2.0/.well-known/openid-configuration" && ctx.method === "GET")
        return await this.openIdConfiguration(ctx);
      if ((rest === "discovery/v2.0/keys" || rest === "discovery/keys") && ctx.method === "GET") {
        return await sendJson(
          ctx,
          200,
          { keys: [{ ...publicJwk(this.issuer.key), issuer: this.issuer.issuer }] },
          false,
        );
      }
      if (rest === "oauth2/v2.0/token" && ctx.method === "POST") return await this.token(ctx);
      if (rest === "oauth2/v2.0/authorize")
        return await (ctx.method === "POST" ? this.authorizePost(ctx) : this.authorizeGet(ctx));
      if (rest === "oauth2/v2.0/logout") return this.logout(ctx);
      throw new AadError(404, "invalid_request", 900561, "The endpoint only accepts the documented methods and paths.");
    } catch (err) {
      if (err instanceof AadError) return sendAadError(ctx, err);
      throw err;
    }
  }

  private async instanceDiscovery(ctx: RequestContext): Promise<void> {
    const host = new URL(this.authorityHost).host;
    const authEndpoint = ctx.query.get("authorization_endpoint");
    let tenant = this.dir.tenantId;
    if (authEndpoint) {
      const seg = new URL(authEndpoint, this.authorityHost).pathname.split("/")[1];
      if (seg) tenant = seg;
    }
    await sendJson(
      ctx,
      200,
      {
        tenant_discovery_endpoint: `${this.authorityHost}/${tenant}/v2.0/.well-known/openid-configuration`,
        "api-version": "1.1",
        metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
      },
      false,
    );
  }

  private async openIdConfiguration(ctx: RequestContext): Promise<void> {
    const base = `${this.authorityHost}/${this.dir.tenantId}`;
    const host = new URL(this.authorityHost).host;
    await sendJson(
      ctx,
      200,
      {
        token_endpoint: `${base}/oauth2/v2.0/token`,
        token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
        jwks_uri: `${base}/discovery/v2.0/keys`,
        response_modes_supported: ["query", "fragment", "form_post"],
        subject_types_supported: ["pairwise"],
        id_token_signing_alg_values_supported: ["RS256"],
        response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
        scopes_supported: ["openid", "profile", "email", "offline_access"],
        issuer: this.issuer.issuer,
        request_uri_parameter_supported: false,
        userinfo_endpoint: `${this.authorityHost}/oidc/userinfo`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        http_logout_supported: true,
        frontchannel_logout_supported: true,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        claims_supported: [
          "sub",
          "iss",
          "aud",
          "exp",
          "iat",
          "auth_time",
          "nonce",
          "preferred_username",
          "name",
          "tid",
          "ver",
          "oid",
          "roles",
          "email",
        ],
        code_challenge_methods_supported: ["plain", "S256"],
        tenant_region_scope: "EU",
        cloud_instance_name: host,
        cloud_graph_host_name: host,
        msgraph_host: host,
      },
      false,
    );
  }

  // ---------- token endpoint ----------

  private authenticateClient(ctx: RequestContext, form: URLSearchParams, secretRequired: boolean): AppRegistration {
    let clientId = form.get("client_id");
    let secret = form.get("client_secret");
    const auth = String(ctx.req.headers.authorization ?? "");
    if (auth.toLowerCase().startsWith("basic ")) {
      // RFC 6749 §2.3.1: both parts are form-urlencoded before base64.
      const decoded = Buffer.from(auth.slice(6).trim(), "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      if (colon > 0) {
        clientId ??= decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, " "));
        secret ??= decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, " "));
      }
    }
    if (!clientId) throw aad.missingParam("client_id");
    const app = this.dir.apps.find((a) => a.clientId.toLowerCase() === clientId!.toLowerCase());
    if (!app) throw aad.unknownClient(clientId, this.dir.tenantId);
    if (!secret) {
      if (secretRequired) throw aad.missingSecret();
      return app;
    }
    const a = Buffer.from(secret);
    const b = Buffer.from(app.clientSecret);
    if (a.length !== b.length || !timingSafeEqual(a, b)) throw aad.wrongSecret(app.clientId);
    return app;
  }

  private async token(ctx: RequestContext): Promise<void> {
    const form = await readForm(ctx.req);
    const grantType = form.get("grant_type");
    if (!grantType) throw aad.missingParam("grant_type");
    switch (grantType) {
      case "client_credentials":
        return this.clientCredentials(ctx, form);
      case "authorization_code":
        return this.authorizationCode(ctx, form);
      case "refresh_token":
        return this.refreshToken(ctx, form);
      default:
        throw aad.unsupportedGrant(grantType);
    }
  }

  /** Client credentials: exactly one resource, as `{resource}/.default` (v2-oauth2-client-creds-grant-flow). */
  private async clientCredentials(ctx: RequestContext, form: URLSearchParams): Promise<void> {
    const app = this.authenticateClient(ctx, form, true);
    const scope = (form.get("scope") ?? "").trim();
    if (!scope) throw aad.missingParam("scope");
    const scopes = scope.split(/\s+/);
    if (scopes.length !== 1 || !scopes[0]!.endsWith("/.default")) throw aad.badScope(scope);
    const resourceUri = scopes[0]!.slice(0, -"/.default".length);
    if (!findResource(resourceUri)) throw aad.unknownResource(resourceUri, this.dir.tenantId);
    await sendJson(
      ctx,
      200,
      {
        token_type: "Bearer",
        expires_in: this.issuer.lifetimeSec,
        ext_expires_in: 0,
        access_token: this.issuer.appToken(app, resourceUri),
      },
      false,
    );
  }

  private async authorizationCode(ctx: RequestContext, form: URLSearchParams): Promise<void> {
    const app = this.authenticateClient(ctx, form, true);
    const code = form.get("code");
    if (!code) throw aad.missingParam("code");
    const redirectUri = form.get("redirect_uri");
    if (!redirectUri) throw aad.missingParam("redirect_uri");
    const issued = this.grants.redeemCode(code);
    if (!issued) throw aad.badCode();
    if (issued.clientId !== app.clientId) throw aad.codeClientMismatch();
    if (issued.redirectUri !== redirectUri) throw aad.redirectMismatch();
    if (issued.codeChallenge) {
      const verifier = form.get("code_verifier");
      if (!verifier) throw aad.missingParam("code_verifier");
      const computed =
        issued.codeChallengeMethod === "plain" ? verifier : createHash("sha256").update(verifier).digest("base64url");
      if (computed !== issued.codeChallenge) throw aad.badVerifier();
    }
    const user = this.dir.users.find((u) => u.oid === issued.userOid)!;
    const requested = (form.get("scope") ?? "").split(/\s+/).filter(Boolean);
    await this.sendUserTokens(ctx, app, user, requested.length ? requested : issued.scopes, issued.nonce);
  }

  private async refreshToken(ctx: RequestContext, form: URLSearchParams): Promise<void> {
    const app = this.authenticateClient(ctx, form, true);
    const token = form.get("refresh_token");
    if (!token) throw aad.missingParam("refresh_token");
    const grant = this.grants.redeemRefresh(token);
    if (!grant || grant.clientId !== app.clientId) throw aad.badCode();
    const user = this.dir.users.find((u) => u.oid === grant.userOid)!;
    const requested = (form.get("scope") ?? "").split(/\s+/).filter(Boolean);
    await this.sendUserTokens(ctx, app, user, requested.length ? requested : grant.scopes, null);
  }

  private async sendUserTokens(
    ctx: RequestContext,
    app: AppRegistration,
    user: DemoUser,
    scopes: string[],
    nonce: string | null,
  ): Promise<void> {
    const access = this.issuer.userAccessToken(app, user, scopes);
    const body: Record<string, unknown> = {
      token_type: "Bearer",
      scope: scopes.includes("offline_access") ? `${access.scope} offline_access` : access.scope,
      expires_in: this.issuer.lifetimeSec,
      ext_expires_in: this.issuer.lifetimeSec,
      access_token: access.token,
    };
    if (scopes.includes("offline_access")) {
      body.refresh_token = this.grants.issueRefresh({ clientId: app.clientId, userOid: user.oid, scopes });
    }
    if (scopes.includes("openid")) body.id_token = this.issuer.idToken(app, user, nonce);
    body.client_info = this.issuer.clientInfo(user);
    await sendJson(ctx, 200, body, false);
  }

  // ---------- authorize / sign-in page ----------

  private redirectAllowed(app: AppRegistration, uri: string): boolean {
    if (app.redirectUris) return app.redirectUris.includes(uri);
    try {
      const u = new URL(uri);
      const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(u.hostname);
      return u.protocol === "https:" || (u.protocol === "http:" && loopback);
    } catch {
      return false;
    }
  }

  private async authorizeGet(ctx: RequestContext): Promise<void> {
    const q = ctx.query;
    const clientId = q.get("client_id");
    const app = clientId ? this.dir.apps.find((a) => a.clientId.toLowerCase() === clientId.toLowerCase()) : undefined;
    if (!clientId) return sendHtml(ctx, 400, renderMessagePage("Sign-in error", aad.missingParam("client_id").message));
    if (!app)
      return sendHtml(
        ctx,
        400,
        renderMessagePage("Sign-in error", aad.unknownClient(clientId, this.dir.tenantId).message),
      );
    const redirectUri = q.get("redirect_uri");
    if (!redirectUri || !this.redirectAllowed(app, redirectUri)) {
      return sendHtml(
        ctx,
        400,
        renderMessagePage(
          "Sign-in error",
          `AADSTS50011: The redirect URI '${redirectUri ?? ""}' specified in the request does not match the redirect URIs configured for the application '${app.clientId}'.`,
        ),
      );
    }
    const responseMode = (q.get("response_mode") ?? "query") as AuthorizeRequest["responseMode"];
    const base: AuthorizeRequest = {
      clientId: app.clientId,
      redirectUri,
      scopes: (q.get("scope") ?? "openid").split(/\s+/).filter(Boolean),
      state: q.get("state"),
      nonce: q.get("nonce"),
      codeChallenge: q.get("code_challenge"),
      codeChallengeMethod: null,
      responseMode: ["query", "fragment", "form_post"].includes(responseMode) ? responseMode : "query",
      loginHint: q.get("login_hint"),
    };
    const responseType = q.get("response_type") ?? "";
    if (!responseType.split(/\s+/).includes("code")) {
      return this.redirectResult(ctx, base, {
        error: "unsupported_response_type",
        error_description: "AADSTS700054: response_type 'code' is required by the emulator.",
      });
    }
    if (base.codeChallenge) {
      const method = q.get("code_challenge_method") ?? "plain";
      if (method !== "S256" && method !== "plain") {
        return this.redirectResult(ctx, base, {
          error: "invalid_request",
          error_description: "AADSTS501491: Invalid code_challenge_method.",
        });
      }
      base.codeChallengeMethod = method;
    }
    if (q.get("prompt") === "none") {
      // The emulator keeps no browser session, so silent sign-in always needs interaction.
      return this.redirectResult(ctx, base, {
        error: "login_required",
        error_description: "AADSTS50058: A silent sign-in request was sent but no user is signed in.",
      });
    }
    const requestId = this.grants.addPending(base);
    sendHtml(
      ctx,
      200,
      renderSignInPage({
        action: ctx.url.pathname,
        requestId,
        users: this.dir.users,
        appName: app.displayName,
        loginHint: base.loginHint,
        error: null,
      }),
    );
  }

  private async authorizePost(ctx: RequestContext): Promise<void> {
    const form = await readForm(ctx.req);
    const requestId = form.get("request_id") ?? "";
    const request = this.grants.peekPending(requestId);
    if (!request)
      return sendHtml(
        ctx,
        400,
        renderMessagePage("Sign-in error", "This sign-in request has expired. Start again from the application."),
      );
    if (form.get("cancel")) {
      this.grants.takePending(requestId);
      return this.redirectResult(ctx, request, {
        error: "access_denied",
        error_description: "AADSTS65004: User declined to consent to access the app.",
      });
    }
    const username = (form.get("username") ?? "").trim().toLowerCase();
    const user = this.dir.users.find((u) => u.username === username);
    const quick = form.get("quick") === "1";
    if (!user || (!quick && form.get("password") !== user.password)) {
      const app = this.dir.apps.find((a) => a.clientId === request.clientId)!;
      return sendHtml(
        ctx,
        200,
        renderSignInPage({
          action: ctx.url.pathname,
          requestId,
          users: this.dir.users,
          appName: app.displayName,
          loginHint: username,
          error: "AADSTS50126: Error validating credentials due to invalid username or password.",
        }),
      );
    }
    this.grants.takePending(requestId);
    const code = this.grants.issueCode(request, user.oid);
    this.redirectResult(ctx, request, { code, session_state: user.oid });
  }

  private redirectResult(ctx: RequestContext, request: AuthorizeRequest, fields: Record<string, string>): void {
    const all = { ...fields, ...(request.state !== null ? { state: request.state } : {}) };
    if (request.responseMode === "form_post") return sendHtml(ctx, 200, renderFormPost(request.redirectUri, all), true);
    const params = new URLSearchParams(all).toString();
    if (request.responseMode === "fragment") return sendRedirect(ctx, `${request.redirectUri}#${params}`);
    const sep = request.redirectUri.includes("?") ? "&" : "?";
    sendRedirect(ctx, `${request.redirectUri}${sep}${params}`);
  }

  private logout(ctx: RequestContext): void {
    const target = ctx.query.get("post_logout_redirect_uri");
    if (target) {
      const state = ctx.query.get("state");
      const sep = target.includes("?") ? "&" : "?";
      return sendRedirect(ctx, state ? `${target}${sep}state=${encodeURIComponent(state)}` : target);
    }
    sendHtml(
      ctx,
      200,
      renderMessagePage("Signed out", "You have signed out of the emulated tenant. You can close this window."),
    );
  }
}
