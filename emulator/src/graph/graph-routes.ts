// Microsoft Graph under /v1.0: Intune managedDevices ("List managedDevices"), security/alerts_v2, security/incidents,
// users ("List users").
import { templateOf } from "../tenant/alert-content";
import type { ApiEnv } from "../api-env";
import { readJsonObject } from "../http/body";
import { ApiError } from "../http/errors";
import { respondList } from "../http/list-response";
import { sendJson } from "../http/respond";
import type { RouteDef } from "../http/router";
import { actorName } from "../identity/principal";
import type { CollectionSource, ListRules } from "../odata/collection";
import type { EntityFields } from "../odata/fields";
import { ODataQueryError } from "../http/errors";
import {
  applyAlertChanges,
  applyIncidentChanges,
  type AlertChanges,
  type IncidentChanges,
} from "../tenant/alert-updates";
import { DETECTION_GRAPH_SOURCE } from "../tenant/catalog/alert-templates";
import type { AlertRecord, Device, Employee, Incident } from "../tenant/model";
import { managedDeviceJson } from "./managed-device-json";
import { graphAlertJson, graphIncidentJson, graphSeverity } from "./security-json";

const DEVICES_READ = ["DeviceManagementManagedDevices.Read.All", "DeviceManagementManagedDevices.ReadWrite.All"];
const ALERTS_READ = ["SecurityAlert.Read.All", "SecurityAlert.ReadWrite.All"];
const INCIDENTS_READ = ["SecurityIncident.Read.All", "SecurityIncident.ReadWrite.All"];
/** "List users": application User.Read.All (or wider); User.ReadBasic.All is not accepted for apps. */
const USERS_READ = ["User.Read.All", "User.ReadWrite.All", "Directory.Read.All"];
const camel = (s: string | null) => (s === null ? null : s.charAt(0).toLowerCase() + s.slice(1));
const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function deviceFields(t: ApiEnv["tenant"]): EntityFields<Device> {
  return {
    entityName: "microsoft.graph.managedDevice",
    fields: {
      id: { type: "string", get: (d) => d.intune!.id },
      deviceName: { type: "string", get: (d) => (d.family === "windows" ? d.hostName.toUpperCase() : d.hostName) },
      complianceState: {
        type: "enum",
        get: (d) => d.intune!.complianceState,
        enumValues: ["unknown", "compliant", "noncompliant", "conflict", "error", "inGracePeriod", "configManager"],
      },
      operatingSystem: {
        type: "string",
        get: (d) =>
          ({ windows: "Windows", server: "Windows", macos: "macOS", linux: "Linux", ios: "iOS", android: "Android" })[
            d.family
          ],
      },
      osVersion: { type: "string", get: (d) => d.osVersionFull },
      lastSyncDateTime: { type: "datetime", get: (d) => d.intune!.lastSyncMs },
      enrolledDateTime: { type: "datetime", get: (d) => d.intune!.enrolledMs },
      isEncrypted: { type: "boolean", get: (d) => d.intune!.isEncrypted },
      managementAgent: { type: "string", get: (d) => d.intune!.managementAgent },
      managedDeviceOwnerType: { type: "string", get: (d) => d.intune!.ownerType },
      azureADDeviceId: { type: "string", get: (d) => d.aadDeviceId ?? "00000000-0000-0000-0000-000000000000" },
      userPrincipalName: { type: "string", get: (d) => (d.primaryUser >= 0 ? t.employees[d.primaryUser]!.upn : "") },
      model: { type: "string", get: (d) => d.intune!.model },
      manufacturer: { type: "string", get: (d) => d.intune!.manufacturer },
      serialNumber: { type: "string", get: (d) => d.intune!.serialNumber },
    },
    // Reported behaviour (issues on Microsoft's Graph docs repository): these filters are silently ignored,
    // all devices come back.
    ignoredInFilter: ["userId", "deviceEnrollmentType"],
  };
}

const ALERT_STATUS = ["unknown", "new", "inProgress", "resolved"];
const SEVERITY = ["unknown", "informational", "low", "medium", "high"];
const CLASSIFICATION = ["unknown", "falsePositive", "truePositive", "informationalExpectedActivity"];

