// Issues and verifies the emulator's tokens. Token times use real time (not the emulated clock):
// the console validates ID-token lifetimes against its own clock.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { signJwt, verifyJwt, type SigningKey } from "./jwt";
import { findResource, RESOURCES, type AppRegistration, type DemoUser, type Directory } from "./directory";
import { delegatedName, type Principal } from "./principal";

export const OIDC_SCOPES = new Set(["openid", "profile", "email", "offline_access"]);

export interface IssuerOptions {
  authorityHost: string;
  tokenLifetimeSec: number;
}

export class TokenIssuer {
  constructor(
    private readonly dir: Directory,
    readonly key: SigningKey,
    private readonly opts: IssuerOptions,
  ) {}

  get issuer(): string {
    return `${this.opts.authorityHost}/${this.dir.tenantId}/v2.0`;
  }

  get lifetimeSec(): number {
    return this.opts.tokenLifetimeSec;
  }

  private times(): { iat: number; nbf: number; exp: number } {
    const iat = Math.floor(Date.now() / 1000);
    return { iat, nbf: iat, exp: iat + this.opts.tokenLifetimeSec };
  }

  /** App-only token (client credentials): `roles` = the app's permissions on that resource; no roles claim if none. */
  appToken(app: AppRegistration, resourceUri: string): string {
    const resource = findResource(resourceUri)!;
    const roles = app.permissions.filter((p) => resource.permissions.includes(p));
    const claims: Record<string, unknown> = {
      aud: resource.uri,
      iss: this.issuer,
      ...this.times(),
      azp: app.clientId,
      azpacr: "1",
      appid: app.clientId,
      appidacr: "1",
      idtyp: "app",
      oid: app.objectId,
      sub: app.objectId,
      tid: this.dir.tenantId,
      uti: randomBytes(16).toString("base64url"),
      ver: "2.0",
    };
    if (roles.length > 0) claims.roles = roles;
    return signJwt(this.key, claims);
  }

  /**
   * Delegated access token for the auth-code flow. Resource scopes pick the audience
   * (`https://api.securitycenter.microsoft.com/Alert.Read` → MDE); only OIDC scopes → a Graph
   * token with `User.Read`, like Entra ID. `api://{clientId}/…` carries the user's app roles.
   */
  userAccessToken(app: AppRegistration, user: DemoUser, scopes: string[]): { token: string; scope: string } {
    const resourceScopes = scopes.filter((s) => !OIDC_SCOPES.has(s));
    let aud = "https://graph.microsoft.com";
    let scp: string[] = ["User.Read"];
    let roles: string[] = [];
    if (resourceScopes.length > 0) {
      const first = resourceScopes[0]!;
      const slash = first.lastIndexOf("/");
      if (slash > 0 && first.includes(":")) {
        aud = first.slice(0, slash);
        scp = resourceScopes.map((s) => s.slice(s.lastIndexOf("/") + 1));
      } else {
        scp = resourceScopes;
      }
      const resource = findResource(aud);
      if (scp.includes(".default")) {
        scp = resource ? resource.permissions.filter((p) => app.permissions.includes(p)).map(delegatedName) : [];
      }
      if (aud === `api://${app.clientId}` || aud === app.clientId) roles = user.roles;
    }
    const claims: Record<string, unknown> = {
      aud,
      iss: this.issuer,
      ...this.times(),
      azp: app.clientId,
      azpacr: "1",
      name: user.displayName,
      oid: user.oid,
      preferred_username: user.username,
      upn: user.username,
      scp: scp.join(" "),
      sub: this.pairwiseSub(user, app),
      tid: this.dir.tenantId,
      uti: randomBytes(16).toString("base64url"),
      ver: "2.0",
    };
    if (roles.length > 0) claims.roles = roles;
    const grantedScopes = [...scopes.filter((s) => OIDC_SCOPES.has(s) && s !== "offline_access")];
    const resourcePart =
      aud === "https://graph.microsoft.com" && resourceScopes.length === 0
        ? ["https://graph.microsoft.com/User.Read"]
        : scp.map((s) => `${aud}/${s}`);
    return { token: signJwt(this.key, claims), scope: [...resourcePart, ...grantedScopes].join(" ") };
  }

  /** ID token claims as in Entra ID v2.0 (aud = client id, iss = {authorityHost}/{tenant}/v2.0, roles, nonce…). */
  idToken(app: AppRegistration, user: DemoUser, nonce: string | null): string {
    const claims: Record<string, unknown> = {
      aud: app.clientId,
      iss: this.issuer,
      ...this.times(),
      name: user.displayName,
      oid: user.oid,
      preferred_username: user.username,
      email: user.username,
      sub: this.pairwiseSub(user, app),
      tid: this.dir.tenantId,
      uti: randomBytes(16).toString("base64url"),
      ver: "2.0",
    };
    if (user.roles.length > 0) claims.roles = user.roles;
    if (nonce) claims.nonce = nonce;
    return signJwt(this.key, claims);
  }

  /** MSAL asks for client_info=1: base64url of {"uid":oid,"utid":tid}. */
  clientInfo(user: DemoUser): string {
    return Buffer.from(JSON.stringify({ uid: user.oid, utid: this.dir.tenantId })).toString("base64url");
  }

  private pairwiseSub(user: DemoUser, app: AppRegistration): string {
    return createHash("sha256").update(`${user.oid}:${app.clientId}`).digest("base64url").slice(0, 43);
  }

  /** Resource-side validation: signature, lifetime, audience, tenant. */
  verifyAccessToken(
    token: string,
    audiences: readonly string[],
  ): { ok: true; principal: Principal } | { ok: false; message: string } {
    const check = verifyJwt(this.key, token);
    if (!check.ok) return { ok: false, message: check.reason };
    const c = check.claims;
    const now = Date.now() / 1000;
    if (typeof c.exp !== "number" || c.exp <= now)
      return { ok: false, message: "Lifetime validation failed, the token is expired." };
    if (typeof c.nbf === "number" && c.nbf > now + 5)
      return { ok: false, message: "Lifetime validation failed, the token is not yet valid." };
    if (typeof c.aud !== "string" || !audiences.includes(c.aud)) {
      return { ok: false, message: `Invalid audience '${String(c.aud)}'. The token was not issued for this resource.` };
    }
    if (c.tid !== this.dir.tenantId || c.iss !== this.issuer)
      return { ok: false, message: "The token was issued by an unknown tenant or issuer." };
    const roles = Array.isArray(c.roles)
      ? (c.roles as unknown[]).filter((r): r is string => typeof r === "string")
      : [];
    const scopes = typeof c.scp === "string" ? c.scp.split(" ").filter(Boolean) : [];
    return {
      ok: true,
      principal: {
        kind: c.idtyp === "app" ? "app" : "user",
        clientId: String(c.azp ?? c.appid ?? ""),
        tenantId: String(c.tid),
        audience: c.aud,
        roles,
        scopes,
        upn: typeof c.upn === "string" ? c.upn : typeof c.preferred_username === "string" ? c.preferred_username : null,
        oid: String(c.oid ?? ""),
      },
    };
  }
}

export function randomCode(): string {
  return `${randomUUID()}.${randomBytes(24).toString("base64url")}`;
}

export { RESOURCES };
