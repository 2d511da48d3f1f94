// MDE Machine entity ("Machine resource type") in the key order of a captured live response.
import { isoTime } from "../clock";
import type { Device } from "../tenant/model";

export function machineJson(m: Device): Record<string, unknown> {
  const mobile = m.family === "ios" || m.family === "android";
  return {
    id: m.id,
    mergedIntoMachineId: null,
    isPotentialDuplication: false,
    isExcluded: false,
    exclusionReason: null,
    computerDnsName: m.dnsName,
    firstSeen: isoTime(m.firstSeenMs),
    lastSeen: isoTime(m.lastSeenMs),
    osPlatform: m.osPlatform,
    osVersion: m.family === "windows" || m.family === "server" ? null : m.osVersionFull,
    osProcessor: mobile ? "ARM64" : "x64",
    version: m.version,
    lastIpAddress: m.lastIp,
    lastExternalIpAddress: m.lastExternalIp,
    agentVersion: m.agentVersion,
    osBuild: m.osBuild,
    healthStatus: m.healthStatus,
    deviceValue: m.deviceValue,
    // Numbers, as in every example and the live capture; the "Machine resource type" table says String.
    rbacGroupId: m.group.id,
    rbacGroupName: m.group.name,
    riskScore: m.riskScore,
    exposureLevel: m.exposureLevel,
    isAadJoined: m.isAadJoined,
    aadDeviceId: m.aadDeviceId,
    machineTags: m.machineTags,
    defenderAvStatus: m.defenderAvStatus,
    onboardingStatus: m.onboardingStatus,
    osArchitecture: m.osArchitecture,
    managedBy: m.managedBy,
    managedByStatus: m.managedByStatus,
    ipAddresses: [
      {
        ipAddress: m.lastIp,
        macAddress: m.mac.replace(/-/g, ""),
        type: mobile ? "Wireless80211" : "Ethernet",
        operationalStatus: "Up",
      },
      { ipAddress: "127.0.0.1", macAddress: null, type: "SoftwareLoopback", operationalStatus: "Up" },
    ],
    vmMetadata: null,
  };
}