const GRAPH_ALERT_FIELDS: EntityFields<AlertRecord> = {
  entityName: "microsoft.graph.security.alert",
  fields: {
    assignedTo: { type: "string", get: (a) => a.assignedTo },
    classification: { type: "enum", get: (a) => camel(a.classification) ?? "unknown", enumValues: CLASSIFICATION },
    determination: { type: "string", get: (a) => camel(a.determination) ?? "unknown" },
    createdDateTime: { type: "datetime", get: (a) => a.createdMs },
    lastUpdateDateTime: { type: "datetime", get: (a) => a.lastUpdateMs },
    severity: { type: "enum", get: (a) => graphSeverity(a.severity), enumValues: SEVERITY },
    serviceSource: { type: "string", get: () => "microsoftDefenderForEndpoint" },
    status: { type: "enum", get: (a) => camel(a.status), enumValues: ALERT_STATUS },
    detectionSource: {
      type: "string",
      get: (a) => DETECTION_GRAPH_SOURCE[templateOf(a).detectionSource] ?? "unknown",
    },
  },
};

const GRAPH_INCIDENT_FIELDS: EntityFields<Incident> = {
  entityName: "microsoft.graph.security.incident",
  fields: {
    assignedTo: { type: "string", get: (i) => i.assignedTo },
    classification: { type: "enum", get: (i) => camel(i.classification) ?? "unknown", enumValues: CLASSIFICATION },
    determination: { type: "string", get: (i) => camel(i.determination) ?? "unknown" },
    createdDateTime: { type: "datetime", get: (i) => i.createdMs },
    lastUpdateDateTime: { type: "datetime", get: (i) => i.lastUpdateMs },
    status: {
      type: "enum",
      get: (i) =>
        ({ Active: "active", InProgress: "inProgress", Resolved: "resolved", Redirected: "redirected" })[i.status] ??
        "active",
      enumValues: ["active", "resolved", "inProgress", "redirected", "awaitingAction"],
    },
  },
};

/** Graph page sizes are not documented for these resources; chosen here: default 1000 / 100, $top ≤ 1000 (README). */
export const deviceRules = (t: ApiEnv["tenant"]): ListRules<Device> => ({
  entity: deviceFields(t),
  maxTop: 1000,
  defaultPageSize: 1000,
  options: ["$filter", "$top", "$select", "$skiptoken", "$count"],
});
const ALERT_RULES: ListRules<AlertRecord> = {
  entity: GRAPH_ALERT_FIELDS,
  maxTop: 1000,
  defaultPageSize: 100,
  options: ["$filter", "$top", "$skip", "$skiptoken", "$count"],
};
const INCIDENT_RULES: ListRules<Incident> = {
  entity: GRAPH_INCIDENT_FIELDS,
  maxTop: 1000,
  defaultPageSize: 100,
  options: ["$filter", "$top", "$skip", "$skiptoken", "$count", "$expand"],
  expandable: ["alerts"],
};

const USER_FIELDS: EntityFields<Employee> = {
  entityName: "microsoft.graph.user",
  fields: {
    id: { type: "string", get: (e) => e.aadUserId },
    displayName: { type: "string", get: (e) => e.displayName },
    userPrincipalName: { type: "string", get: (e) => e.upn },
    mail: { type: "string", get: (e) => e.upn },
    givenName: { type: "string", get: (e) => e.givenName },
    surname: { type: "string", get: (e) => e.surname },
    department: { type: "string", get: (e) => e.department },
  },
};
/** Graph's users page: default 100, $top ≤ 999 ("List users", "Optional query parameters"). */
const USER_RULES: ListRules<Employee> = {
  entity: USER_FIELDS,
  maxTop: 999,
  defaultPageSize: 100,
  options: ["$filter", "$top", "$select", "$skiptoken", "$count"],
};

function graphEnum(key: string, v: unknown, allowed: string[]): string {
  const match = typeof v === "string" ? allowed.find((a) => a.toLowerCase() === v.toLowerCase()) : undefined;
  if (!match)
    throw new ApiError(400, "BadRequest", `Invalid value for '${key}'. Expected one of: ${allowed.join(", ")}.`);
  return match;
}

const GRAPH_DETERMINATION: Record<string, string> = {
  malware: "Malware",
  multiStagedAttack: "MultiStagedAttack",
  compromisedUser: "CompromisedUser",
  compromisedAccount: "CompromisedUser",
  phishing: "Phishing",
  maliciousUserActivity: "MaliciousUserActivity",
  unwantedSoftware: "UnwantedSoftware",
  other: "Other",
  securityTesting: "SecurityTesting",
  lineOfBusinessApplication: "LineOfBusinessApplication",
  confirmedUserActivity: "ConfirmedUserActivity",
  confirmedActivity: "ConfirmedUserActivity",
  clean: "Clean",
  notMalicious: "Clean",
  insufficientData: "InsufficientData",
  notEnoughDataToValidate: "InsufficientData",
  unknown: "",
};

