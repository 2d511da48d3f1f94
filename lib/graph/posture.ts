import { z } from "zod";
import type { GraphClient } from "./client";
import type { Page } from "../microsoft";
import { odataDateTime, odataString } from "../microsoft";
import {
  AtpOnboardingDeviceState,
  AtpOnboardingSummary,
  ComplianceDeviceStatus,
  CompliancePolicy,
  ConfigurationPolicy,
  ConfigurationPolicySetting,
  GroupMember,
  ManagedDeviceProtection,
  MobileThreatDefenseConnector,
  PolicyAssignment,
  SubscribedSku,
  WindowsProtectionState,
} from "./schemas";

// Intune and directory objects behind the deployment posture (Microsoft Graph). Permissions:
// DeviceManagementManagedDevices.Read.All (protection state), DeviceManagementServiceConfig.Read.All (MTD
// connectors), DeviceManagementConfiguration.Read.All (onboarding states, compliance and settings-catalog policies),
// Organization.Read.All (subscribedSkus), GroupMember.Read.All (group members). Intune reads share Intune's
// throttling budget (2,000 requests per 20 s per app and tenant).

const PAGE = 1_000;

/** The MDE connector is the connector whose id is the WindowsDefenderATP application id (community-observed). */
export const MDE_CONNECTOR_ID = "fc780465-2017-40d4-a0c5-307022471b92";

/** The settings-catalog template family of endpoint-security ASR policies. */
export const ASR_TEMPLATE_FAMILY = "endpointSecurityAttackSurfaceReduction";

const id = (value: string) => encodeURIComponent(value);

async function collect<T>(pages: AsyncGenerator<Page<T>>): Promise<T[]> {
  const out: T[] = [];
  for await (const p of pages) out.push(...p.items);
  return out;
}

/**
 * Managed devices with their Windows protection state in one listing: the beta list expands the navigation
 * property, a page at a time (one call per device otherwise). Non-Windows devices carry null.
 */
export function windowsProtectionStatePages(
  client: GraphClient,
  opts: { pageSize?: number; syncedSince?: Date } = {},
): AsyncGenerator<Page<ManagedDeviceProtection>> {
  return client.pages({
    version: "beta",
    path: "/deviceManagement/managedDevices",
    query: {
      $expand: "windowsProtectionState",
      $select:
        "id,deviceName,operatingSystem,azureADDeviceId,partnerReportedThreatState,lastSyncDateTime,windowsProtectionState",
      $filter: opts.syncedSince ? `lastSyncDateTime ge ${odataDateTime(opts.syncedSince)}` : undefined,
    },
    itemSchema: ManagedDeviceProtection,
    pageSize: Math.min(opts.pageSize ?? PAGE, PAGE),
  });
}

/** One device's state: GET /managedDevices/{id}/windowsProtectionState. */
export function getWindowsProtectionState(
  client: GraphClient,
  managedDeviceId: string,
): Promise<WindowsProtectionState> {
  return client.request({
    method: "GET",
    path: `/deviceManagement/managedDevices/${id(managedDeviceId)}/windowsProtectionState`,
    statsPath: "/deviceManagement/managedDevices/{id}/windowsProtectionState",
    schema: WindowsProtectionState,
  });
}

/** Every MTD connector with the beta properties (platform toggles, security settings management). */
export function mobileThreatDefenseConnectors(client: GraphClient): Promise<MobileThreatDefenseConnector[]> {
  return collect(
    client.pages({
      version: "beta",
      path: "/deviceManagement/mobileThreatDefenseConnectors",
      itemSchema: MobileThreatDefenseConnector,
      pageSize: 100,
    }),
  );
}

export function atpOnboardingSummary(client: GraphClient): Promise<AtpOnboardingSummary> {
  return client.request({
    version: "beta",
    method: "GET",
    path: "/deviceManagement/advancedThreatProtectionOnboardingStateSummary",
    schema: AtpOnboardingSummary,
  });
}

