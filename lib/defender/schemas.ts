import { z } from "zod";
import { IsoDateTime } from "../microsoft/schemas";

// zod at the boundary for every Defender / XDR entity (their resource-type pages on learn.microsoft.com). Rules:
// - Unknown fields pass through (looseObject): Microsoft adds fields without notice and a new field must not drop records.
// - Required = what the cache cannot do without (ids, titles, the change timestamps the sync pages on).
// - Enums are open strings: Microsoft adds values without notice (prisma/schema.prisma stores them as text).
// - Timestamps stay ISO strings but must parse; MDE sends up to 7 fractional digits (its docs' examples).

export { IsoDateTime };

const optText = z.string().nullish();
const optDate = IsoDateTime.nullish();
const optNumber = z.number().nullish();
const optBool = z.boolean().nullish();
const textList = z
  .array(z.string())
  .nullish()
  .transform((v) => v ?? []);

/** Numbers arrive as numbers or numeric strings (rbacGroupId: String in the machine table, numbers in examples). */
const looseInt = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((v) => {
    if (v === null || v === undefined || v === "") return null;
    const n = typeof v === "number" ? v : Number(v);
    return Number.isFinite(n) ? n : null;
  });

/** mitreTechniques: "String" in the table, a JSON array in every example (alerts page). Always string[] here. */
const mitreTechniques = z
  .union([z.array(z.string()), z.string()])
  .nullish()
  .transform((v) => {
    if (v === null || v === undefined) return [];
    if (Array.isArray(v)) return v;
    return v.split(/[\s,;]+/).filter(Boolean);
  });

// ───────────── Alerts (learn.microsoft.com/defender-endpoint/api/alerts) ─────────────

export const AlertEvidence = z.looseObject({
  entityType: z.string(),
  evidenceCreationTime: optDate,
  sha1: optText,
  sha256: optText,
  fileName: optText,
  filePath: optText,
  processId: optNumber,
  processCommandLine: optText,
  processCreationTime: optDate,
  parentProcessId: optNumber,
  parentProcessCreationTime: optDate,
  parentProcessFileName: optText,
  parentProcessFilePath: optText,
  ipAddress: optText,
  url: optText,
  registryKey: optText,
  registryHive: optText,
  registryValueType: optText,
  registryValue: optText,
  accountName: optText,
  domainName: optText,
  userSid: optText,
  aadUserId: optText,
  userPrincipalName: optText,
  detectionStatus: optText,
});
export type AlertEvidence = z.infer<typeof AlertEvidence>;

/** Comment time: the table says `createTime`, every JSON example `createdTime`. Normalised to createdTime. */
export const AlertComment = z
  .looseObject({ comment: optText, createdBy: optText, createdTime: optDate, createTime: optDate })
  .transform(({ createTime, ...c }) => ({
    ...c,
    comment: c.comment ?? "",
    createdBy: c.createdBy ?? null,
    createdTime: c.createdTime ?? createTime ?? null,
  }));
export type AlertComment = z.infer<typeof AlertComment>;

export const RelatedUser = z.looseObject({ userName: optText, domainName: optText });
export type RelatedUser = z.infer<typeof RelatedUser>;

export const Alert = z.looseObject({
  id: z.string().min(1),
  title: z.string(),
  description: optText,
  severity: z.string(),
  status: z.string(),
  alertCreationTime: IsoDateTime,
  lastUpdateTime: IsoDateTime,
  firstEventTime: optDate,
  lastEventTime: optDate,
  resolvedTime: optDate,
  incidentId: looseInt,
  investigationId: looseInt,
  investigationState: optText,
  assignedTo: optText,
  classification: optText,
  determination: optText,
  category: optText,
  detectionSource: optText,
  detectorId: optText,
  threatFamilyName: optText,
  threatName: optText,
  machineId: optText,
  computerDnsName: optText,
  rbacGroupName: optText,
  aadTenantId: optText,
  mitreTechniques,
  relatedUser: RelatedUser.nullish(),
  comments: z
    .array(AlertComment)
    .nullish()
    .transform((v) => v ?? []),
  /** Present with $expand=evidence on lists and on GET by id (get-alerts). */
  evidence: z
    .array(AlertEvidence)
    .nullish()
    .transform((v) => v ?? []),
});
export type Alert = z.infer<typeof Alert>;

