import { CLASSIFICATION_LABELS, DETERMINATIONS } from "./alerts/vocabulary";

// Client-safe and zod-free (browser pages import it): the one place where a Defender or Intune enum value becomes the words a person reads. The cache,
// the API, filters in the URL and CSV exports keep the raw values (they are what Microsoft's APIs and scripts
// understand); only what is drawn on screen goes through `label()`.
//
// Lookups ignore case: Defender for Endpoint's REST API spells values in PascalCase ("InProgress"), Graph's
// security API in camelCase ("inProgress"), and Intune's managedDevice in camelCase ("inGracePeriod"). A value
// missing here (Microsoft adds enum members; Graph sends `unknownFutureValue`) still reads as words: its camelCase
// is split ("SuspiciousActivity" → "Suspicious activity").

type Labels = Record<string, string>;

/** Alert and CVE severities (learn.microsoft.com/defender-endpoint/api/alerts: UnSpecified … High; TVM adds Critical). */
const SEVERITY: Labels = {
  UnSpecified: "Unspecified",
  Informational: "Informational",
  Low: "Low",
  Medium: "Medium",
  High: "High",
  Critical: "Critical",
};

/** Alert status (Defender for Endpoint "Alert resource type"; Graph alert's alertStatus adds unknownFutureValue). */
const ALERT_STATUS: Labels = { Unknown: "Unknown", New: "New", InProgress: "In progress", Resolved: "Resolved" };

/** Incident status (Defender XDR "List incidents API"; Graph incidentStatus adds awaitingAction). */
const INCIDENT_STATUS: Labels = {
  Active: "Active",
  InProgress: "In progress",
  Resolved: "Resolved",
  Redirected: "Merged into another incident",
  AwaitingAction: "Awaiting action",
};

/** Classification: the console's triage labels, plus Graph's alertClassification "unknown". */
const CLASSIFICATION: Labels = { ...CLASSIFICATION_LABELS, Unknown: "Not classified" };

/**
 * Determination, in every spelling Microsoft uses: the GET spelling and the PATCH spelling of "Update alert", the
 * XDR incident spellings (CompromisedAccount, NoEnoughDataToValidate) and Graph's alertDetermination members.
 */
const DETERMINATION: Labels = {
  ...Object.fromEntries(
    Object.values(DETERMINATIONS)
      .flat()
      .flatMap((d) => [
        [d.value, d.label],
        [d.patch, d.label],
      ]),
  ),
  Apt: "APT",
  SecurityPersonnel: "Security personnel",
  CompromisedAccount: "Compromised account",
  NotEnoughDataToValidate: "Not enough data to validate",
  NoEnoughDataToValidate: "Not enough data to validate",
  Unknown: "Not determined",
};

/** Automated investigation state of an alert (Defender for Endpoint "Alert resource type"). */
const INVESTIGATION_STATE: Labels = {
  Unknown: "Unknown",
  Terminated: "Terminated",
  SuccessfullyRemediated: "Remediated",
  Benign: "No threats found",
  Failed: "Failed",
  PartiallyRemediated: "Partially remediated",
  Running: "Running",
  PendingApproval: "Pending approval",
  PendingResource: "Pending resource",
  PartiallyInvestigated: "Partially investigated",
  TerminatedByUser: "Stopped by a person",
  TerminatedBySystem: "Stopped by the system",
  Queued: "Queued",
  InnerFailure: "Failed",
  PreexistingAlert: "Pre-existing alert",
  UnsupportedOs: "Unsupported OS",
  UnsupportedAlertType: "Unsupported alert type",
  SuppressedAlert: "Suppressed alert",
};

/** The console's isolation and app-restriction states of a device (derived from Defender's machine actions). */
const ISOLATION_STATE: Labels = { Isolated: "Isolated", NotIsolated: "Not isolated" };
const RESTRICTION_STATE: Labels = { Restricted: "App execution restricted", NotRestricted: "Not restricted" };

/** Machine action types (Defender for Endpoint "MachineAction resource type"), as the console's buttons name them. */
const ACTION_TYPE: Labels = {
  Isolate: "Isolate",
  Unisolate: "Release from isolation",
  RunAntiVirusScan: "Antivirus scan",
  RestrictCodeExecution: "Restrict app execution",
  UnrestrictCodeExecution: "Remove app restriction",
  CollectInvestigationPackage: "Collect investigation package",
  Offboard: "Offboard",
  LiveResponse: "Live response",
  StopAndQuarantineFile: "Stop and quarantine file",
};

