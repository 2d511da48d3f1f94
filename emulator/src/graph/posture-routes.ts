// Intune and directory objects behind the deployment posture (Microsoft Graph):
// - managedDevices/{id}/windowsProtectionState (v1.0 and beta) and the beta list with `$expand=windowsProtectionState`
//   (the v1.0 list's `$filter` properties, so a sync can ask for devices synced since a time);
// - mobileThreatDefenseConnectors (v1.0: the eight documented properties; beta: all of them);
// - beta advancedThreatProtectionOnboardingStateSummary and its per-device setting states;
// - v1.0 deviceCompliancePolicies (polymorphic) with assignments and deviceStatuses;
// - beta settings-catalog configurationPolicies with settings and assignments (`$filter` on the template family);
// - v1.0 subscribedSkus; v1.0 groups/{id} and groups/{id}/members (devices).
import type { ApiEnv } from "../api-env";
import { isoTime } from "../clock";
import { ApiError } from "../http/errors";
import { respondList } from "../http/list-response";
import { sendJson } from "../http/respond";
import type { RouteDef } from "../http/router";
import type { CollectionSource, ListRules } from "../odata/collection";
import type { Device } from "../tenant/model";
import type {
  AssignmentTarget,
  CompliancePolicy,
  EntraGroup,
  MtdConnector,
  OnboardingState,
  SettingsPolicy,
} from "../tenant/posture/model";
import { deviceRules } from "./graph-routes";
import { managedDeviceJson } from "./managed-device-json";
import { protectionStateJson } from "./protection-state-json";
import { respondSmallList } from "./small-list";

const DEVICES_READ = ["DeviceManagementManagedDevices.Read.All", "DeviceManagementManagedDevices.ReadWrite.All"];
const CONFIG_READ = ["DeviceManagementConfiguration.Read.All", "DeviceManagementConfiguration.ReadWrite.All"];
const SERVICE_CONFIG_READ = ["DeviceManagementServiceConfig.Read.All", "DeviceManagementServiceConfig.ReadWrite.All"];
const ORGANIZATION_READ = [
  "Organization.Read.All",
  "Directory.Read.All",
  "Organization.ReadWrite.All",
  "Directory.ReadWrite.All",
];
const GROUP_MEMBERS_READ = ["GroupMember.Read.All", "Group.Read.All", "Directory.Read.All"];

const notFound = (segment: string) =>
  new ApiError(404, "ResourceNotFound", `Resource not found for the segment '${segment}'.`);

/** v1.0 documents eight connector properties; beta (and the v1.0 SDK) carry the rest. */
const V1_CONNECTOR_FLAGS = [
  "androidEnabled",
  "iosEnabled",
  "androidDeviceBlockedOnMissingPartnerData",
  "iosDeviceBlockedOnMissingPartnerData",
  "partnerUnsupportedOsVersionBlocked",
];

function connectorJson(c: MtdConnector, beta: boolean): Record<string, unknown> {
  const flags = beta
    ? c.flags
    : Object.fromEntries(Object.entries(c.flags).filter(([k]) => V1_CONNECTOR_FLAGS.includes(k)));
  return {
    "@odata.type": "#microsoft.graph.mobileThreatDefenseConnector",
    id: c.id,
    lastHeartbeatDateTime: isoTime(c.lastHeartbeatMs),
    partnerState: c.partnerState,
    ...flags,
    partnerUnresponsivenessThresholdInDays: c.thresholdDays,
  };
}

function assignmentTarget(a: AssignmentTarget): Record<string, unknown> {
  const filter = { deviceAndAppManagementAssignmentFilterId: null, deviceAndAppManagementAssignmentFilterType: "none" };
  if (a.kind === "allDevices") return { "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget", ...filter };
  return {
    "@odata.type":
      a.kind === "group" ? "#microsoft.graph.groupAssignmentTarget" : "#microsoft.graph.exclusionGroupAssignmentTarget",
    ...filter,
    groupId: a.groupId,
  };
}

const assignmentKey = (a: AssignmentTarget) => (a.kind === "allDevices" ? "allDevices" : a.groupId);

