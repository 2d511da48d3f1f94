import { randomUUID } from "node:crypto";
import type { RouteHandler } from "./route";
import { createSession } from "./sessions";
import { normaliseRoles } from "./permissions";

// Helpers for integration tests that call route handlers directly with real Request objects.

export const TEST_ORIGIN = "http://console.test";

export async function sessionCookieFor(
  role: string,
  name = `${role.toLowerCase()}-${randomUUID().slice(0, 6)}`,
): Promise<string> {
  const { cookieValue } = await createSession(
    { oid: randomUUID(), upn: `${name}@contoso.example`, name, roles: normaliseRoles([role]) },
    { ip: "127.0.0.1", userAgent: "vitest", requestId: randomUUID() },
  );
  return `soc_session=${cookieValue}`;
}

export interface CallOptions {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: unknown;
  params?: Record<string, string>;
}

export async function callRoute(handler: RouteHandler, opts: CallOptions = {}): Promise<Response> {
  const method = opts.method ?? "GET";
  const headers = new Headers(opts.headers);
  if (opts.body !== undefined) headers.set("content-type", "application/json");
  const req = new Request(`${TEST_ORIGIN}${opts.path ?? "/"}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body),
  });
  return handler(req, { params: Promise.resolve(opts.params ?? {}) });
}