/** Machine action status: Defender's (Pending … Cancelled) and the console's own before it reached Defender. */
const ACTION_STATUS: Labels = {
  Pending: "Pending",
  InProgress: "In progress",
  Succeeded: "Succeeded",
  Failed: "Failed",
  TimeOut: "Timed out",
  Cancelled: "Cancelled",
  AwaitingApproval: "Awaiting approval",
  Rejected: "Rejected",
  Withdrawn: "Withdrawn",
  Queued: "Queued",
  Sending: "Sending",
  Sent: "Sent",
  SendFailed: "Could not be sent",
};

/** Sensor health (Defender for Endpoint "Machine resource type" healthStatus; Graph deviceEvidence spells it camelCase). */
const HEALTH_STATUS: Labels = {
  Active: "Active",
  Inactive: "Inactive",
  ImpairedCommunication: "Impaired communication",
  NoSensorData: "No sensor data",
  NoSensorDataImpairedCommunication: "No sensor data, impaired communication",
  Unknown: "Unknown",
};

/** Onboarding status (Machine resource type; documented "onboarded", seen "Onboarded" live — case is ignored). */
const ONBOARDING_STATUS: Labels = {
  Onboarded: "Onboarded",
  CanBeOnboarded: "Can be onboarded",
  Unsupported: "Unsupported",
  InsufficientInfo: "Insufficient info",
};

/** Risk score, exposure level and device value (Machine resource type). */
const LEVEL: Labels = { None: "None", Informational: "Informational", Low: "Low", Medium: "Medium", High: "High" };
const DEVICE_VALUE: Labels = { Normal: "Normal", Low: "Low", High: "High" };

/** Intune compliance state (Graph "managedDevice resource type", complianceState enum). */
const COMPLIANCE_STATE: Labels = {
  compliant: "Compliant",
  noncompliant: "Not compliant",
  inGracePeriod: "In grace period",
  conflict: "Conflicting policies",
  error: "Error",
  configManager: "Managed by Configuration Manager",
  unknown: "Unknown",
};

/** Intune management agent (Graph "managementAgentType enum type"). */
const MANAGEMENT_AGENT: Labels = {
  eas: "Exchange ActiveSync",
  mdm: "Intune (MDM)",
  easMdm: "Intune (MDM) and Exchange ActiveSync",
  intuneClient: "Intune PC client",
  easIntuneClient: "Intune PC client and Exchange ActiveSync",
  configurationManagerClient: "Configuration Manager",
  configurationManagerClientMdm: "Configuration Manager and Intune (MDM)",
  configurationManagerClientMdmEas: "Configuration Manager, Intune (MDM) and Exchange ActiveSync",
  unknown: "Unknown",
  jamf: "Jamf",
  googleCloudDevicePolicyController: "Google Cloud device policy controller",
  microsoft365ManagedMdm: "Microsoft 365 (MDM)",
  msSense: "Microsoft Defender for Endpoint",
  intuneAosp: "Intune (Android Open Source Project)",
  windowsManagementCloudApi: "Windows management cloud API",
};

/** Antivirus status of a device (Graph deviceEvidence defenderAvStatus; Machine resource type, seen live). */
const AV_STATUS: Labels = {
  notReporting: "Not reporting",
  disabled: "Disabled",
  notUpdated: "Out of date",
  updated: "Up to date",
  unknown: "Unknown",
  notSupported: "Not supported",
};

/** Where an alert came from (Alert resource type detectionSource), as the Defender portal names the sources. */
const DETECTION_SOURCE: Labels = {
  WindowsDefenderAtp: "EDR",
  WindowsDefenderAv: "Antivirus",
  WindowsDefenderSmartScreen: "SmartScreen",
  CustomerTI: "Custom TI",
  CustomDetection: "Custom detection",
  AutomatedInvestigation: "Automated investigation",
  MTP: "Microsoft Defender XDR",
  Mdatp: "EDR",
  Mcas: "Defender for Cloud Apps",
  Mdi: "Defender for Identity",
  Mdo: "Defender for Office 365",
};

/** TVM recommendation remediation type (Recommendation resource type) and the console's remediation request status. */
const REMEDIATION_TYPE: Labels = {
  Update: "Update",
  Upgrade: "Upgrade",
  Uninstall: "Uninstall",
  ConfigurationChange: "Configuration change",
};

