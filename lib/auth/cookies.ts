import { createHmac, randomBytes } from "node:crypto";
import { getConfig } from "../config/env";
import { safeEqual } from "./secrets";

export { SESSION_COOKIE, SIGN_IN_COOKIE, sessionCookieName, signInCookieName, signInCookiePath } from "./cookie-names";

let processKey: Buffer | undefined;

/**
 * The key that signs the pending sign-in cookie. Derived from the client secret, so every console instance behind a
 * load balancer shares it (the callback may land on another instance than the redirect) and it changes when the
 * secret is rotated; without a secret (no tenant configured, so no sign-in either) a random per-process key.
 */
function signingKey(): Buffer {
  const secret = getConfig().ENTRA_CLIENT_SECRET;
  if (secret) return createHmac("sha256", secret).update("soc-console sign-in cookie v1").digest();
  processKey ??= randomBytes(32);
  return processKey;
}

function mac(payload: string): string {
  return createHmac("sha256", signingKey()).update(payload).digest("base64url");
}

/** payload.mac (both base64url): tamper-evident, not secret (the cookie is httpOnly and short-lived). */
export function signValue(value: unknown): string {
  const payload = Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${payload}.${mac(payload)}`;
}

/** The signed value, or null when it is malformed or its signature does not match. */
export function verifySignedValue(signed: string): unknown {
  const dot = signed.lastIndexOf(".");
  if (dot <= 0) return null;
  const payload = signed.slice(0, dot);
  if (!safeEqual(signed.slice(dot + 1), mac(payload))) return null;
  try {
    return JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return null;
  }
}

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
  const parts = [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${opts.path ?? "/"}`,
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${Math.max(0, Math.floor(opts.maxAgeSeconds))}`,
  ];
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
