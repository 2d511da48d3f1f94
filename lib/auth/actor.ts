import type { Permission, Role } from "./permissions";

/**
 * Who is calling: a signed-in person (session cookie), an automation token (Authorization: Bearer), or the
 * console itself (CLI, scheduler).
 */
export interface Actor {
  type: "user" | "token" | "system";
  /** User object id (oid) or token id. */
  id: string;
  name: string;
  roles: Role[];
  permissions: ReadonlySet<Permission>;
  sessionId?: string;
}

/** What the audit log records about the act in progress; built by the route wrapper. */
export interface AuditContext {
  actor: Actor;
  requestId: string;
  ip: string | null;
}
