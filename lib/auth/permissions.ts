// The one table that says who may do what. Every route handler and server action names a permission from here
// through the route() wrapper; nothing checks roles by hand.

export const ROLES = ["Viewer", "Analyst", "Responder", "Manager", "Admin"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "console:read", // dashboards, alerts, incidents, devices, actions, vulnerabilities (read)
  "views:write", // own saved views
  "views:share", // publish a saved view into everyone's list (Analyst and above: people who work the queue)
  "alerts:triage", // status, assign, classify, comment (alerts and incidents)
  "actions:respond", // isolate, release, scan, restrict, collect, cancel
  "actions:approve", // four-eyes approval of isolate/release (and live response sessions)
  "liveresponse:run", // run a library script or collect a file on a device (live response)
  "liveresponse:library", // upload and delete live response library files (Admins)
  "runbooks:edit", // incident runbook templates (Managers and Admins)
  "tvm:report", // exposure reports, remediation requests
  "hunting:save", // save, share, change and delete advanced hunting queries (running one is console:read)
  "posture:exclusions", // the ASR exclusion paths the Audit→Block advisor accepts (a policy decision: Managers, Admins)
  "detections:write", // create, change, enable and disable custom detection rules; dry-run a rule's query
  "detections:delete", // delete a custom detection rule (its alerts stop; Admins only)
  "audit:read",
  "audit:export",
  "settings:write", // priority rules, SLA clocks, four-eyes, group → role mapping
  "sync:run",
  "tokens:manage",
  "notifications:channels", // e-mail, Teams and webhook channels; the delivery log
  "notifications:rules", // who is notified of what (Managers and Admins)
  "investigations:start", // start a Defender automated investigation on a device (Analyst and above)
  "indicators:write", // submit and import custom indicators (Responders)
  "indicators:delete", // delete custom indicators (Admins only: a deletion unblocks everywhere at once)
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const VIEWER: Permission[] = ["console:read", "views:write"];
const ANALYST: Permission[] = [
  ...VIEWER,
  "views:share",
  "alerts:triage",
  "hunting:save",
  "investigations:start",
  "detections:write",
];
const RESPONDER: Permission[] = [...ANALYST, "actions:respond", "indicators:write", "liveresponse:run"];
const MANAGER: Permission[] = [
  ...VIEWER,
  "views:share",
  "hunting:save",
  "tvm:report",
  "actions:approve",
  "audit:read",
  "notifications:rules",
  "posture:exclusions",
  "runbooks:edit",
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  Viewer: VIEWER,
  Analyst: ANALYST,
  Responder: RESPONDER,
  Manager: MANAGER,
  Admin: PERMISSIONS,
};

/**
 * Permissions only a signed-in person may use, whatever an API token's role: approving someone's request (four-eyes
 * means two people, and a token is no person), managing tokens (a leaked token could otherwise mint its own
 * successors), changing settings (a token could switch four-eyes off) and configuring notifications.
 */
export const PEOPLE_ONLY: readonly Permission[] = [
  "actions:approve",
  "tokens:manage",
  "settings:write",
  // A token could point alerts at a receiver of its choosing, or silence them.
  "notifications:channels",
  "notifications:rules",
];

/** What an API token of these roles may do: its roles' permissions without the people-only ones. */
export function tokenPermissionsOf(roles: readonly string[]): Set<Permission> {
  const granted = permissionsOf(roles);
  for (const p of PEOPLE_ONLY) granted.delete(p);
  return granted;
}

/** Case-insensitive match of an Entra app role value to a console role; anything else is ignored (fail closed). */
export function toRole(value: string): Role | null {
  return ROLES.find((r) => r.toLowerCase() === value.trim().toLowerCase()) ?? null;
}

export function normaliseRoles(values: readonly string[]): Role[] {
  const roles = new Set<Role>();
  for (const v of values) {
    const role = toRole(v);
    if (role) roles.add(role);
  }
  return ROLES.filter((r) => roles.has(r));
}

export function permissionsOf(roles: readonly string[]): Set<Permission> {
  const granted = new Set<Permission>();
  for (const role of normaliseRoles(roles)) for (const p of ROLE_PERMISSIONS[role]) granted.add(p);
  return granted;
}

export function can(roles: readonly string[], permission: Permission): boolean {
  return permissionsOf(roles).has(permission);
}
