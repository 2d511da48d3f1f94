import { cache } from "react";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import type { Actor } from "./actor";
import { getConfig } from "../config/env";
import { sessionCookieName } from "./cookies";
import type { Permission } from "./permissions";
import { actorFromSession } from "./sessions";

// Guards for server components. Layouts and pages call these; a missing session sends the browser to sign-in
// (returning to the same address afterwards), a missing permission renders the 403 page.

export const currentActor = cache(async (): Promise<Actor | null> => {
  const jar = await cookies();
  // As isHttps(req) decides for route handlers: the configured URL, else the protocol the server saw.
  const configured = getConfig().CONSOLE_URL;
  const secure = configured ? configured.startsWith("https:") : (await headers()).get("x-forwarded-proto") === "https";
  return actorFromSession(jar.get(sessionCookieName(secure))?.value);
});

export async function requireUser(permission?: Permission): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) {
    const path = (await headers()).get("x-pathname") ?? "/";
    redirect(`/sign-in?returnTo=${encodeURIComponent(path)}`);
  }
  if (permission && !actor.permissions.has(permission)) forbidden();
  return actor;
}

export async function cspNonce(): Promise<string | undefined> {
  return (await headers()).get("x-nonce") ?? undefined;
}