// ───────────── Machines (learn.microsoft.com/defender-endpoint/api/machine) ─────────────

export const MachineIpAddress = z.looseObject({
  ipAddress: optText,
  macAddress: optText,
  operationalStatus: optText,
  type: optText,
});

export const Machine = z.looseObject({
  id: z.string().min(1),
  computerDnsName: optText,
  firstSeen: optDate,
  lastSeen: optDate,
  osPlatform: optText,
  osVersion: optText,
  osProcessor: optText,
  osArchitecture: optText,
  version: optText,
  osBuild: looseInt,
  agentVersion: optText,
  lastIpAddress: optText,
  lastExternalIpAddress: optText,
  healthStatus: optText,
  onboardingStatus: optText,
  deviceValue: optText,
  rbacGroupId: looseInt,
  rbacGroupName: optText,
  riskScore: optText,
  exposureLevel: optText,
  isAadJoined: optBool,
  aadDeviceId: optText,
  machineTags: textList,
  defenderAvStatus: optText,
  managedBy: optText,
  managedByStatus: optText,
  isPotentialDuplication: optBool,
  mergedIntoMachineId: optText,
  isExcluded: optBool,
  exclusionReason: optText,
  ipAddresses: z
    .array(MachineIpAddress)
    .nullish()
    .transform((v) => v ?? []),
});
export type Machine = z.infer<typeof Machine>;

/** GET /api/machines/{id}/logonusers (get-machine-log-on-users). */
export const LogonUser = z.looseObject({
  id: optText,
  accountName: z.string(),
  accountDomain: optText,
  accountSid: optText,
  firstSeen: optDate,
  lastSeen: optDate,
  logonTypes: optText,
  isDomainAdmin: optBool,
  isOnlyNetworkUser: optBool,
});
export type LogonUser = z.infer<typeof LogonUser>;

// ───────────── Machine actions (learn.microsoft.com/defender-endpoint/api/machineaction) ─────────────

/** `lastUpdateDateTimeUtc` (entity/get) vs `lastUpdateTimeUtc` (list examples): both read, one kept. */
const MachineActionFields = z.looseObject({
  id: z.string().min(1),
  type: z.string(),
  status: z.string(),
  machineId: z.string(),
  creationDateTimeUtc: IsoDateTime,
  lastUpdateDateTimeUtc: optDate,
  lastUpdateTimeUtc: optDate,
  scope: optText,
  title: optText,
  requestor: optText,
  requestorComment: optText,
  requestSource: optText,
  externalID: optText,
  computerDnsName: optText,
  cancellationRequestor: optText,
  cancellationComment: optText,
  cancellationDateTimeUtc: optDate,
  errorHResult: optNumber,
  relatedFileInfo: z.looseObject({ fileIdentifier: optText, fileIdentifierType: optText }).nullish(),
});

export const MachineAction = MachineActionFields.transform(({ lastUpdateTimeUtc, ...a }) => ({
  ...a,
  // The entity page spells it lastUpdateDateTimeUtc, the list examples lastUpdateTimeUtc.
  lastUpdateDateTimeUtc: a.lastUpdateDateTimeUtc ?? lastUpdateTimeUtc ?? null,
}));
export type MachineAction = z.infer<typeof MachineAction>;

// ───────────── Threat & vulnerability management (learn.microsoft.com/defender-endpoint/api/vulnerability) ─────────────

export const Vulnerability = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  description: optText,
  severity: z.string(),
  cvssV3: optNumber,
  cvssVector: optText,
  exposedMachines: optNumber,
  publishedOn: optDate,
  updatedOn: optDate,
  publicExploit: optBool,
  exploitVerified: optBool,
  exploitInKit: optBool,
  exploitTypes: textList,
  exploitUris: textList,
  /** Declared a collection, sent as a string (the example); kept as sent. */
  CveSupportability: z.union([z.string(), z.array(z.string())]).nullish(),
});
export type Vulnerability = z.infer<typeof Vulnerability>;