function graphTriage(
  body: Record<string, unknown>,
  statuses: string[],
  extra: string[] = [],
): AlertChanges & IncidentChanges {
  const allowed = ["status", "classification", "determination", "assignedTo", ...extra];
  for (const k of Object.keys(body))
    if (!allowed.includes(k))
      throw new ApiError(400, "BadRequest", `Property '${k}' does not exist or cannot be updated.`);
  const c: AlertChanges & IncidentChanges = {};
  if (body.status !== undefined) c.status = pascal(graphEnum("status", body.status, statuses));
  if (body.classification !== undefined) {
    const v = graphEnum("classification", body.classification, CLASSIFICATION);
    c.classification = v === "unknown" ? null : pascal(v);
  }
  if (body.determination !== undefined) {
    const v = graphEnum("determination", body.determination, Object.keys(GRAPH_DETERMINATION));
    c.determination = GRAPH_DETERMINATION[v] || null;
  }
  if (body.assignedTo !== undefined) {
    if (body.assignedTo !== null && typeof body.assignedTo !== "string")
      throw new ApiError(400, "BadRequest", "Invalid value for 'assignedTo'.");
    c.assignedTo = body.assignedTo as string | null;
  }
  if (body.customTags !== undefined) {
    if (!Array.isArray(body.customTags) || !body.customTags.every((x) => typeof x === "string"))
      throw new ApiError(400, "BadRequest", "Invalid value for 'customTags'.");
    c.tags = body.customTags as string[];
  }
  return c;
}

