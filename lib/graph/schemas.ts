import { z } from "zod";
import { IsoDateTime } from "../microsoft/schemas";

// Intune managed devices (learn.microsoft.com/graph/api/resources/intune-devices-manageddevice). Unknown fields
// pass; enums are open strings (Graph adds members after unknownFutureValue); azureADDeviceId is the join key to
// MDE's aadDeviceId.

const optText = z.string().nullish();
const optDate = IsoDateTime.nullish();
const optBool = z.boolean().nullish();
const optNumber = z.number().nullish();

export const ManagedDevice = z.looseObject({
  id: z.string().min(1),
  deviceName: optText,
  managedDeviceName: optText,
  userId: optText,
  userPrincipalName: optText,
  userDisplayName: optText,
  emailAddress: optText,
  operatingSystem: optText,
  osVersion: optText,
  complianceState: optText,
  managementAgent: optText,
  managedDeviceOwnerType: optText,
  deviceEnrollmentType: optText,
  deviceRegistrationState: optText,
  isEncrypted: optBool,
  isSupervised: optBool,
  azureADRegistered: optBool,
  azureADDeviceId: optText,
  /** Last successful sync with Intune: the change field the sync pages on. */
  lastSyncDateTime: IsoDateTime,
  enrolledDateTime: optDate,
  complianceGracePeriodExpirationDateTime: optDate,
  model: optText,
  manufacturer: optText,
  serialNumber: optText,
  jailBroken: optText,
  partnerReportedThreatState: optText,
  wiFiMacAddress: optText,
  ethernetMacAddress: optText,
  totalStorageSpaceInBytes: optNumber,
  freeStorageSpaceInBytes: optNumber,
});
export type ManagedDevice = z.infer<typeof ManagedDevice>;

// --- Deployment posture (Intune and directory objects) ---

// windowsProtectionState (learn.microsoft.com/graph/api/resources/intune-devices-windowsprotectionstate).
// productStatus is a flags enum: one member name or a comma-separated list.
export const WindowsProtectionState = z.looseObject({
  malwareProtectionEnabled: optBool,
  deviceState: optText,
  realTimeProtectionEnabled: optBool,
  networkInspectionSystemEnabled: optBool,
  quickScanOverdue: optBool,
  fullScanOverdue: optBool,
  signatureUpdateOverdue: optBool,
  rebootRequired: optBool,
  fullScanRequired: optBool,
  engineVersion: optText,
  signatureVersion: optText,
  antiMalwareVersion: optText,
  lastQuickScanDateTime: optDate,
  lastFullScanDateTime: optDate,
  lastReportedDateTime: optDate,
  productStatus: optText,
  isVirtualMachine: optBool,
  tamperProtectionEnabled: optBool,
});
export type WindowsProtectionState = z.infer<typeof WindowsProtectionState>;

/** A managed device with its protection state expanded (beta list, `$expand=windowsProtectionState`). */
export const ManagedDeviceProtection = z.looseObject({
  id: z.string().min(1),
  deviceName: optText,
  operatingSystem: optText,
  azureADDeviceId: optText,
  partnerReportedThreatState: optText,
  /** Intune's change field: a device reports its protection state when it syncs. */
  lastSyncDateTime: optDate,
  windowsProtectionState: WindowsProtectionState.nullish(),
});
export type ManagedDeviceProtection = z.infer<typeof ManagedDeviceProtection>;

// mobileThreatDefenseConnector (intune-onboarding-mobilethreatdefenseconnector): v1.0 documents eight properties,
// beta the platform and MAM toggles too; partnerState gains notSetUp/error in beta, so it stays an open string.
export const MobileThreatDefenseConnector = z.looseObject({
  id: z.string().min(1),
  lastHeartbeatDateTime: optDate,
  partnerState: optText,
  androidEnabled: optBool,
  iosEnabled: optBool,
  windowsEnabled: optBool,
  macEnabled: optBool,
  androidDeviceBlockedOnMissingPartnerData: optBool,
  iosDeviceBlockedOnMissingPartnerData: optBool,
  partnerUnsupportedOsVersionBlocked: optBool,
  partnerUnresponsivenessThresholdInDays: optNumber,
  microsoftDefenderForEndpointAttachEnabled: optBool,
});
export type MobileThreatDefenseConnector = z.infer<typeof MobileThreatDefenseConnector>;

