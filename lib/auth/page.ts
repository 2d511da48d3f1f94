import { cache } from "react";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import type { Actor } from "./actor";
import { SESSION_COOKIE } from "./cookies";
import type { Permission } from "./permissions";
import { actorFromSession } from "./sessions";

// Guards for server components. Layouts and pages call these; a missing session sends the browser to sign-in
// (returning to the same address afterwards), a missing permission renders the 403 page.

export const currentActor = cache(async (): Promise<Actor | null> => {
  const jar = await cookies();
  return actorFromSession(jar.get(SESSION_COOKIE)?.value);
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