/** How an advanced hunting run ended (lib/hunting) and the time ranges its page offers (ISO 8601 durations). */
const HUNTING_OUTCOME: Labels = {
  ok: "Rows returned",
  invalid: "Query error",
  throttled: "Quota used up",
  failed: "Failed",
};
const HUNTING_TIMESPAN: Labels = {
  PT1H: "Last hour",
  P1D: "Last 24 hours",
  P7D: "Last 7 days",
  P30D: "Last 30 days",
};

/** What the console notifies about (lib/notifications). */
const NOTIFICATION_EVENT: Labels = {
  "alert.created": "New alert",
  "incident.created": "New incident",
  "sla.warning": "SLA about to breach",
  "sla.breached": "SLA breached",
  "action.failed": "Response action failed or timed out",
  "approval.requested": "Approval requested",
  "sync.failing": "Sync failing",
  "detection_rule.failing": "Detection rule failing",
};

/** Notification channels, digests and delivery outcomes. */
const CHANNEL_KIND: Labels = { email: "E-mail", teams: "Microsoft Teams", webhook: "Webhook (signed)" };
const DIGEST: Labels = { immediate: "Immediately", "15m": "Every 15 minutes", "1h": "Hourly" };
const DELIVERY_OUTCOME: Labels = {
  pending: "Waiting",
  sending: "Sending",
  sent: "Sent",
  retrying: "Retrying",
  failed: "Failed",
};

/** Custom indicator types ("Indicator resource type", learn.microsoft.com/defender-endpoint/api/ti-indicator). */
const INDICATOR_TYPE: Labels = {
  FileSha256: "File SHA-256",
  FileSha1: "File SHA-1",
  FileMd5: "File MD5",
  CertificateThumbprint: "Certificate thumbprint",
  IpAddress: "IP address",
  DomainName: "Domain",
  Url: "URL",
};

const MAPS = {
  severity: SEVERITY,
  alertStatus: ALERT_STATUS,
  incidentStatus: INCIDENT_STATUS,
  classification: CLASSIFICATION,
  determination: DETERMINATION,
  investigationState: INVESTIGATION_STATE,
  isolationState: ISOLATION_STATE,
  restrictionState: RESTRICTION_STATE,
  actionType: ACTION_TYPE,
  actionStatus: ACTION_STATUS,
  healthStatus: HEALTH_STATUS,
  onboardingStatus: ONBOARDING_STATUS,
  riskScore: LEVEL,
  exposureLevel: LEVEL,
  deviceValue: DEVICE_VALUE,
  complianceState: COMPLIANCE_STATE,
  managementAgent: MANAGEMENT_AGENT,
  avStatus: AV_STATUS,
  detectionSource: DETECTION_SOURCE,
  category: {} as Labels,
  remediationType: REMEDIATION_TYPE,
  huntingOutcome: HUNTING_OUTCOME,
  huntingTimespan: HUNTING_TIMESPAN,
  notificationEvent: NOTIFICATION_EVENT,
  channelKind: CHANNEL_KIND,
  digest: DIGEST,
  deliveryOutcome: DELIVERY_OUTCOME,
  indicatorType: INDICATOR_TYPE,
} satisfies Record<string, Labels>;

export type LabelKind = keyof typeof MAPS;

const LOOKUP = new Map(
  Object.entries(MAPS).map(([kind, labels]) => [
    kind,
    new Map(Object.entries(labels).map(([value, text]) => [value.toLowerCase(), text])),
  ]),
);

/**
 * A readable form of any enum-like value: words split at case changes, acronyms kept, the first word capitalised.
 * "SuspiciousActivity" → "Suspicious activity", "unknownFutureValue" → "Unknown future value", "CVE_ID" → "CVE ID".
 */
export function humanize(value: string): string {
  const words = value
    .replace(/[_-]+/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  if (!words.length) return value;
  return words
    .map((w, i) => {
      if (w.length > 1 && w === w.toUpperCase()) return w;
      const lower = w.toLowerCase();
      return i === 0 ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
    })
    .join(" ");
}

/** The words for a Defender or Intune value; `fallback` when there is no value; unknown values are humanized. */
export function label(kind: LabelKind, value: string | null | undefined, fallback = "—"): string {
  if (value === null || value === undefined || value === "") return fallback;
  return LOOKUP.get(kind)?.get(value.toLowerCase()) ?? humanize(value);
}

/** `label` bound to one kind, for filter options and column formatters: `format={labeller("alertStatus")}`. */
export function labeller(kind: LabelKind): (value: string) => string {
  return (value) => label(kind, value);
}
