// The emulated Entra ID directory: one tenant, the registered apps with their application
// permissions per resource (the Permissions section of each API page; "Microsoft Graph permissions reference"),
// and the demo users with the console's app roles.
import { Rng } from "../random";

export const TENANT_DOMAIN = "contoso.example";

/** WindowsDefenderATP application permissions (the Permissions section of each MDE API page). */
export const MDE_PERMISSIONS = [
  "Alert.Read.All",
  "Alert.ReadWrite.All",
  "Machine.Read.All",
  "Machine.ReadWrite.All",
  "Machine.Isolate",
  "Machine.Scan",
  "Machine.RestrictExecution",
  "Machine.CollectForensics",
  "Machine.Offboard",
  "Machine.StopAndQuarantine",
  "Machine.LiveResponse",
  "AdvancedQuery.Read.All",
  "Vulnerability.Read.All",
  "SecurityRecommendation.Read.All",
  "Score.Read.All",
  "Software.Read.All",
  "User.Read.All",
  "Ti.ReadWrite",
  "Ti.ReadWrite.All",
  "Library.Manage",
] as const;

/** Microsoft Threat Protection (Defender XDR) application permissions (defender-xdr/api-create-app-web). */
export const XDR_PERMISSIONS = ["Incident.Read.All", "Incident.ReadWrite.All", "AdvancedHunting.Read.All"] as const;

/** Microsoft Graph application permissions ("Microsoft Graph permissions reference"). */
export const GRAPH_PERMISSIONS = [
  "DeviceManagementManagedDevices.Read.All",
  "DeviceManagementManagedDevices.ReadWrite.All",
  "DeviceManagementConfiguration.Read.All",
  "DeviceManagementServiceConfig.Read.All",
  "Organization.Read.All",
  "GroupMember.Read.All",
  "SecurityAlert.Read.All",
  "SecurityAlert.ReadWrite.All",
  "SecurityIncident.Read.All",
  "SecurityIncident.ReadWrite.All",
  "ThreatHunting.Read.All",
  "User.Read.All",
  "CustomDetection.Read.All",
  "CustomDetection.ReadWrite.All",
] as const;

export interface ResourceApi {
  /** Application ID URI; the token `aud` and the `scope` prefix (`{uri}/.default`). */
  uri: string;
  permissions: readonly string[];
}

export const RESOURCES: readonly ResourceApi[] = [
  { uri: "https://api.securitycenter.microsoft.com", permissions: MDE_PERMISSIONS },
  // Legacy resource form from the curl sample in exposed-apis-create-app-webapp.
  { uri: "https://securitycenter.onmicrosoft.com/windowsatpservice", permissions: MDE_PERMISSIONS },
  { uri: "https://api.security.microsoft.com", permissions: XDR_PERMISSIONS },
  { uri: "https://graph.microsoft.com", permissions: GRAPH_PERMISSIONS },
];

export const MDE_AUDIENCES = [
  "https://api.securitycenter.microsoft.com",
  "https://securitycenter.onmicrosoft.com/windowsatpservice",
  "https://api.security.microsoft.com",
];
export const GRAPH_AUDIENCES = ["https://graph.microsoft.com", "00000003-0000-0000-c000-000000000000"];

export interface AppRegistration {
  clientId: string;
  clientSecret: string;
  displayName: string;
  /** Service principal object id (`oid` of app tokens). */
  objectId: string;
  permissions: string[];
  /** Allowed redirect URIs for the auth-code flow; null = any loopback http(s) URI. */
  redirectUris: string[] | null;
}

export interface DemoUser {
  username: string;
  password: string;
  displayName: string;
  roles: string[];
  oid: string;
}

export interface ExtraApp {
  clientId: string;
  clientSecret: string;
  permissions: string[];
  displayName?: string;
}

export interface Directory {
  tenantId: string;
  domain: string;
  apps: AppRegistration[];
  users: DemoUser[];
  consoleApp: AppRegistration;
  readOnlyApp: AppRegistration;
}

const READ_ONLY_PERMISSIONS = [
  "Alert.Read.All",
  "Machine.Read.All",
  "Vulnerability.Read.All",
  "SecurityRecommendation.Read.All",
  "Score.Read.All",
  "Software.Read.All",
  "Incident.Read.All",
  "DeviceManagementManagedDevices.Read.All",
  "SecurityAlert.Read.All",
  "SecurityIncident.Read.All",
];

const DEMO_USERS: readonly (readonly [string, string, string[]])[] = [
  ["viewer", "Vera Viewer", ["Viewer"]],
  ["analyst", "Ana Analyst", ["Analyst"]],
  ["responder", "Ray Responder", ["Responder"]],
  ["manager", "Mia Manager", ["Manager"]],
  ["admin", "Adam Admin", ["Admin"]],
  ["analyst2", "Andy Analyst", ["Analyst"]],
  ["manager2", "Max Manager", ["Manager"]],
  ["norole", "Nora Norole", []],
];

function secret(rng: Rng): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  let s = "";
  for (let i = 0; i < 37; i++) s += alphabet[rng.int(0, alphabet.length - 1)];
  // Entra client secrets look like `abc8Q~…`.
  return `${s.slice(0, 3)}8Q~${s.slice(3)}`;
}

export function createDirectory(
  seed: string,
  extraApps: ExtraApp[] = [],
  redirectUris: string[] | null = null,
): Directory {
  const rng = new Rng(`${seed}:directory`);
  const tenantId = rng.guid();
  const consoleApp: AppRegistration = {
    clientId: rng.guid(),
    clientSecret: secret(rng),
    displayName: "SOC Console",
    objectId: rng.guid(),
    permissions: [...MDE_PERMISSIONS, ...XDR_PERMISSIONS, ...GRAPH_PERMISSIONS],
    redirectUris,
  };
  const readOnlyApp: AppRegistration = {
    clientId: rng.guid(),
    clientSecret: secret(rng),
    displayName: "SOC Console (read-only test app)",
    objectId: rng.guid(),
    permissions: READ_ONLY_PERMISSIONS,
    redirectUris,
  };
  const users = DEMO_USERS.map(([local, displayName, roles]) => ({
    username: `${local}@${TENANT_DOMAIN}`,
    password: `${local[0]!.toUpperCase()}${local.slice(1)}-Demo-2025!`,
    displayName,
    roles: [...roles],
    oid: rng.guid(),
  }));
  const extras = extraApps.map((a) => ({
    clientId: a.clientId,
    clientSecret: a.clientSecret,
    displayName: a.displayName ?? "Extra test app",
    objectId: rng.guid(),
    permissions: [...a.permissions],
    redirectUris,
  }));
  return {
    tenantId,
    domain: TENANT_DOMAIN,
    apps: [consoleApp, readOnlyApp, ...extras],
    users,
    consoleApp,
    readOnlyApp,
  };
}

export function findResource(uri: string): ResourceApi | undefined {
  const normalized = uri.replace(/\/+$/, "").toLowerCase();
  return RESOURCES.find((r) => r.uri.toLowerCase() === normalized);
}
