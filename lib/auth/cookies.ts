import { getConfig } from "../config/env";

export const SESSION_COOKIE = "soc_session";
export const SIGN_IN_COOKIE = "soc_sign_in";

export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

/** Secure cookies whenever the console is reached over https (directly or behind a TLS-terminating proxy). */
export function isHttps(req: Request): boolean {
  const configured = getConfig().CONSOLE_URL;
  if (configured) return configured.startsWith("https:");
  return new URL(req.url).protocol === "https:" || req.headers.get("x-forwarded-proto") === "https";
}

export function serializeCookie(
  name: string,
  value: string,
  opts: { maxAgeSeconds: number; secure: boolean; path?: string },
): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${opts.path ?? "/"}`, "HttpOnly", "SameSite=Lax", `Max-Age=${Math.max(0, Math.floor(opts.maxAgeSeconds))}`];
  if (opts.secure) parts.push("Secure");
  return parts.join("; ");
}

export function clearCookie(name: string, secure: boolean, path = "/"): string {
  return serializeCookie(name, "", { maxAgeSeconds: 0, secure, path });
}

/**
 * The console's own origin: configured (CONSOLE_URL), or the one the browser used — its Host header, since a
 * server bound to 0.0.0.0 sees that address in the request URL. Entra only redirects to registered URIs, so a
 * forged Host cannot send a sign-in elsewhere.
 */
export function consoleOrigin(req: Request): string {
  const configured = getConfig().CONSOLE_URL;
  if (configured) return new URL(configured).origin;
  const url = new URL(req.url);
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host") ?? url.host;
  const proto = req.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "");
  return `${proto}://${host}`;
}
