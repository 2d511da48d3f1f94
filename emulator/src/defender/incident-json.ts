// Defender XDR incident shape (the example in "List incidents API in Microsoft Defender XDR") with embedded
// alerts, devices and entities.
import { templateOf } from "../tenant/alert-content";
import { isoTime } from "../clock";
import { incidentSeverity } from "../tenant/alert-factory";
import type { AlertRecord, Incident } from "../tenant/model";
import type { Tenant } from "../tenant/tenant";
import { alertEvidence } from "./evidence";

/** XDR alert statuses are New/Active/Resolved (defender-xdr/api-list-incidents); MDE's InProgress maps to Active. */
function xdrAlertStatus(status: string): string {
  return status === "InProgress" ? "Active" : status;
}

function xdrAlert(t: Tenant, a: AlertRecord): Record<string, unknown> {
  const tpl = templateOf(a);
  const m = t.machines[a.machine]!;
  const entities = alertEvidence(t, a).map((e) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(e))
      if (v !== null && k !== "evidenceCreationTime" && k !== "detectionStatus") out[k] = v;
    out.deviceId = m.id;
    return out;
  });
  return {
    alertId: a.id,
    incidentId: a.incidentId,
    serviceSource: "MicrosoftDefenderForEndpoint",
    creationTime: isoTime(a.createdMs),
    lastUpdatedTime: isoTime(a.lastUpdateMs),
    resolvedTime: a.resolvedMs === null ? null : isoTime(a.resolvedMs),
    firstActivity: isoTime(a.firstEventMs),
    lastActivity: isoTime(a.lastEventMs),
    title: tpl.title,
    description: tpl.description,
    category: tpl.category,
    status: xdrAlertStatus(a.status),
    severity: a.severity,
    investigationId: a.investigationId,
    investigationState: a.investigationState,
    classification: a.classification,
    determination: a.determination,
    detectionSource: tpl.detectionSource,
    detectorId: a.detectorId,
    assignedTo: a.assignedTo,
    actorName: null,
    threatFamilyName: tpl.threatFamilyName,
    mitreTechniques: tpl.mitreTechniques,
    devices: [
      {
        deviceId: m.id,
        aadDeviceId: m.aadDeviceId,
        deviceDnsName: m.dnsName,
        osPlatform: m.osPlatform,
        osBuild: m.osBuild,
        version: m.version,
        healthStatus: m.healthStatus,
        riskScore: m.riskScore,
        rbacGroupName: m.group.name,
        firstSeen: isoTime(m.firstSeenMs),
        tags: m.machineTags,
        defenderAvStatus: m.defenderAvStatus,
        onboardingStatus: m.onboardingStatus,
      },
    ],
    entities,
  };
}

export function incidentJson(t: Tenant, i: Incident): Record<string, unknown> {
  return {
    incidentId: i.id,
    incidentUri: `https://security.microsoft.com/incidents/${i.id}?tid=${t.tenantId}`,
    redirectIncidentId: null,
    incidentName: i.name,
    createdTime: isoTime(i.createdMs),
    lastUpdateTime: isoTime(i.lastUpdateMs),
    assignedTo: i.assignedTo,
    // Unresolved incidents read Unknown / NotAvailable, as in the list example (defender-xdr/api-list-incidents).
    classification: i.classification ?? "Unknown",
    determination: i.determination ?? "NotAvailable",
    status: i.status,
    severity: incidentSeverity(i, t.alerts),
    tags: i.tags,
    comments: i.comments.map((c) => ({
      comment: c.comment,
      createdBy: c.createdBy,
      createdTime: isoTime(c.createdMs),
    })),
    alerts: i.alertIdxs.map((idx) => xdrAlert(t, t.alerts[idx]!)),
  };
}
