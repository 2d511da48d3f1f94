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
