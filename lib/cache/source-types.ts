import type { Alert as DefenderAlert, AlertEvidence as DefenderAlertEvidence } from "../defender/schemas";

// What the cache's mappers read from each Microsoft entity. The clients' zod-inferred types (lib/defender,
// lib/graph) satisfy these structurally; keeping the cache's needs explicit makes a renamed field a compile error
// here, and lets tests feed records without a client.

export type Maybe<T> = T | null | undefined;

/** Defender's alert exactly as its client validates it: a field added there is available here with no restatement. */
export type SourceAlert = DefenderAlert;
export type SourceEvidence = DefenderAlertEvidence;

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
