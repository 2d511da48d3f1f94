import type { SourcePage } from "./types";

// What the sync reads from each provider entity. The clients' zod-inferred types (lib/defender, lib/graph)
// satisfy these structurally; keeping the sync's needs explicit makes a renamed field a compile error here.

type Maybe<T> = T | null | undefined;

export interface SourceAlert {
  id: string;
  incidentId?: Maybe<number>;
  investigationId?: Maybe<number>;
  title: string;
  description?: Maybe<string>;
  severity: string;
  status: string;
  classification?: Maybe<string>;
  determination?: Maybe<string>;
  category?: Maybe<string>;
  detectionSource?: Maybe<string>;
  detectorId?: Maybe<string>;
  threatName?: Maybe<string>;
  threatFamilyName?: Maybe<string>;
  mitreTechniques: string[];
  investigationState?: Maybe<string>;
  machineId?: Maybe<string>;
  computerDnsName?: Maybe<string>;
  rbacGroupName?: Maybe<string>;
  assignedTo?: Maybe<string>;
  relatedUser?: Maybe<{ userName?: Maybe<string>; domainName?: Maybe<string> }>;
  comments?: Maybe<unknown[]>;
  evidence?: Maybe<SourceEvidence[]>;
  alertCreationTime: string;
  firstEventTime?: Maybe<string>;
  lastEventTime?: Maybe<string>;
  lastUpdateTime: string;
  resolvedTime?: Maybe<string>;
}

export interface SourceEvidence {
  entityType?: Maybe<string>;
  evidenceCreationTime?: Maybe<string>;
  sha1?: Maybe<string>;
  sha256?: Maybe<string>;
  fileName?: Maybe<string>;
  filePath?: Maybe<string>;
  processId?: Maybe<number>;
  processCommandLine?: Maybe<string>;
  parentProcessId?: Maybe<number>;
  parentProcessFileName?: Maybe<string>;
  ipAddress?: Maybe<string>;
  url?: Maybe<string>;
  registryKey?: Maybe<string>;
  registryValue?: Maybe<string>;
  accountName?: Maybe<string>;
  domainName?: Maybe<string>;
  userSid?: Maybe<string>;
  aadUserId?: Maybe<string>;
  userPrincipalName?: Maybe<string>;
  detectionStatus?: Maybe<string>;
}

export interface SourceMachine {
  id: string;
  computerDnsName?: Maybe<string>;
  aadDeviceId?: Maybe<string>;
  osPlatform?: Maybe<string>;
  osVersion?: Maybe<string>;
  osBuild?: Maybe<number>;
  version?: Maybe<string>;
  agentVersion?: Maybe<string>;
  rbacGroupId?: Maybe<number>;
  rbacGroupName?: Maybe<string>;
  riskScore?: Maybe<string>;
  exposureLevel?: Maybe<string>;
  healthStatus?: Maybe<string>;
  onboardingStatus?: Maybe<string>;
  deviceValue?: Maybe<string>;
  machineTags?: Maybe<string[]>;
  lastIpAddress?: Maybe<string>;
  lastExternalIpAddress?: Maybe<string>;
  firstSeen?: Maybe<string>;
  lastSeen?: Maybe<string>;
}

export interface SourceManagedDevice {
  id: string;
  deviceName?: Maybe<string>;
  operatingSystem?: Maybe<string>;
  osVersion?: Maybe<string>;
  complianceState?: Maybe<string>;
  isEncrypted?: Maybe<boolean>;
  managementAgent?: Maybe<string>;
  userPrincipalName?: Maybe<string>;
  userDisplayName?: Maybe<string>;
  azureADDeviceId?: Maybe<string>;
  lastSyncDateTime?: Maybe<string>;
  model?: Maybe<string>;
  manufacturer?: Maybe<string>;
  serialNumber?: Maybe<string>;
}

export interface SourceMachineAction {
  id: string;
  type: string;
  scope?: Maybe<string>;
  status: string;
  machineId: string;
  computerDnsName?: Maybe<string>;
  requestor?: Maybe<string>;
  requestorComment?: Maybe<string>;
  requestSource?: Maybe<string>;
  externalID?: Maybe<string>;
  cancellationRequestor?: Maybe<string>;
  cancellationComment?: Maybe<string>;
  cancellationDateTimeUtc?: Maybe<string>;
  creationDateTimeUtc: string;
  lastUpdateDateTimeUtc?: Maybe<string>;
}