// advancedThreatProtectionOnboardingStateSummary and its device setting states (beta): Intune's onboarding-policy
// state per device, not Defender sensor health.
export const AtpOnboardingSummary = z.looseObject({
  unknownDeviceCount: z.number(),
  notApplicableDeviceCount: z.number(),
  compliantDeviceCount: z.number(),
  remediatedDeviceCount: z.number(),
  nonCompliantDeviceCount: z.number(),
  errorDeviceCount: z.number(),
  conflictDeviceCount: z.number(),
  notAssignedDeviceCount: z.number(),
});
export type AtpOnboardingSummary = z.infer<typeof AtpOnboardingSummary>;

export const AtpOnboardingDeviceState = z.looseObject({
  id: z.string().min(1),
  deviceId: optText,
  deviceName: optText,
  platformType: optText,
  userPrincipalName: optText,
  state: optText,
});
export type AtpOnboardingDeviceState = z.infer<typeof AtpOnboardingDeviceState>;

// deviceCompliancePolicy (polymorphic by @odata.type). The threat level is deviceThreatProtectionLevel:
// unavailable, secured, low, medium, high, notSet.
export const CompliancePolicy = z.looseObject({
  "@odata.type": optText,
  id: z.string().min(1),
  displayName: optText,
  description: optText,
  createdDateTime: optDate,
  lastModifiedDateTime: optDate,
  version: optNumber,
  deviceThreatProtectionEnabled: optBool,
  deviceThreatProtectionRequiredSecurityLevel: optText,
  advancedThreatProtectionRequiredSecurityLevel: optText,
});
export type CompliancePolicy = z.infer<typeof CompliancePolicy>;

/** deviceComplianceDeviceStatus: no device id, only the display name (the join to managedDevices.deviceName). */
export const ComplianceDeviceStatus = z.looseObject({
  id: z.string().min(1),
  deviceDisplayName: optText,
  userPrincipalName: optText,
  status: optText,
  lastReportedDateTime: optDate,
});
export type ComplianceDeviceStatus = z.infer<typeof ComplianceDeviceStatus>;

/** An Intune assignment target (group, exclusion group, all devices, all licensed users). */
export const PolicyAssignment = z.looseObject({
  id: z.string().min(1),
  target: z.looseObject({ "@odata.type": optText, groupId: optText }),
});
export type PolicyAssignment = z.infer<typeof PolicyAssignment>;

// deviceManagementConfigurationPolicy (beta settings catalog).
export const ConfigurationPolicy = z.looseObject({
  id: z.string().min(1),
  name: optText,
  description: optText,
  platforms: optText,
  technologies: optText,
  createdDateTime: optDate,
  lastModifiedDateTime: optDate,
  settingCount: optNumber,
  isAssigned: optBool,
  templateReference: z
    .looseObject({ templateId: optText, templateFamily: optText, templateDisplayName: optText })
    .nullish(),
});
export type ConfigurationPolicy = z.infer<typeof ConfigurationPolicy>;

/** A setting instance; its shape varies by @odata.type, so its tree is kept as JSON for the reader of each kind. */
export const ConfigurationPolicySetting = z.looseObject({
  id: z.string(),
  settingInstance: z.looseObject({ "@odata.type": optText, settingDefinitionId: z.string() }),
});
export type ConfigurationPolicySetting = z.infer<typeof ConfigurationPolicySetting>;

// subscribedSku (learn.microsoft.com/graph/api/subscribedsku-list): the Defender plan shows in servicePlans.
export const SubscribedSku = z.looseObject({
  id: z.string().min(1),
  skuId: optText,
  skuPartNumber: optText,
  capabilityStatus: optText,
  consumedUnits: optNumber,
  servicePlans: z
    .array(z.looseObject({ servicePlanId: optText, servicePlanName: optText, provisioningStatus: optText }))
    .nullish()
    .transform((v) => v ?? []),
});
export type SubscribedSku = z.infer<typeof SubscribedSku>;

/** A group member; devices carry their Entra device id (deviceId), the join key to managedDevice.azureADDeviceId. */
export const GroupMember = z.looseObject({
  "@odata.type": optText,
  id: z.string().min(1),
  deviceId: optText,
  displayName: optText,
});
export type GroupMember = z.infer<typeof GroupMember>;
