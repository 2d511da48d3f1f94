import { PendingSignIn, beginSignIn, completeSignIn, safeReturnTo } from "./oidc";
import {
  clearCookie,
  consoleOrigin,
  isHttps,
  readCookie,
  serializeCookie,
  sessionCookieName,
  signInCookieName,
  signInCookiePath,
  signValue,
  verifySignedValue,
} from "./cookies";
import { createSession, recordNoRole } from "./sessions";
import { recordAuditFailure } from "../audit";
import { securityEvents } from "../audit/security-events";
import { permissionsOf } from "./permissions";
import { logger } from "../log";

// The browser-facing legs of sign-in. Route handlers in app/auth only call these.

const SIGN_IN_TTL_SECONDS = 600;

function redirect(location: string, cookies: string[] = []): Response {
  const headers = new Headers({ Location: location, "Cache-Control": "no-store" });
  for (const c of cookies) headers.append("Set-Cookie", c);
  return new Response(null, { status: 302, headers });
}

function callbackUrl(req: Request): string {
  return `${consoleOrigin(req)}/auth/callback`;
}

export async function startSignIn(req: Request, returnTo: string | undefined): Promise<Response> {
  const { url, pending } = await beginSignIn(callbackUrl(req), safeReturnTo(returnTo));
  const secure = isHttps(req);
  // Signed: a cookie planted by someone else (another subdomain, a plain-http man in the middle) is refused at the
  // callback instead of steering returnTo or binding the victim to the planter's sign-in.
  const cookie = serializeCookie(signInCookieName(secure), signValue(pending), {
    maxAgeSeconds: SIGN_IN_TTL_SECONDS,
    secure,
    path: signInCookiePath(secure),
  });
  return redirect(url, [cookie]);
}

function readPending(req: Request): PendingSignIn | null {
  const raw = readCookie(req.headers.get("cookie"), signInCookieName(isHttps(req)));
  if (!raw) return null;
  const parsed = PendingSignIn.safeParse(verifySignedValue(raw));
  return parsed.success ? parsed.data : null;
}

function clearSignIn(req: Request): string {
  const secure = isHttps(req);
  return clearCookie(signInCookieName(secure), secure, signInCookiePath(secure));
}

function failed(req: Request, reason: string): Response {
  return redirect(`${consoleOrigin(req)}/sign-in/error?reason=${encodeURIComponent(reason)}`, [clearSignIn(req)]);
}

export async function finishSignIn(
  req: Request,
  query: { code?: string; state?: string; error?: string; error_description?: string },
  meta: { requestId: string; ip: string | null },
): Promise<Response> {
  const refused = async (reason: "sign_in_state" | "sign_in_entra_error", message: string) =>
    securityEvents().record({
      reason,
      status: 302,
      method: "GET",
      path: "/auth/callback",
      actor: null,
      ip: meta.ip,
      requestId: meta.requestId,
      message,
    });
  if (query.error) {
    await refused(
      "sign_in_entra_error",
      `Entra ID answered ${query.error.slice(0, 100)}${query.error_description ? `: ${query.error_description.slice(0, 300)}` : ""}`,
    );
    return failed(req, query.error === "access_denied" ? "cancelled" : "entra_error");
  }
  const pending = readPending(req);
  if (!pending || !query.code || !query.state || query.state !== pending.state) {
    await refused(
      "sign_in_state",
      !pending
        ? "No valid sign-in cookie at the callback."
        : "The callback's state does not match this browser's sign-in.",
    );
    return failed(req, "state");
  }
  let identity;
  try {
    identity = await completeSignIn(query.code, callbackUrl(req), pending);
  } catch (error) {
    logger.warn("sign-in failed", { requestId: meta.requestId, error });
    return failed(req, "token");
  }
  if (identity.roles.length === 0) {
    const actor = {
      type: "user" as const,
      id: identity.oid,
      name: identity.upn,
      roles: [],
      permissions: permissionsOf([]),
    };
    await recordNoRole(identity.oid);
    await recordAuditFailure(
      { actor, requestId: meta.requestId, ip: meta.ip },
      { action: "auth.sign_in", targetType: "user", targetId: identity.oid },
      "no console role assigned",
    );
    return failed(req, "no_role");
  }
  const session = await createSession(
    { oid: identity.oid, upn: identity.upn, name: identity.name, roles: identity.roles },
    { ip: meta.ip, userAgent: req.headers.get("user-agent"), requestId: meta.requestId },
  );
  const secure = isHttps(req);
  return redirect(`${consoleOrigin(req)}${safeReturnTo(pending.returnTo)}`, [
    serializeCookie(sessionCookieName(secure), session.cookieValue, {
      maxAgeSeconds: (session.expiresAt.getTime() - Date.now()) / 1000,
      secure,
    }),
    clearSignIn(req),
  ]);
}

export function signedOutResponse(req: Request): Response {
  return new Response(null, {
    status: 303,
    headers: {
      Location: `${consoleOrigin(req)}/sign-in?signedOut=1`,
      "Set-Cookie": clearCookie(sessionCookieName(isHttps(req)), isHttps(req)),
      "Cache-Control": "no-store",
    },
  });
}
