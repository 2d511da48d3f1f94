// Intune `windowsProtectionState` ("windowsProtectionState resource type", v1.0 = beta). `productStatus` is a flags
// enum ("windowsDefenderProductStatus"); several flags are written as a comma-separated list of member names.
import { isoTime } from "../clock";
import type { Device } from "../tenant/model";
import type { AvState } from "../tenant/posture/model";

const DAY_MS = 86_400_000;

export function protectionStateJson(d: Device, av: AvState, nowMs: number): Record<string, unknown> {
  const quickOverdue = av.quickScanMs === null || nowMs - av.quickScanMs > 2 * DAY_MS;
  const fullOverdue = av.fullScanMs === null || nowMs - av.fullScanMs > 8 * DAY_MS;
  const signatureOverdue = av.signatureUpToDate === "False";
  const flags: string[] = [];
  if (av.mode === "2") flags.push("serviceNotRunning");
  if (signatureOverdue) flags.push("avSignaturesOutOfDate");
  if (quickOverdue) flags.push("noQuickScanHappenedForSpecifiedPeriod");
  if (fullOverdue) flags.push("noFullScanHappenedForSpecifiedPeriod");
  if (av.platformUpToDate === "False") flags.push("platformOutOfDate");
  return {
    "@odata.type": "#microsoft.graph.windowsProtectionState",
    id: d.intune!.id,
    malwareProtectionEnabled: av.mode !== "2",
    deviceState: av.mode === "2" ? "critical" : fullOverdue && av.fullScanMs === null ? "fullScanPending" : "clean",
    realTimeProtectionEnabled: av.realTimeProtection,
    networkInspectionSystemEnabled: av.realTimeProtection,
    quickScanOverdue: quickOverdue,
    fullScanOverdue: fullOverdue,
    signatureUpdateOverdue: signatureOverdue,
    rebootRequired: false,
    fullScanRequired: fullOverdue && av.fullScanMs === null,
    engineVersion: av.engineVersion,
    signatureVersion: av.signatureVersion,
    antiMalwareVersion: av.platformVersion,
    lastQuickScanDateTime: av.quickScanMs === null ? null : isoTime(av.quickScanMs),
    lastFullScanDateTime: av.fullScanMs === null ? null : isoTime(av.fullScanMs),
    lastQuickScanSignatureVersion: av.signatureVersion,
    lastFullScanSignatureVersion: av.fullScanMs === null ? null : av.signatureVersion,
    lastReportedDateTime: isoTime(av.lastReportedMs),
    productStatus: flags.length ? flags.join(",") : "noStatus",
    isVirtualMachine: d.intune!.manufacturer.startsWith("VMware") || d.intune!.model === "Virtual Machine",
    tamperProtectionEnabled: av.tamperProtection,
  };
}