function configurationPolicyJson(p: SettingsPolicy): Record<string, unknown> {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    platforms: p.platforms,
    technologies: p.technologies,
    createdDateTime: isoTime(p.createdMs),
    lastModifiedDateTime: isoTime(p.lastModifiedMs),
    settingCount: p.settings.length,
    creationSource: null,
    roleScopeTagIds: ["0"],
    isAssigned: p.assignments.length > 0,
    templateReference: {
      templateId: p.templateId,
      templateFamily: p.templateFamily,
      templateDisplayName: p.templateDisplayName || null,
      templateDisplayVersion: p.templateId ? "Version 1" : null,
    },
    priorityMetaData: null,
  };
}

const THREAT_FIELDS = (p: CompliancePolicy) =>
  p.requiredThreatLevel === null
    ? {}
    : { deviceThreatProtectionEnabled: true, deviceThreatProtectionRequiredSecurityLevel: p.requiredThreatLevel };

const TYPE_FIELDS: Record<CompliancePolicy["family"], Record<string, unknown>> = {
  ios: { passcodeRequired: true, osMinimumVersion: "17.0", securityBlockJailbrokenDevices: true },
  android: { passwordRequired: true, osMinimumVersion: "13", securityBlockJailbrokenDevices: true },
  windows: { bitLockerEnabled: true, secureBootEnabled: true, osMinimumVersion: "10.0.19045" },
  macos: { storageRequireEncryption: true, osMinimumVersion: "14.0" },
};

function compliancePolicyJson(p: CompliancePolicy): Record<string, unknown> {
  return {
    "@odata.type": p.odataType,
    id: p.id,
    createdDateTime: isoTime(p.createdMs),
    description: p.description,
    lastModifiedDateTime: isoTime(p.lastModifiedMs),
    displayName: p.displayName,
    version: p.version,
    ...TYPE_FIELDS[p.family],
    ...THREAT_FIELDS(p),
  };
}

/** Defender's threat level as the compliance policy compares it (deviceThreatProtectionLevel order). */
const THREAT_RANK: Record<string, number> = {
  secured: 1,
  lowSeverity: 2,
  mediumSeverity: 3,
  highSeverity: 4,
  compromised: 4,
};
const LEVEL_RANK: Record<string, number> = { secured: 1, low: 2, medium: 3, high: 4 };

/** complianceStatus of a device under a policy. */
export function complianceStatusOf(p: CompliancePolicy, d: Device): string {
  const i = d.intune!;
  if (
    p.requiredThreatLevel &&
    (THREAT_RANK[i.partnerReportedThreatState] ?? 0) > (LEVEL_RANK[p.requiredThreatLevel] ?? 9)
  )
    return "nonCompliant";
  return (
    {
      compliant: "compliant",
      noncompliant: "nonCompliant",
      inGracePeriod: "nonCompliant",
      error: "error",
      conflict: "conflict",
      configManager: "notApplicable",
    }[i.complianceState] ?? "unknown"
  );
}

/** Directory object id of a device: stable per Entra device id, distinct from it (as in Entra ID). */
const deviceObjectId = (aadDeviceId: string) =>
  aadDeviceId.replace(/^(\w{8})-(\w{4})-(\w{4})/, (_m, a: string, b: string, c: string) =>
    [[...a].reverse().join(""), [...b].reverse().join(""), [...c].reverse().join("")].join("-"),
  );

function arraySource<T>(name: string, items: readonly T[]): CollectionSource<T> {
  return { name, size: () => items.length, at: (i) => items[i]!, version: () => 0 };
}

/** Intune lists take $top up to 1,000 (as managedDevices here); directory lists up to 999 ("List group members"). */
const plainRules = <T>(entityName: string, defaultPageSize: number, maxTop = 1000): ListRules<T> => ({
  entity: { entityName, fields: {} },
  maxTop,
  defaultPageSize,
  options: ["$top", "$skiptoken", "$select", "$count"],
});

