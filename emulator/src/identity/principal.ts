/** Who is calling a resource API, taken from a verified access token. */
export interface Principal {
  kind: "app" | "user";
  clientId: string;
  tenantId: string;
  audience: string;
  /** Application permissions (`roles` claim, "Microsoft identity platform access tokens"). */
  roles: string[];
  /** Delegated permissions (`scp` claim). */
  scopes: string[];
  upn: string | null;
  oid: string;
}

/**
 * Delegated counterpart of an application permission (the MDE pages' Permissions tables):
 * `Alert.Read.All` → `Alert.Read`; the action permissions (`Machine.Isolate` …) and `User.Read.All` keep their names.
 */
export function delegatedName(permission: string): string {
  if (permission === "User.Read.All") return permission;
  return permission.endsWith(".All") ? permission.slice(0, -4) : permission;
}

export function hasAnyPermission(p: Principal, permissions: readonly string[]): boolean {
  return permissions.some(
    (perm) => p.roles.includes(perm) || p.scopes.includes(delegatedName(perm)) || p.scopes.includes(perm),
  );
}

/** What the emulator records as the actor (machine action `requestor`, comment `createdBy`). */
export function actorName(p: Principal): string {
  return p.upn ?? p.clientId;
}