/** One row of GET /api/vulnerabilities/machinesVulnerabilities (get-all-vulnerabilities-by-machines). */
export const MachineVulnerability = z.looseObject({
  id: z.string().min(1),
  cveId: z.string(),
  machineId: z.string(),
  productName: z.string(),
  productVendor: z.string(),
  productVersion: z.string(),
  severity: z.string(),
  fixingKbId: optText,
});
export type MachineVulnerability = z.infer<typeof MachineVulnerability>;

export const Recommendation = z.looseObject({
  id: z.string().min(1),
  recommendationName: z.string(),
  productName: optText,
  vendor: optText,
  recommendedVersion: optText,
  recommendedProgram: optText,
  recommendedVendor: optText,
  recommendationCategory: optText,
  subCategory: optText,
  severityScore: optNumber,
  publicExploit: optBool,
  activeAlert: optBool,
  associatedThreats: textList,
  remediationType: optText,
  status: optText,
  configScoreImpact: optNumber,
  exposureImpact: optNumber,
  totalMachineCount: optNumber,
  exposedMachinesCount: optNumber,
  nonProductivityImpactedAssets: optNumber,
  relatedComponent: optText,
  weaknesses: optNumber,
});
export type Recommendation = z.infer<typeof Recommendation>;

export const Software = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  vendor: z.string(),
  weaknesses: optNumber,
  publicExploit: optBool,
  activeAlert: optBool,
  exposedMachines: optNumber,
  impactScore: optNumber,
});
export type Software = z.infer<typeof Software>;

/** GET /api/exposureScore and /api/configurationScore: current value only (score). */
export const Score = z.looseObject({ time: IsoDateTime, score: z.number() });
export type Score = z.infer<typeof Score>;

/** GET /api/exposureScore/ByMachineGroups items. */
export const GroupScore = z.looseObject({
  time: IsoDateTime,
  score: z.number(),
  rbacGroupName: z.string(),
  rbacGroupId: looseInt,
});
export type GroupScore = z.infer<typeof GroupScore>;

// ───────────── Defender XDR incidents (learn.microsoft.com/defender-xdr/api-incident) ─────────────

export const IncidentComment = AlertComment;

export const IncidentAlert = z.looseObject({
  alertId: z.string(),
  incidentId: looseInt,
  serviceSource: optText,
  creationTime: optDate,
  lastUpdatedTime: optDate,
  resolvedTime: optDate,
  firstActivity: optDate,
  lastActivity: optDate,
  title: optText,
  description: optText,
  category: optText,
  status: optText,
  severity: optText,
  investigationId: looseInt,
  investigationState: optText,
  classification: optText,
  determination: optText,
  detectionSource: optText,
  assignedTo: optText,
  actorName: optText,
  threatFamilyName: optText,
  mitreTechniques,
  devices: z
    .array(z.looseObject({}))
    .nullish()
    .transform((v) => v ?? []),
  entities: z
    .array(z.looseObject({ entityType: optText }))
    .nullish()
    .transform((v) => v ?? []),
});
export type IncidentAlert = z.infer<typeof IncidentAlert>;

export const Incident = z.looseObject({
  incidentId: z.number().int(),
  incidentName: z.string(),
  status: z.string(),
  severity: z.string(),
  createdTime: IsoDateTime,
  lastUpdateTime: IsoDateTime,
  redirectIncidentId: looseInt,
  assignedTo: optText,
  classification: optText,
  determination: optText,
  detectionSource: optText,
  tags: textList,
  comments: z
    .array(IncidentComment)
    .nullish()
    .transform((v) => v ?? []),
  alerts: z
    .array(IncidentAlert)
    .nullish()
    .transform((v) => v ?? []),
});
export type Incident = z.infer<typeof Incident>;