export function postureGraphRoutes(env: ApiEnv): RouteDef[] {
  const t = env.tenant;
  const posture = t.posture;
  const intuneDevice = (id: string) => t.managedDeviceById.get(id.toLowerCase());
  const user = (d: Device) => (d.primaryUser >= 0 ? t.employees[d.primaryUser]! : null);
  const deviceName = (d: Device) => (d.family === "windows" ? d.hostName.toUpperCase() : d.hostName);

  const protectionState = (prefix: string): RouteDef => ({
    method: "GET",
    template: `${prefix}/deviceManagement/managedDevices/{id}/windowsProtectionState`,
    surface: "graph",
    family: "graph.intune",
    permissions: DEVICES_READ,
    handler: (ctx) => {
      const d = intuneDevice(ctx.params.id!);
      if (!d) throw notFound("managedDevices");
      const av = posture.av.get(d);
      if (!av || d.family !== "windows") throw notFound("windowsProtectionState");
      return sendJson(ctx, 200, {
        "@odata.context": `${ctx.baseUrl}${prefix}/$metadata#deviceManagement/managedDevices('${d.intune!.id}')/windowsProtectionState/$entity`,
        ...protectionStateJson(d, av, env.clock.now()),
      });
    },
  });

  const connectors = (prefix: string, beta: boolean): RouteDef[] => [
    {
      method: "GET",
      template: `${prefix}/deviceManagement/mobileThreatDefenseConnectors`,
      surface: "graph",
      family: "graph.intune",
      permissions: SERVICE_CONFIG_READ,
      handler: (ctx) =>
        respondSmallList(ctx, {
          items: posture.connectors,
          contextUrl: `${ctx.baseUrl}${prefix}/$metadata#deviceManagement/mobileThreatDefenseConnectors`,
          entityName: "microsoft.graph.mobileThreatDefenseConnector",
          serialize: (c) => connectorJson(c, beta),
          pageSize: 100,
        }),
    },
    {
      method: "GET",
      template: `${prefix}/deviceManagement/mobileThreatDefenseConnectors/{id}`,
      surface: "graph",
      family: "graph.intune",
      permissions: SERVICE_CONFIG_READ,
      handler: (ctx) => {
        const c = posture.connectors.find((x) => x.id === ctx.params.id!.toLowerCase());
        if (!c) throw notFound("mobileThreatDefenseConnectors");
        return sendJson(ctx, 200, {
          "@odata.context": `${ctx.baseUrl}${prefix}/$metadata#deviceManagement/mobileThreatDefenseConnectors/$entity`,
          ...connectorJson(c, beta),
        });
      },
    },
  ];

  const compliancePolicy = (id: string) =>
    posture.compliancePolicies.find((p) => p.id === id.toLowerCase()) ??
    (() => {
      throw notFound("deviceCompliancePolicies");
    })();
  const configurationPolicy = (id: string) =>
    posture.configurationPolicies.find((p) => p.id === id.toLowerCase()) ??
    (() => {
      throw notFound("configurationPolicies");
    })();
  const groupMembersOf = (targets: AssignmentTarget[], family: Device["family"]) => {
    const ids = new Set(targets.flatMap((a) => (a.kind === "group" ? [a.groupId] : [])));
    return posture.groups
      .filter((g) => ids.has(g.id))
      .flatMap((g) => g.members)
      .filter((d) => d.family === family && d.intune !== null);
  };
  const group = (id: string): EntraGroup =>
    posture.groups.find((g) => g.id === id.toLowerCase()) ??
    (() => {
      throw new ApiError(
        404,
        "graph:Request_ResourceNotFound",
        `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
      );
    })();

  const onboardingStates = arraySource<OnboardingState>("graph:atpOnboardingStates", posture.onboarding);
  // Same source name as the v1.0 list: the same filter over the same devices selects the same positions.
  const betaDevices = arraySource<Device>("graph:managedDevices", t.managedDevices);
  const countOf = (state: string) => posture.onboarding.filter((o) => o.state === state).length;

  return [
    protectionState("/v1.0"),
    protectionState("/beta"),
    // GET /beta/deviceManagement/managedDevices?$expand=windowsProtectionState (DeviceManagementManagedDevices.Read.All)
    {
      method: "GET",
      template: "/beta/deviceManagement/managedDevices",
      surface: "graph",
      family: "graph.intune",
      permissions: DEVICES_READ,
      handler: (ctx) =>
        respondList(ctx, env, {
          source: betaDevices,
          rules: {
            ...deviceRules(t),
            options: ["$filter", "$top", "$skiptoken", "$select", "$count", "$expand"],
            expandable: ["windowsProtectionState"],
          },
          contextUrl: `${ctx.baseUrl}/beta/$metadata#deviceManagement/managedDevices`,
          serialize: (d, q) => {
            const record = managedDeviceJson(t, d, false, null);
            if (q.expand.has("windowsProtectionState")) {
              const av = d.family === "windows" ? posture.av.get(d) : undefined;
              record.windowsProtectionState = av ? protectionStateJson(d, av, env.clock.now()) : null;
            }
            return record;
          },
          keyField: "id",
          timeField: "lastSyncDateTime",
          style: "graph",
        }),
    },
    ...connectors("/v1.0", false),
    ...connectors("/beta", true),
    // GET /beta/deviceManagement/advancedThreatProtectionOnboardingStateSummary (DeviceManagementConfiguration.Read.All)
    {
      method: "GET",
      template: "/beta/deviceManagement/advancedThreatProtectionOnboardingStateSummary",
      surface: "graph",
      family: "graph.intune",
      permissions: CONFIG_READ,
      handler: (ctx) =>
        sendJson(ctx, 200, {
          "@odata.context": `${ctx.baseUrl}/beta/$metadata#deviceManagement/advancedThreatProtectionOnboardingStateSummary/$entity`,
          "@odata.type": "#microsoft.graph.advancedThreatProtectionOnboardingStateSummary",
          id: t.tenantId,
          unknownDeviceCount: countOf("unknown"),
          notApplicableDeviceCount: countOf("notApplicable"),
          compliantDeviceCount: countOf("compliant"),
          remediatedDeviceCount: countOf("remediated"),
          nonCompliantDeviceCount: countOf("nonCompliant"),
          errorDeviceCount: countOf("error"),
          conflictDeviceCount: countOf("conflict"),
          notAssignedDeviceCount: countOf("notAssigned"),
        }),
    },
    {
      method: "GET",
      template:
        "/beta/deviceManagement/advancedThreatProtectionOnboardingStateSummary/advancedThreatProtectionOnboardingDeviceSettingStates",
      surface: "graph",
      family: "graph.intune",
      permissions: CONFIG_READ,
      handler: (ctx) =>
        respondList(ctx, env, {
          source: onboardingStates,
          rules: plainRules("microsoft.graph.advancedThreatProtectionOnboardingDeviceSettingState", 1000),
          contextUrl: `${ctx.baseUrl}/beta/$metadata#deviceManagement/advancedThreatProtectionOnboardingStateSummary/advancedThreatProtectionOnboardingDeviceSettingStates`,
          serialize: (o) => {
            const u = user(o.device);
            return {
              "@odata.type": "#microsoft.graph.advancedThreatProtectionOnboardingDeviceSettingState",
              id: o.id,
              platformType: "desktop",
              setting: "WindowsAdvancedThreatProtection.Onboarding",
              settingName: "Microsoft Defender for Endpoint onboarding",
              deviceId: o.device.intune!.id,
              deviceName: deviceName(o.device),
              userId: u?.aadUserId ?? null,
              userEmail: u?.upn ?? null,
              userName: u?.displayName ?? null,
              userPrincipalName: u?.upn ?? null,
              deviceModel: o.device.intune!.model,
              state: o.state,
              complianceGracePeriodExpirationDateTime: "9999-12-31T23:59:59Z",
            };
          },
          keyField: "id",
          style: "graph",
        }),
    },
    // GET /v1.0/deviceManagement/deviceCompliancePolicies (DeviceManagementConfiguration.Read.All)
    {
      method: "GET",
      template: "/v1.0/deviceManagement/deviceCompliancePolicies",
      surface: "graph",
      family: "graph.intune",
      permissions: CONFIG_READ,
      handler: (ctx) =>
        respondSmallList(ctx, {
          items: posture.compliancePolicies,
          contextUrl: `${ctx.baseUrl}/v1.0/$metadata#deviceManagement/deviceCompliancePolicies`,
          entityName: "microsoft.graph.deviceCompliancePolicy",
          serialize: compliancePolicyJson,
          pageSize: 100,
        }),
    },
    {
      method: "GET",
      template: "/v1.0/deviceManagement/deviceCompliancePolicies/{id}/assignments",
      surface: "graph",
      family: "graph.intune",
      permissions: CONFIG_READ,
      handler: (ctx) => {
        const p = compliancePolicy(ctx.params.id!);
        return respondSmallList(ctx, {
          items: p.assignments,
          contextUrl: `${ctx.baseUrl}/v1.0/$metadata#deviceManagement/deviceCompliancePolicies('${p.id}')/assignments`,
          entityName: "microsoft.graph.deviceCompliancePolicyAssignment",
          serialize: (a) => ({ id: `${p.id}_${assignmentKey(a)}`, target: assignmentTarget(a) }),
          pageSize: 100,
        });
      },
    },
    {
      method: "GET",
      template: "/v1.0/deviceManagement/deviceCompliancePolicies/{id}/deviceStatuses",
      surface: "graph",
      family: "graph.intune",
      permissions: CONFIG_READ,
      handler: (ctx) => {
        const p = compliancePolicy(ctx.params.id!);
        return respondList(ctx, env, {
          source: arraySource(`graph:complianceStatuses:${p.id}`, groupMembersOf(p.assignments, p.family)),
          rules: plainRules("microsoft.graph.deviceComplianceDeviceStatus", 1000),
          contextUrl: `${ctx.baseUrl}/v1.0/$metadata#deviceManagement/deviceCompliancePolicies('${p.id}')/deviceStatuses`,
          serialize: (d) => {
            const u = user(d);
            return {
              "@odata.type": "#microsoft.graph.deviceComplianceDeviceStatus",
              id: `${d.intune!.id}_${p.id}`,
              deviceDisplayName: deviceName(d),
              userName: u?.displayName ?? "",
              deviceModel: d.intune!.model,
              platform: 0,
              complianceGracePeriodExpirationDateTime:
                d.intune!.complianceState === "inGracePeriod"
                  ? isoTime(d.intune!.lastSyncMs + 3 * 86_400_000)
                  : "9999-12-31T23:59:59Z",
              status: complianceStatusOf(p, d),
              lastReportedDateTime: isoTime(d.intune!.lastSyncMs),
              userPrincipalName: u?.upn ?? "",
            };
          },
          keyField: "id",
          style: "graph",
        });
      },
    },
    // GET /beta/deviceManagement/configurationPolicies (DeviceManagementConfiguration.Read.All)
    {
      method: "GET",
      template: "/beta/deviceManagement/configurationPolicies",
      surface: "graph",
      family: "graph.intune",
      permissions: CONFIG_READ,
      handler: (ctx) =>
        respondSmallList(ctx, {
          items: posture.configurationPolicies,
          contextUrl: `${ctx.baseUrl}/beta/$metadata#deviceManagement/configurationPolicies`,
          entityName: "microsoft.graph.deviceManagementConfigurationPolicy",
          serialize: configurationPolicyJson,
          pageSize: 25,
          filter: (text) => {
            // The form Microsoft's and community scripts use: templateReference/TemplateFamily eq '<family>'.
            const m = /^\s*templateReference\/templateFamily\s+eq\s+'([^']*)'\s*$/i.exec(text);
            return m ? (p) => p.templateFamily.toLowerCase() === m[1]!.toLowerCase() : null;
          },
        }),
    },
    {
      method: "GET",
      template: "/beta/deviceManagement/configurationPolicies/{id}",
      surface: "graph",
      family: "graph.intune",
      permissions: CONFIG_READ,
      handler: (ctx) =>
        sendJson(ctx, 200, {
          "@odata.context": `${ctx.baseUrl}/beta/$metadata#deviceManagement/configurationPolicies/$entity`,
          ...configurationPolicyJson(configurationPolicy(ctx.params.id!)),
        }),
    },
    {
      method: "GET",
      template: "/beta/deviceManagement/configurationPolicies/{id}/settings",
      surface: "graph",
      family: "graph.intune",
      permissions: CONFIG_READ,
      handler: (ctx) => {
        const p = configurationPolicy(ctx.params.id!);
        return respondSmallList(ctx, {
          items: p.settings.map((settingInstance, i) => ({ id: String(i), settingInstance })),
          contextUrl: `${ctx.baseUrl}/beta/$metadata#deviceManagement/configurationPolicies('${p.id}')/settings`,
          entityName: "microsoft.graph.deviceManagementConfigurationSetting",
          serialize: (s) => s,
          pageSize: 1000,
        });
      },
    },
    {
      method: "GET",
      template: "/beta/deviceManagement/configurationPolicies/{id}/assignments",
      surface: "graph",
      family: "graph.intune",
      permissions: CONFIG_READ,
      handler: (ctx) => {
        const p = configurationPolicy(ctx.params.id!);
        return respondSmallList(ctx, {
          items: p.assignments,
          contextUrl: `${ctx.baseUrl}/beta/$metadata#deviceManagement/configurationPolicies('${p.id}')/assignments`,
          entityName: "microsoft.graph.deviceManagementConfigurationPolicyAssignment",
          serialize: (a) => ({
            id: `${p.id}_${assignmentKey(a)}`,
            source: "direct",
            sourceId: p.id,
            target: assignmentTarget(a),
          }),
          pageSize: 1000,
        });
      },
    },
    // GET /v1.0/subscribedSkus (Organization.Read.All): `$select` only, no `$filter`.
    {
      method: "GET",
      template: "/v1.0/subscribedSkus",
      surface: "graph",
      family: "graph.directory",
      permissions: ORGANIZATION_READ,
      handler: (ctx) => {
        if (ctx.query.has("$filter")) throw new ApiError(400, "graph:Request_UnsupportedQuery", "Unsupported Query.");
        return respondSmallList(ctx, {
          items: posture.skus,
          contextUrl: `${ctx.baseUrl}/v1.0/$metadata#subscribedSkus`,
          entityName: "microsoft.graph.subscribedSku",
          serialize: (s) => ({
            accountName: "Contoso",
            accountId: t.tenantId,
            appliesTo: "User",
            capabilityStatus: s.capabilityStatus,
            consumedUnits: s.consumedUnits,
            id: s.id,
            prepaidUnits: { enabled: s.enabledUnits, lockedOut: 0, suspended: 0, warning: 0 },
            servicePlans: s.servicePlans,
            skuId: s.skuId,
            skuPartNumber: s.skuPartNumber,
            subscriptionIds: [s.id.slice(-36)],
          }),
          pageSize: 100,
        });
      },
    },
    // GET /v1.0/groups/{id} and /v1.0/groups/{id}/members (GroupMember.Read.All): who a policy assignment reaches.
    {
      method: "GET",
      template: "/v1.0/groups/{id}",
      surface: "graph",
      family: "graph.directory",
      permissions: GROUP_MEMBERS_READ,
      handler: (ctx) => {
        const g = group(ctx.params.id!);
        return sendJson(ctx, 200, {
          "@odata.context": `${ctx.baseUrl}/v1.0/$metadata#groups/$entity`,
          id: g.id,
          displayName: g.displayName,
          description: "Devices of one device group (dynamic membership).",
          securityEnabled: true,
          mailEnabled: false,
          groupTypes: ["DynamicMembership"],
        });
      },
    },
    {
      method: "GET",
      template: "/v1.0/groups/{id}/members",
      surface: "graph",
      family: "graph.directory",
      permissions: GROUP_MEMBERS_READ,
      handler: (ctx) => {
        const g = group(ctx.params.id!);
        return respondList(ctx, env, {
          source: arraySource(`graph:groupMembers:${g.id}`, g.members),
          rules: plainRules("microsoft.graph.directoryObject", 100, 999),
          contextUrl: `${ctx.baseUrl}/v1.0/$metadata#directoryObjects`,
          serialize: (d) => ({
            "@odata.type": "#microsoft.graph.device",
            id: deviceObjectId(d.aadDeviceId!),
            deviceId: d.aadDeviceId,
            displayName: deviceName(d),
            operatingSystem: {
              windows: "Windows",
              server: "Windows",
              macos: "MacMDM",
              linux: "Linux",
              ios: "IPhone",
              android: "AndroidForWork",
            }[d.family],
            accountEnabled: true,
          }),
          keyField: "id",
          style: "graph",
        });
      },
    },
  ];
}
