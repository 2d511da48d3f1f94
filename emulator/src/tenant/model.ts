// In-memory shapes of the generated tenant. Field names are ours; the API shapes are built by
// the serializers in defender/ and graph/. Timestamps are epoch milliseconds.

export type OsFamily = "windows" | "server" | "macos" | "linux" | "ios" | "android";

export interface DeviceGroup {
  id: number;
  name: string;
  prefix: string;
  subnet: number;
}

export interface Employee {
  idx: number;
  upn: string;
  displayName: string;
  givenName: string;
  surname: string;
  accountName: string;
  sid: string;
  aadUserId: string;
  department: string;
}

export interface IntuneRecord {
  id: string;
  complianceState: string;
  isEncrypted: boolean;
  lastSyncMs: number;
  enrolledMs: number;
  managementAgent: string;
  ownerType: string;
  enrollmentType: string;
  model: string;
  manufacturer: string;
  serialNumber: string;
  totalStorage: number;
  freeStorage: number;
  partnerReportedThreatState: string;
  jailBroken: string;
  wiFiMac: string;
  ethernetMac: string;
  imei: string;
  phoneNumber: string;
  androidSecurityPatchLevel: string;
  physicalMemory: number;
}

export interface Device {
  /** Index in tenant.machines, or -1 for Intune-only devices. */
  idx: number;
  id: string;
  hostName: string;
  dnsName: string;
  osPlatform: string;
  family: OsFamily;
  version: string;
  osBuild: number | null;
  osVersionFull: string;
  group: DeviceGroup;
  firstSeenMs: number;
  lastSeenMs: number;
  healthStatus: string;
  onboardingStatus: string;
  riskScore: string;
  exposureLevel: string;
  deviceValue: string;
  aadDeviceId: string | null;
  isAadJoined: boolean;
  machineTags: string[];
  lastIp: string;
  lastExternalIp: string;
  mac: string;
  agentVersion: string;
  defenderAvStatus: string;
  managedBy: string;
  managedByStatus: string;
  osArchitecture: string;
  primaryUser: number;
  inMde: boolean;
  intune: IntuneRecord | null;
  /** Emulator-internal containment state; the real Machine entity has no such field ("Machine resource type"). */
  isolation: "Full" | "Selective" | "UnManagedDevice" | null;
  codeRestricted: boolean;
  alertIdxs: number[];
  software: number[];
}

export interface SoftwareProduct {
  idx: number;
  vendor: string;
  product: string;
  displayName: string;
  families: OsFamily[];
  versions: string[];
  isOs: boolean;
  /** Windows-style fixes by KB number. */
  kbFixes: boolean;
  /** Share of eligible devices that have it installed. */
  prevalence: number;
}

export interface Vulnerability {
  idx: number;
  id: string;
  name: string;
  description: string;
  severity: "Low" | "Medium" | "High" | "Critical";
  cvss: number;
  vector: string;
  publishedMs: number;
  updatedMs: number;
  publicExploit: boolean;
  exploitVerified: boolean;
  exploitInKit: boolean;
  exploitTypes: string[];
  exploitUris: string[];
  software: number;
  fixingKb: string | null;
  zeroDay: boolean;
  exposedMachines: number;
}

export interface AlertComment {
  comment: string;
  createdBy: string;
  createdMs: number;
}

export interface AlertRecord {
  idx: number;
  id: string;
  template: number;
  machine: number;
  user: number;
  incidentId: number;
  investigationId: number | null;
  investigationState: string;
  severity: string;
  status: string;
  classification: string | null;
  determination: string | null;
  assignedTo: string | null;
  createdMs: number;
  firstEventMs: number;
  lastEventMs: number;
  lastUpdateMs: number;
  resolvedMs: number | null;
  comments: AlertComment[] | null;
  detectorId: string;
  /** Set on alerts raised by a custom detection rule: their content comes from the rule, not the catalogue. */
  custom?: CustomAlertContent;
}

/** Evidence item in the MDE alert's evidence shape ("Alert resource type"). */
export type EvidenceItem = Record<string, string | number | null>;

/** What a custom detection rule's alert carries instead of a catalogue template ("Create custom detection rules"). */
export interface CustomAlertContent {
  ruleId: string;
  title: string;
  description: string;
  category: string;
  mitreTechniques: string[];
  recommendedActions: string | null;
  evidence: EvidenceItem[];
}

export interface Incident {
  idx: number;
  id: number;
  name: string;
  createdMs: number;
  lastUpdateMs: number;
  status: string;
  assignedTo: string | null;
  classification: string | null;
  determination: string | null;
  tags: string[];
  comments: AlertComment[];
  alertIdxs: number[];
}

export interface Recommendation {
  idx: number;
  id: string;
  name: string;
  productName: string;
  vendor: string;
  software: number | null;
  category: string;
  subCategory: string;
  remediationType: string;
  recommendedVersion: string;
  recommendedProgram: string | null;
  recommendedVendor: string | null;
  relatedComponent: string;
  severityScore: number;
  configScoreImpact: number;
  exposureImpact: number;
  status: string;
  weaknesses: number;
  publicExploit: boolean;
  activeAlert: boolean;
  exposedMachinesCount: number;
  totalMachineCount: number;
  associatedThreats: string[];
  /** Share of applicable devices failing a configuration recommendation. */
  failRate: number;
  families: string[];
}

export interface SoftwareStats {
  weaknesses: number;
  exposedMachines: number;
  installedMachines: number;
  publicExploit: boolean;
  activeAlert: boolean;
  impactScore: number;
}
