// In-memory authorization state: pending sign-in requests, single-use codes (10-minute lifetime,
// entra/identity-platform/v2-oauth2-auth-code-flow) and refresh tokens.
import { randomBytes } from "node:crypto";
import { randomCode } from "./token-issuer";

export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state: string | null;
  nonce: string | null;
  codeChallenge: string | null;
  codeChallengeMethod: "S256" | "plain" | null;
  responseMode: "query" | "fragment" | "form_post";
  loginHint: string | null;
}

export interface IssuedCode extends AuthorizeRequest {
  userOid: string;
  expiresAt: number;
}

export interface RefreshGrant {
  clientId: string;
  userOid: string;
  scopes: string[];
  expiresAt: number;
}

const CODE_LIFETIME_MS = 10 * 60_000;
const PENDING_LIFETIME_MS = 30 * 60_000;
const REFRESH_LIFETIME_MS = 24 * 3_600_000;

export class GrantStore {
  private pending = new Map<string, { request: AuthorizeRequest; expiresAt: number }>();
  private codes = new Map<string, IssuedCode>();
  private refresh = new Map<string, RefreshGrant>();

  addPending(request: AuthorizeRequest): string {
    this.sweep();
    const id = randomBytes(18).toString("base64url");
    this.pending.set(id, { request, expiresAt: Date.now() + PENDING_LIFETIME_MS });
    return id;
  }

  takePending(id: string): AuthorizeRequest | null {
    const entry = this.pending.get(id);
    if (!entry || entry.expiresAt < Date.now()) return null;
    this.pending.delete(id);
    return entry.request;
  }

  peekPending(id: string): AuthorizeRequest | null {
    const entry = this.pending.get(id);
    return entry && entry.expiresAt >= Date.now() ? entry.request : null;
  }

  issueCode(request: AuthorizeRequest, userOid: string): string {
    const code = randomCode();
    this.codes.set(code, { ...request, userOid, expiresAt: Date.now() + CODE_LIFETIME_MS });
    return code;
  }

  /** Codes are single-use: redeeming removes them whatever the outcome. */
  redeemCode(code: string): IssuedCode | null {
    const issued = this.codes.get(code);
    this.codes.delete(code);
    if (!issued || issued.expiresAt < Date.now()) return null;
    return issued;
  }

  issueRefresh(grant: Omit<RefreshGrant, "expiresAt">): string {
    const token = `1.${randomBytes(48).toString("base64url")}`;
    this.refresh.set(token, { ...grant, expiresAt: Date.now() + REFRESH_LIFETIME_MS });
    return token;
  }

  redeemRefresh(token: string): RefreshGrant | null {
    const grant = this.refresh.get(token);
    this.refresh.delete(token);
    if (!grant || grant.expiresAt < Date.now()) return null;
    return grant;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [k, v] of this.pending) if (v.expiresAt < now) this.pending.delete(k);
    for (const [k, v] of this.codes) if (v.expiresAt < now) this.codes.delete(k);
  }
}