/**
 * An incident in a list page, as the sync stores it. Its embedded alerts are checked only for their id: the cache
 * takes alerts from the alert API (with evidence), and validating tens of thousands of embedded copies field by field
 * cost the sync more than the incidents themselves.
 */
export const IncidentListItem = Incident.extend({
  alerts: z
    .array(z.looseObject({ alertId: z.string() }))
    .nullish()
    .transform((v) => v ?? []),
});
export type IncidentListItem = z.infer<typeof IncidentListItem>;

// ───────────── Write bodies ─────────────

/** PATCH /api/alerts/{id}: camelCase (update-alert). Determination spellings differ between pages: open string. */
export const AlertPatch = z.object({
  status: z.enum(["New", "InProgress", "Resolved"]).optional(),
  assignedTo: z.string().optional(),
  classification: z.enum(["TruePositive", "InformationalExpectedActivity", "FalsePositive"]).optional(),
  determination: z.string().optional(),
  comment: z.string().optional(),
});
export type AlertPatch = z.infer<typeof AlertPatch>;

export const IncidentPatch = z.object({
  status: z.enum(["Active", "InProgress", "Resolved", "Redirected"]).optional(),
  assignedTo: z.string().optional(),
  classification: z.enum(["TruePositive", "InformationalExpectedActivity", "FalsePositive"]).optional(),
  determination: z.string().optional(),
  tags: z.array(z.string()).optional(),
  comment: z.string().optional(),
});
export type IncidentPatch = z.infer<typeof IncidentPatch>;

// ───────────── Automated investigations (learn.microsoft.com/defender-endpoint/api/investigation) ─────────────

/** States are an open string (the resource page lists 18); the id arrives as a string ("63004"). */
export const Investigation = z.looseObject({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  startTime: optDate,
  endTime: optDate,
  state: z.string(),
  cancelledBy: optText,
  statusDetails: optText,
  machineId: z.string(),
  computerDnsName: optText,
  triggeringAlertId: optText,
});
export type Investigation = z.infer<typeof Investigation>;

// ───────────── Live response (learn.microsoft.com/defender-endpoint/api/run-live-response) ─────────────

export const LiveResponseCommandType = z.enum(["PutFile", "RunScript", "GetFile"]);
export type LiveResponseCommandType = z.infer<typeof LiveResponseCommandType>;

export const LiveResponseCommand = z.looseObject({
  index: z.number().int(),
  startTime: optDate,
  endTime: optDate,
  /** Created, Completed, Failed (open string). */
  commandStatus: z.string(),
  errors: textList,
  command: z.looseObject({
    type: z.string(),
    params: z
      .array(z.looseObject({ key: z.string(), value: z.string() }))
      .nullish()
      .transform((v) => v ?? []),
  }),
});
export type LiveResponseCommand = z.infer<typeof LiveResponseCommand>;

/** A LiveResponse machine action: the MachineAction fields plus its commands. */
export const LiveResponseAction = MachineActionFields.extend({
  commands: z
    .array(LiveResponseCommand)
    .nullish()
    .transform((v) => v ?? []),
}).transform(({ lastUpdateTimeUtc, ...a }) => ({
  ...a,
  lastUpdateDateTimeUtc: a.lastUpdateDateTimeUtc ?? lastUpdateTimeUtc ?? null,
}));
export type LiveResponseAction = z.infer<typeof LiveResponseAction>;

/** The RunScript result file (get-live-response-result). */
export const LiveResponseScriptResult = z.looseObject({
  script_name: z.string(),
  exit_code: z.number(),
  script_output: z
    .string()
    .nullish()
    .transform((v) => v ?? ""),
  script_errors: z
    .string()
    .nullish()
    .transform((v) => v ?? ""),
});
export type LiveResponseScriptResult = z.infer<typeof LiveResponseScriptResult>;

/** `{"@odata.context": "…#Edm.String", "value": "<url>"}`. */
export const DownloadLink = z.looseObject({ value: z.string().url() });

