// Cookie names only (no Node.js imports), so the proxy can check for a session cookie cheaply.

/** Cookie names over plain http (localhost demo and tests). */
export const SESSION_COOKIE = "soc_session";
export const SIGN_IN_COOKIE = "soc_sign_in";

// Over https the cookies carry the __Host- prefix: browsers accept such a cookie only with Secure, Path=/ and no
// Domain, so a sibling subdomain or a plain-http man in the middle cannot plant one for the console. The prefix needs
// Secure, which http://localhost cannot carry, hence plain names there; a console on https never reads those.
export function sessionCookieName(secure: boolean): string {
  return secure ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
}
export function signInCookieName(secure: boolean): string {
  return secure ? `__Host-${SIGN_IN_COOKIE}` : SIGN_IN_COOKIE;
}
/** __Host- cookies must have Path=/; over http the sign-in cookie stays scoped to /auth. */
export function signInCookiePath(secure: boolean): string {
  return secure ? "/" : "/auth";
}
