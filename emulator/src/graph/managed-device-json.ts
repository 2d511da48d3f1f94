// Intune managedDevice ("managedDevice resource type"). LIST returns null iccid/udid/notes and 0
// physicalMemoryInBytes; the real values only come from GET by id with $select, as those properties' descriptions say.
import { isoTime } from "../clock";
import type { Device } from "../tenant/model";
import type { Tenant } from "../tenant/tenant";

const OS_NAME: Record<string, string> = {
  windows: "Windows",
  server: "Windows",
  macos: "macOS",
  linux: "Linux",
  ios: "iOS",
  android: "Android",
};

export function managedDeviceJson(
  t: Tenant,
  d: Device,
  single: boolean,
  selected: string[] | null,
): Record<string, unknown> {
  const i = d.intune!;
  const user = d.primaryUser >= 0 ? t.employees[d.primaryUser]! : null;
  const wants = (k: string) => single && selected?.some((s) => s.toLowerCase() === k.toLowerCase()) === true;
  const mobile = d.family === "ios" || d.family === "android";
  return {
    "@odata.type": "#microsoft.graph.managedDevice",
    id: i.id,
    userId: user?.aadUserId ?? null,
    deviceName: d.family === "windows" ? d.hostName.toUpperCase() : d.hostName,
    managedDeviceOwnerType: i.ownerType,
    enrolledDateTime: isoTime(i.enrolledMs),
    lastSyncDateTime: isoTime(i.lastSyncMs),
    operatingSystem: OS_NAME[d.family],
    complianceState: i.complianceState,
    jailBroken: i.jailBroken,
    managementAgent: i.managementAgent,
    osVersion: d.osVersionFull,
    easActivated: mobile,
    easDeviceId: mobile ? i.serialNumber : "",
    easActivationDateTime: mobile ? isoTime(i.enrolledMs) : "0001-01-01T00:00:00Z",
    azureADRegistered: d.aadDeviceId !== null,
    deviceEnrollmentType: i.enrollmentType,
    activationLockBypassCode: null,
    emailAddress: user?.upn ?? "",
    azureADDeviceId: d.aadDeviceId ?? "00000000-0000-0000-0000-000000000000",
    deviceRegistrationState: d.aadDeviceId ? "registered" : "notRegistered",
    deviceCategoryDisplayName: "Unknown",
    isSupervised: d.family === "ios" && i.ownerType === "company",
    exchangeLastSuccessfulSyncDateTime: "0001-01-01T00:00:00Z",
    exchangeAccessState: "none",
    exchangeAccessStateReason: "none",
    remoteAssistanceSessionUrl: null,
    remoteAssistanceSessionErrorDetails: null,
    isEncrypted: i.isEncrypted,
    userPrincipalName: user?.upn ?? "",
    model: i.model,
    manufacturer: i.manufacturer,
    imei: i.imei,
    complianceGracePeriodExpirationDateTime:
      i.complianceState === "inGracePeriod" ? isoTime(i.lastSyncMs + 3 * 86_400_000) : "9999-12-31T23:59:59Z",
    serialNumber: i.serialNumber,
    phoneNumber: i.phoneNumber,
    androidSecurityPatchLevel: i.androidSecurityPatchLevel,
    userDisplayName: user?.displayName ?? "",
    configurationManagerClientEnabledFeatures:
      i.managementAgent === "configurationManagerClientMdm"
        ? {
            inventory: true,
            modernApps: false,
            resourceAccess: false,
            deviceConfiguration: false,
            compliancePolicy: false,
            windowsUpdateForBusiness: true,
          }
        : null,
    wiFiMacAddress: i.wiFiMac,
    deviceHealthAttestationState: null,
    subscriberCarrier: mobile ? "Contoso Mobile" : "",
    meid: "",
    totalStorageSpaceInBytes: i.totalStorage,
    freeStorageSpaceInBytes: i.freeStorage,
    managedDeviceName: `${user ? user.accountName : "device"}_${OS_NAME[d.family]}_${new Date(i.enrolledMs).toISOString().slice(0, 10).replace(/-/g, "/")}`,
    partnerReportedThreatState: i.partnerReportedThreatState,
    requireUserEnrollmentApproval: null,
    managementCertificateExpirationDate: isoTime(i.enrolledMs + 365 * 86_400_000),
    iccid: wants("iccid") && mobile ? `8901${i.serialNumber}` : null,
    udid: wants("udid") && d.family === "ios" ? `00008110-${i.serialNumber}` : null,
    notes: wants("notes") ? `Primary user: ${user?.displayName ?? "none"}` : null,
    ethernetMacAddress: i.ethernetMac || null,
    physicalMemoryInBytes: wants("physicalMemoryInBytes") ? i.physicalMemory : 0,
  };
}