export interface SourceIncident {
  incidentId: number;
  incidentName?: Maybe<string>;
  status?: Maybe<string>;
  severity?: Maybe<string>;
  classification?: Maybe<string>;
  determination?: Maybe<string>;
  assignedTo?: Maybe<string>;
  tags?: Maybe<string[]>;
  comments?: Maybe<unknown[]>;
  redirectIncidentId?: Maybe<number>;
  createdTime: string;
  lastUpdateTime: string;
}

export interface SourceVulnerability {
  id: string;
  name?: Maybe<string>;
  description?: Maybe<string>;
  severity?: Maybe<string>;
  cvssV3?: Maybe<number>;
  cvssVector?: Maybe<string>;
  exposedMachines?: Maybe<number>;
  publishedOn?: Maybe<string>;
  updatedOn?: Maybe<string>;
  publicExploit?: Maybe<boolean>;
  exploitVerified?: Maybe<boolean>;
  exploitInKit?: Maybe<boolean>;
  exploitTypes?: Maybe<string[]>;
  epss?: Maybe<number>;
}

export interface SourceMachineVulnerability {
  id: string;
  cveId: string;
  machineId: string;
  fixingKbId?: Maybe<string>;
  productName?: Maybe<string>;
  productVendor?: Maybe<string>;
  productVersion?: Maybe<string>;
  severity?: Maybe<string>;
}

export interface SourceRecommendation {
  id: string;
  productName?: Maybe<string>;
  recommendationName?: Maybe<string>;
  vendor?: Maybe<string>;
  recommendedVersion?: Maybe<string>;
  recommendationCategory?: Maybe<string>;
  subCategory?: Maybe<string>;
  severityScore?: Maybe<number>;
  publicExploit?: Maybe<boolean>;
  activeAlert?: Maybe<boolean>;
  remediationType?: Maybe<string>;
  status?: Maybe<string>;
  configScoreImpact?: Maybe<number>;
  exposureImpact?: Maybe<number>;
  totalMachineCount?: Maybe<number>;
  exposedMachinesCount?: Maybe<number>;
  weaknesses?: Maybe<number>;
  relatedComponent?: Maybe<string>;
}

export interface SourceSoftware {
  id: string;
  name?: Maybe<string>;
  vendor?: Maybe<string>;
  weaknesses?: Maybe<number>;
  publicExploit?: Maybe<boolean>;
  activeAlert?: Maybe<boolean>;
  exposedMachines?: Maybe<number>;
  impactScore?: Maybe<number>;
}

export interface SourceScore {
  time: string;
  score: number;
}

/** Everything the sync pulls, as async page streams. Implemented over the real clients in sources.ts. */
export interface SyncSources {
  alertPages(opts: { updatedSince?: Date }): AsyncIterable<SourcePage<SourceAlert>>;
  incidentPages(opts: { updatedSince?: Date }): AsyncIterable<SourcePage<SourceIncident>>;
  machinePages(opts: { seenSince?: Date }): AsyncIterable<SourcePage<SourceMachine>>;
  managedDevicePages(opts: { syncedSince?: Date }): AsyncIterable<SourcePage<SourceManagedDevice>>;
  machineActionPages(opts: { createdSince?: Date }): AsyncIterable<SourcePage<SourceMachineAction>>;
  vulnerabilityPages(): AsyncIterable<SourcePage<SourceVulnerability>>;
  machineVulnerabilityPages(): AsyncIterable<SourcePage<SourceMachineVulnerability>>;
  recommendationPages(): AsyncIterable<SourcePage<SourceRecommendation>>;
  softwarePages(): AsyncIterable<SourcePage<SourceSoftware>>;
  exposureScore(): Promise<SourceScore>;
  exposureScoreByGroups(): Promise<(SourceScore & { rbacGroupName: string })[]>;
  configurationScore(): Promise<SourceScore>;
  /** HTTP calls made so far (all providers, retries included). */
  calls(): number;
  /** Runs `work` and counts the HTTP calls made on its behalf alone, even while other work runs alongside. */
  countCalls<T>(work: () => Promise<T>): Promise<{ ok: true; result: T; calls: number } | { ok: false; error: unknown; calls: number }>;
}