export function graphRoutes(env: ApiEnv): RouteDef[] {
  const t = env.tenant;
  const devices: CollectionSource<Device> = {
    name: "graph:managedDevices",
    size: () => t.managedDevices.length,
    at: (i) => t.managedDevices[i]!,
    version: () => 0,
  };
  // Newest first, like the portal queues.
  const alerts: CollectionSource<AlertRecord> = {
    name: "graph:alerts",
    size: () => t.alerts.length,
    at: (i) => t.alerts[t.alerts.length - 1 - i]!,
    version: () => t.alertsVersion,
  };
  const incidents: CollectionSource<Incident> = {
    name: "graph:incidents",
    size: () => t.incidents.length,
    at: (i) => t.incidents[t.incidents.length - 1 - i]!,
    version: () => t.incidentsVersion,
  };
  const alertOr404 = (id: string) =>
    t.findAlert(id) ??
    (() => {
      throw new ApiError(404, "NotFound", `Alert '${id}' was not found.`);
    })();
  const incidentOr404 = (id: string) =>
    (/^\d+$/.test(id) ? t.incidentById.get(Number(id)) : undefined) ??
    (() => {
      throw new ApiError(404, "NotFound", `Incident '${id}' was not found.`);
    })();
  const expandAlerts = (q: URLSearchParams) => {
    const e = q.get("$expand");
    if (e === null) return false;
    if (e.trim().toLowerCase() !== "alerts")
      throw new ODataQueryError(`Could not find a property named '${e}' on type 'microsoft.graph.security.incident'.`);
    return true;
  };
  const users: CollectionSource<Employee> = {
    name: "graph:users",
    size: () => t.employees.length,
    at: (i) => t.employees[i]!,
    version: () => 0,
  };
  return [
    // GET /v1.0/users (User.Read.All): the assignee picker's directory look-up
    {
      method: "GET",
      template: "/v1.0/users",
      surface: "graph",
      family: "graph.users",
      permissions: USERS_READ,
      handler: (ctx) =>
        respondList(ctx, env, {
          source: users,
          rules: USER_RULES,
          contextUrl: `${ctx.baseUrl}/v1.0/$metadata#users`,
          serialize: (e) => ({
            id: e.aadUserId,
            displayName: e.displayName,
            userPrincipalName: e.upn,
            mail: e.upn,
            givenName: e.givenName,
            surname: e.surname,
            department: e.department,
          }),
          keyField: "id",
          style: "graph",
        }),
    },
    // GET /v1.0/deviceManagement/managedDevices (DeviceManagementManagedDevices.Read.All)
    {
      method: "GET",
      template: "/v1.0/deviceManagement/managedDevices",
      surface: "graph",
      family: "graph.intune",
      permissions: DEVICES_READ,
      handler: (ctx) =>
        respondList(ctx, env, {
          source: devices,
          rules: deviceRules(t),
          contextUrl: `${ctx.baseUrl}/v1.0/$metadata#deviceManagement/managedDevices`,
          serialize: (d) => managedDeviceJson(t, d, false, null),
          keyField: "id",
          timeField: "lastSyncDateTime",
          style: "graph",
        }),
    },
    {
      method: "GET",
      template: "/v1.0/deviceManagement/managedDevices/{id}",
      surface: "graph",
      family: "graph.intune",
      permissions: DEVICES_READ,
      handler: (ctx) => {
        const d = t.managedDeviceById.get(ctx.params.id!.toLowerCase());
        if (!d) throw new ApiError(404, "NotFound", `Resource not found for the segment 'managedDevices'.`);
        const select =
          ctx.query
            .get("$select")
            ?.split(",")
            .map((s) => s.trim())
            .filter(Boolean) ?? null;
        let record = managedDeviceJson(t, d, true, select);
        if (select) {
          const picked: Record<string, unknown> = {};
          for (const s of select) {
            const key = Object.keys(record).find((k) => k.toLowerCase() === s.toLowerCase());
            if (!key)
              throw new ODataQueryError(
                `Could not find a property named '${s}' on type 'microsoft.graph.managedDevice'.`,
              );
            picked[key] = record[key];
          }
          record = picked;
        }
        return sendJson(ctx, 200, {
          "@odata.context": `${ctx.baseUrl}/v1.0/$metadata#deviceManagement/managedDevices/$entity`,
          ...record,
        });
      },
    },
    // GET /v1.0/security/alerts_v2 (SecurityAlert.Read.All)
    {
      method: "GET",
      template: "/v1.0/security/alerts_v2",
      surface: "graph",
      family: "graph.security",
      permissions: ALERTS_READ,
      handler: (ctx) =>
        respondList(ctx, env, {
          source: alerts,
          rules: ALERT_RULES,
          contextUrl: `${ctx.baseUrl}/v1.0/$metadata#security/alerts_v2`,
          serialize: (a) => graphAlertJson(t, a),
          keyField: "id",
          timeField: "lastUpdateDateTime",
          style: "graph",
        }),
    },
    {
      method: "GET",
      template: "/v1.0/security/alerts_v2/{id}",
      surface: "graph",
      family: "graph.security",
      permissions: ALERTS_READ,
      handler: (ctx) =>
        sendJson(ctx, 200, {
          "@odata.context": `${ctx.baseUrl}/v1.0/$metadata#security/alerts_v2/$entity`,
          ...graphAlertJson(t, alertOr404(ctx.params.id!)),
        }),
    },
    {
      method: "PATCH",
      template: "/v1.0/security/alerts_v2/{id}",
      surface: "graph",
      family: "graph.security",
      permissions: ["SecurityAlert.ReadWrite.All"],
      handler: async (ctx) => {
        const a = alertOr404(ctx.params.id!);
        const c = graphTriage(await readJsonObject(ctx.req), ["new", "inProgress", "resolved"]);
        applyAlertChanges(t, a, c, actorName(ctx.principal!), env.clock.now());
        return sendJson(ctx, 200, {
          "@odata.context": `${ctx.baseUrl}/v1.0/$metadata#security/alerts_v2/$entity`,
          ...graphAlertJson(t, a),
        });
      },
    },
    // GET /v1.0/security/incidents (SecurityIncident.Read.All), $expand=alerts
    {
      method: "GET",
      template: "/v1.0/security/incidents",
      surface: "graph",
      family: "graph.security",
      permissions: INCIDENTS_READ,
      handler: (ctx) =>
        respondList(ctx, env, {
          source: incidents,
          rules: INCIDENT_RULES,
          contextUrl: `${ctx.baseUrl}/v1.0/$metadata#security/incidents`,
          serialize: (i, q) => graphIncidentJson(t, i, q.expand.has("alerts")),
          keyField: "id",
          timeField: "lastUpdateDateTime",
          style: "graph",
        }),
    },
    {
      method: "GET",
      template: "/v1.0/security/incidents/{id}",
      surface: "graph",
      family: "graph.security",
      permissions: INCIDENTS_READ,
      handler: (ctx) =>
        sendJson(ctx, 200, {
          "@odata.context": `${ctx.baseUrl}/v1.0/$metadata#security/incidents/$entity`,
          ...graphIncidentJson(t, incidentOr404(ctx.params.id!), expandAlerts(ctx.query)),
        }),
    },
    {
      method: "PATCH",
      template: "/v1.0/security/incidents/{id}",
      surface: "graph",
      family: "graph.security",
      permissions: ["SecurityIncident.ReadWrite.All"],
      handler: async (ctx) => {
        const inc = incidentOr404(ctx.params.id!);
        const c = graphTriage(await readJsonObject(ctx.req), ["active", "resolved", "inProgress"], ["customTags"]);
        applyIncidentChanges(t, inc, c, actorName(ctx.principal!), env.clock.now());
        return sendJson(ctx, 200, {
          "@odata.context": `${ctx.baseUrl}/v1.0/$metadata#security/incidents/$entity`,
          ...graphIncidentJson(t, inc, false),
        });
      },
    },
  ];
}