export function atpOnboardingStatePages(client: GraphClient): AsyncGenerator<Page<AtpOnboardingDeviceState>> {
  return client.pages({
    version: "beta",
    path: "/deviceManagement/advancedThreatProtectionOnboardingStateSummary/advancedThreatProtectionOnboardingDeviceSettingStates",
    itemSchema: AtpOnboardingDeviceState,
    pageSize: PAGE,
  });
}

export function compliancePolicies(client: GraphClient): Promise<CompliancePolicy[]> {
  return collect(
    client.pages({ path: "/deviceManagement/deviceCompliancePolicies", itemSchema: CompliancePolicy, pageSize: 100 }),
  );
}

export function compliancePolicyAssignments(client: GraphClient, policyId: string): Promise<PolicyAssignment[]> {
  return collect(
    client.pages({
      path: `/deviceManagement/deviceCompliancePolicies/${id(policyId)}/assignments`,
      itemSchema: PolicyAssignment,
      pageSize: 100,
    }),
  );
}

export function complianceDeviceStatusPages(
  client: GraphClient,
  policyId: string,
): AsyncGenerator<Page<ComplianceDeviceStatus>> {
  return client.pages({
    path: `/deviceManagement/deviceCompliancePolicies/${id(policyId)}/deviceStatuses`,
    itemSchema: ComplianceDeviceStatus,
    pageSize: PAGE,
  });
}

/** Settings-catalog policies, optionally of one template family (e.g. ASR_TEMPLATE_FAMILY). */
export function configurationPolicies(
  client: GraphClient,
  opts: { templateFamily?: string } = {},
): Promise<ConfigurationPolicy[]> {
  return collect(
    client.pages({
      version: "beta",
      path: "/deviceManagement/configurationPolicies",
      query: {
        $filter: opts.templateFamily
          ? `templateReference/TemplateFamily eq ${odataString(opts.templateFamily)}`
          : undefined,
      },
      itemSchema: ConfigurationPolicy,
      pageSize: 100,
    }),
  );
}

export function configurationPolicySettings(
  client: GraphClient,
  policyId: string,
): Promise<ConfigurationPolicySetting[]> {
  return collect(
    client.pages({
      version: "beta",
      path: `/deviceManagement/configurationPolicies/${id(policyId)}/settings`,
      itemSchema: ConfigurationPolicySetting,
      pageSize: 200,
    }),
  );
}

export function configurationPolicyAssignments(client: GraphClient, policyId: string): Promise<PolicyAssignment[]> {
  return collect(
    client.pages({
      version: "beta",
      path: `/deviceManagement/configurationPolicies/${id(policyId)}/assignments`,
      itemSchema: PolicyAssignment,
      pageSize: 100,
    }),
  );
}

const SkuList = z.object({ value: z.array(SubscribedSku), "@odata.nextLink": z.string().nullish() });

/** GET /subscribedSkus: `$select` only (no `$top`), normally one page; a nextLink's `$skiptoken` is followed. */
export async function subscribedSkus(client: GraphClient): Promise<SubscribedSku[]> {
  const out: SubscribedSku[] = [];
  const used = new Set<string>();
  let skipToken: string | undefined;
  for (;;) {
    const res = await client.request({
      method: "GET",
      path: "/subscribedSkus",
      query: { $skiptoken: skipToken },
      statsPath: "/subscribedSkus",
      schema: SkuList,
    });
    out.push(...res.value);
    const next = res["@odata.nextLink"];
    skipToken = next ? (new URL(next, "https://link.invalid").searchParams.get("$skiptoken") ?? undefined) : undefined;
    if (!skipToken || used.has(skipToken)) return out;
    used.add(skipToken);
  }
}

export function groupMemberPages(client: GraphClient, groupId: string): AsyncGenerator<Page<GroupMember>> {
  return client.pages({
    path: `/groups/${id(groupId)}/members`,
    query: { $select: "id,deviceId,displayName" },
    itemSchema: GroupMember,
    pageSize: 999,
  });
}