export const LibraryFile = z.looseObject({
  fileName: z.string().min(1),
  sha256: optText,
  description: optText,
  creationTime: optDate,
  lastUpdatedTime: optDate,
  createdBy: optText,
  hasParameters: optBool,
  parametersDescription: optText,
});
export type LibraryFile = z.infer<typeof LibraryFile>;

// ───────────── Custom indicators (learn.microsoft.com/defender-endpoint/api/ti-indicator) ─────────────

export const Indicator = z.looseObject({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  indicatorValue: z.string(),
  indicatorType: z.string(),
  action: z.string(),
  application: optText,
  /** The examples spell it `source`, the property table `createdBySource`. */
  source: optText,
  createdBySource: optText,
  sourceType: optText,
  title: optText,
  description: optText,
  recommendedActions: optText,
  severity: optText,
  creationTimeDateTimeUtc: optDate,
  createdBy: optText,
  expirationTime: optDate,
  lastUpdateTime: optDate,
  lastUpdatedBy: optText,
  rbacGroupNames: textList,
  rbacGroupIds: z
    .array(z.union([z.string(), z.number()]).transform(String))
    .nullish()
    .transform((v) => v ?? []),
  generateAlert: optBool,
});
export type Indicator = z.infer<typeof Indicator>;

/** One row of the import answer (import-ti-indicators). */
export const IndicatorImportRow = z.looseObject({
  id: z
    .union([z.string(), z.number()])
    .nullish()
    .transform((v) => (v === null || v === undefined ? null : String(v))),
  indicator: optText,
  isFailed: z.boolean(),
  failureReason: optText,
});
export const IndicatorImportResponse = z.looseObject({ value: z.array(IndicatorImportRow) });
// --- Antivirus health (learn.microsoft.com/defender-endpoint/api/device-health-api-methods-properties) ---
// The up-to-date flags are the strings "True" / "False" / "Unknown", not booleans; avMode is a string-typed integer
// ("0" active, "1" passive, "2" disabled, "4" EDR in block mode, "5" passive audit; "" or "3" other); timestamps come
// with a Z or an offset and macOS rows may omit the scan fields. Only the documented columns are read.

export const DeviceAvInfo = z.looseObject({
  machineId: z.string().min(1),
  computerDnsName: optText,
  osKind: optText,
  osPlatform: optText,
  osVersion: optText,
  avMode: optText,
  avSignatureVersion: optText,
  avEngineVersion: optText,
  avPlatformVersion: optText,
  avIsSignatureUpToDate: optText,
  avIsEngineUpToDate: optText,
  avIsPlatformUpToDate: optText,
  avSignatureUpdateTime: optDate,
  avSignaturePublishTime: optDate,
  avEngineUpdateTime: optDate,
  avPlatformUpdateTime: optDate,
  quickScanResult: optText,
  quickScanError: optText,
  quickScanTime: optDate,
  fullScanResult: optText,
  fullScanError: optText,
  fullScanTime: optDate,
  lastSeenTime: optDate,
  dataRefreshTimestamp: optDate,
  rbacGroupId: looseInt,
  rbacGroupName: optText,
});
export type DeviceAvInfo = z.infer<typeof DeviceAvInfo>;

// --- Secure configuration assessment (learn.microsoft.com/defender-endpoint/api/get-assessment-secure-config) ---
// One row per (device, configuration). configurationImpact is a string in the table and a number in the example;
// timestamp is space-separated ("2021-01-11 09:47:58.854"), kept as text. Configuration ids of the antivirus checks
// are community-sourced, so callers match on configurationName.

export const SecureConfigurationAssessment = z.looseObject({
  deviceId: z.string().min(1),
  deviceName: optText,
  osPlatform: optText,
  osVersion: optText,
  timestamp: optText,
  configurationId: z.string().min(1),
  configurationName: optText,
  configurationCategory: optText,
  configurationSubcategory: optText,
  configurationImpact: looseInt,
  isCompliant: optBool,
  isApplicable: optBool,
  isExpectedUserImpact: optBool,
  recommendationReference: optText,
  rbacGroupName: optText,
});
export type SecureConfigurationAssessment = z.infer<typeof SecureConfigurationAssessment>;
