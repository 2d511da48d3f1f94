import { ConfidentialClientApplication, CryptoProvider } from "@azure/msal-node";
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";
import { z } from "zod";
import { getConfig, hasTenant } from "../config/env";
import { msalConfiguration, tenantSettings } from "../entra/msal-config";
import { normaliseRoles, type Role } from "./permissions";

// Sign-in with Entra ID: authorization-code flow with PKCE through @azure/msal-node. Microsoft's tokens never
// leave the server and are not kept: the console uses them once to learn who signed in, then issues its own
// session. The ID token's signature, issuer, audience, expiry and nonce are checked with the tenant's JWKS.

const SIGN_IN_SCOPES = ["openid", "profile", "email"];

function msalClient(): ConfidentialClientApplication {
  return new ConfidentialClientApplication(msalConfiguration());
}

let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;
function tenantKeys() {
  jwks ??= createRemoteJWKSet(new URL(tenantSettings().jwksUri));
  return jwks;
}

/** What travels in the short-lived, httpOnly sign-in cookie between the redirect and the callback. */
export const PendingSignIn = z.object({
  state: z.string().min(16),
  nonce: z.string().min(16),
  verifier: z.string().min(43),
  // Checked again when read: the cookie comes back from the browser (style guide: never trust it twice).
  returnTo: z.string().transform((v) => safeReturnTo(v)),
});
export type PendingSignIn = z.infer<typeof PendingSignIn>;

/** Only same-site paths: never an absolute URL, never protocol-relative (open-redirect guard). */
export function safeReturnTo(value: string | null | undefined): string {
  if (
    !value ||
    !value.startsWith("/") ||
    value.startsWith("//") ||
    value.startsWith("/\\") ||
    value.startsWith("/auth/")
  )
    return "/";
  return value.slice(0, 500);
}

export async function beginSignIn(
  redirectUri: string,
  returnTo: string,
): Promise<{ url: string; pending: PendingSignIn }> {
  const crypto = new CryptoProvider();
  const { verifier, challenge } = await crypto.generatePkceCodes();
  const pending: PendingSignIn = {
    state: crypto.createNewGuid() + crypto.createNewGuid(),
    nonce: crypto.createNewGuid(),
    verifier,
    returnTo: safeReturnTo(returnTo),
  };
  const url = await msalClient().getAuthCodeUrl({
    scopes: SIGN_IN_SCOPES,
    redirectUri,
    codeChallenge: challenge,
    codeChallengeMethod: "S256",
    state: pending.state,
    nonce: pending.nonce,
    responseMode: "query",
    prompt: "select_account",
  });
  return { url, pending };
}

export interface VerifiedIdentity {
  oid: string;
  upn: string;
  name: string;
  roles: Role[];
  /** App roles / groups present in the token that the console does not know (shown on the no-role page). */
  unmappedRoles: string[];
}

const IdClaims = z.object({
  oid: z.string().min(1),
  tid: z.string().min(1),
  name: z.string().optional(),
  preferred_username: z.string().optional(),
  roles: z.array(z.string()).optional(),
  groups: z.array(z.string()).optional(),
  nonce: z.string().optional(),
});

export function rolesFromClaims(
  claims: { roles?: string[]; groups?: string[] },
  groupRoles: Record<string, string>,
): { roles: Role[]; unmapped: string[] } {
  const fromGroups = (claims.groups ?? []).map((g) => groupRoles[g]).filter((r): r is string => Boolean(r));
  const values = [...(claims.roles ?? []), ...fromGroups];
  const roles = normaliseRoles(values);
  const unmapped = (claims.roles ?? []).filter((r) => !normaliseRoles([r]).length);
  return { roles, unmapped };
}

export async function completeSignIn(
  code: string,
  redirectUri: string,
  pending: PendingSignIn,
): Promise<VerifiedIdentity> {
  const t = tenantSettings();
  const result = await msalClient().acquireTokenByCode({
    code,
    scopes: SIGN_IN_SCOPES,
    redirectUri,
    codeVerifier: pending.verifier,
    nonce: pending.nonce,
  });
  if (!result?.idToken) throw new Error("Entra ID returned no ID token.");
  const { payload } = await jwtVerify(result.idToken, tenantKeys(), {
    issuer: t.issuer,
    audience: t.clientId,
    algorithms: ["RS256"],
  });
  const claims = IdClaims.parse(payload satisfies JWTPayload);
  if (claims.nonce !== pending.nonce) throw new Error("ID token nonce does not match this sign-in.");
  if (claims.tid !== t.tenantId) throw new Error("ID token was issued for another tenant.");
  const { roles, unmapped } = rolesFromClaims(claims, getConfig().ENTRA_GROUP_ROLES);
  const upn = claims.preferred_username ?? claims.oid;
  return { oid: claims.oid, upn, name: claims.name ?? upn, roles, unmappedRoles: unmapped };
}

/** Where Entra should send the browser after signing out of the console, when the authority supports it. */
export function entraSignOutUrl(postLogoutRedirectUri: string): string | null {
  if (!hasTenant()) return null;
  const t = tenantSettings();
  return `${t.authority}/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent(postLogoutRedirectUri)}`;
}
