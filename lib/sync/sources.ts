import { AsyncLocalStorage } from "node:async_hooks";
import type { INetworkModule } from "@azure/msal-node";
import {
  alertPages,
  configurationScore,
  deviceAvInfoPages,
  secureConfigurationPages,
  createDefenderClient,
  exposureScore,
  exposureScoreByGroups,
  incidentPages,
  indicatorPages,
  investigationPages,
  machineActionPages,
  machinePages,
  machineVulnerabilityPages,
  recommendationPages,
  softwarePages,
  vulnerabilityPages,
} from "../defender";
import {
  atpOnboardingStatePages,
  complianceDeviceStatusPages,
  compliancePolicies,
  compliancePolicyAssignments,
  configurationPolicies,
  configurationPolicyAssignments,
  configurationPolicySettings,
  createGraphClient,
  detectionRulePages,
  groupMemberPages,
  managedDevicePages,
  mobileThreatDefenseConnectors,
  subscribedSkus,
  windowsProtectionStatePages,
} from "../graph";
import { createAppTokenProvider } from "../entra/app-token";
import type { TenantSettings } from "../entra/msal-config";
import type { SyncSources } from "./source-types";
import type { SyncEntity } from "./types";
import { getConfig } from "../config/env";

export interface SyncSourcesOptions {
  /** Defaults: the configured tenant and endpoints (getConfig()). */
  tenant?: TenantSettings;
  mdeUrl?: string;
  xdrUrl?: string;
  graphUrl?: string;
  /** Tests: a fetch and an MSAL network client that trust the emulator's CA. */
  fetch?: typeof fetch;
  msalNetworkClient?: INetworkModule;
  /** Tests: smaller pages than the documented maximum, to exercise paging on a small tenant. */
  pageSize?: Partial<Record<SyncEntity, number>>;
  maxRetries?: number;
}

/** The sync's view of Microsoft: the real Defender and Graph clients sharing one MSAL app-token provider. */
export function createSyncSources(opts: SyncSourcesOptions = {}): SyncSources {
  const tokens = createAppTokenProvider({ tenant: opts.tenant, networkClient: opts.msalNetworkClient });
  // Entities sync side by side, so each one's calls are counted in its own async context (retries included).
  const scope = new AsyncLocalStorage<{ calls: number }>();
  const baseFetch = opts.fetch ?? globalThis.fetch;
  const countedFetch: typeof fetch = (input, init) => {
    const counter = scope.getStore();
    if (counter) counter.calls++;
    return baseFetch(input, init);
  };
  const defender = createDefenderClient({
    baseUrl: opts.mdeUrl,
    xdrBaseUrl: opts.xdrUrl,
    tokens,
    fetch: countedFetch,
    maxRetries: opts.maxRetries,
  });
  const graph = createGraphClient({ baseUrl: opts.graphUrl, tokens, fetch: countedFetch, maxRetries: opts.maxRetries });
  const cap = getConfig().SYNC_MAX_PAGE_SIZE;
  const size = (entity: SyncEntity) => opts.pageSize?.[entity] ?? cap;
  return {
    alertPages: ({ updatedSince }) => alertPages(defender, { updatedSince, pageSize: size("alerts") }),
    incidentPages: ({ updatedSince }) => incidentPages(defender, { updatedSince, pageSize: size("incidents") }),
    machinePages: ({ seenSince }) => machinePages(defender, { seenSince, pageSize: size("machines") }),
    managedDevicePages: ({ syncedSince }) =>
      managedDevicePages(graph, { syncedSince, pageSize: size("intuneDevices") }),
    machineActionPages: ({ createdSince }) =>
      machineActionPages(defender, { createdSince, pageSize: size("machineActions") }),
    vulnerabilityPages: () => vulnerabilityPages(defender, { pageSize: size("vulnerabilities") }),
    machineVulnerabilityPages: () => machineVulnerabilityPages(defender, { pageSize: size("deviceVulnerabilities") }),
    recommendationPages: () => recommendationPages(defender, { pageSize: size("recommendations") }),
    softwarePages: () => softwarePages(defender, { pageSize: size("software") }),
    exposureScore: () => exposureScore(defender),
    exposureScoreByGroups: () => exposureScoreByGroups(defender),
    configurationScore: () => configurationScore(defender),
    deviceAvInfoPages: () => deviceAvInfoPages(defender, { pageSize: size("avHealth") }),
    secureConfigurationPages: () => secureConfigurationPages(defender),
    protectionStatePages: ({ syncedSince }) =>
      windowsProtectionStatePages(graph, { syncedSince, pageSize: size("intuneProtection") }),
    investigationPages: ({ startedSince }) =>
      investigationPages(defender, { startedSince, pageSize: size("investigations") }),
    indicatorPages: () => indicatorPages(defender, { pageSize: size("indicators") }),
    posture: {
      connectors: () => mobileThreatDefenseConnectors(graph),
      onboardingStatePages: () => atpOnboardingStatePages(graph),
      compliancePolicies: () => compliancePolicies(graph),
      compliancePolicyAssignments: (id) => compliancePolicyAssignments(graph, id),
      complianceDeviceStatusPages: (id) => complianceDeviceStatusPages(graph, id),
      configurationPolicies: () => configurationPolicies(graph),
      configurationPolicySettings: (id) => configurationPolicySettings(graph, id),
      configurationPolicyAssignments: (id) => configurationPolicyAssignments(graph, id),
      groupMemberPages: (id) => groupMemberPages(graph, id),
      subscribedSkus: () => subscribedSkus(graph),
    },
    detectionRulePages: () => detectionRulePages(graph),
    calls: () => defender.stats().calls + graph.stats().calls,
    countCalls: async (work) => {
      const counter = { calls: 0 };
      try {
        return { ok: true as const, result: await scope.run(counter, work), calls: counter.calls };
      } catch (error) {
        return { ok: false as const, error, calls: counter.calls };
      }
    },
  };
}
