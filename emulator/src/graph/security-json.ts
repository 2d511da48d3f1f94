// Graph security alert and incident shapes (graph/api/resources/security-alert, security-incident), camelCase enums.
import { templateOf } from "../tenant/alert-content";
import { isoTime } from "../clock";
import { DETECTION_GRAPH_SOURCE } from "../tenant/catalog/alert-templates";
import { incidentSeverity } from "../tenant/alert-factory";
import type { AlertRecord, Incident } from "../tenant/model";
import type { Tenant } from "../tenant/tenant";
import { alertEvidence } from "../defender/evidence";

const camel = (s: string | null): string | null => (s === null ? null : s.charAt(0).toLowerCase() + s.slice(1));

export function graphSeverity(s: string): string {
  return s === "UnSpecified" ? "unknown" : camel(s)!;
}

function fileDetails(sha1: unknown, sha256: unknown, fileName: unknown, filePath: unknown) {
  return { sha1, sha256, fileName, filePath, fileSize: null, filePublisher: null, signer: null, issuer: null };
}

function graphEvidence(t: Tenant, a: AlertRecord): Record<string, unknown>[] {
  const m = t.machines[a.machine]!;
  const base = (type: string, roles: string[]) => ({
    "@odata.type": `#microsoft.graph.security.${type}`,
    createdDateTime: isoTime(a.createdMs + 1000),
    verdict: a.classification === "FalsePositive" ? "noThreatsFound" : "suspicious",
    remediationStatus: a.status === "Resolved" ? "remediated" : "none",
    remediationStatusDetails: null,
    roles,
    detailedRoles: [],
    tags: [],
  });
  const out: Record<string, unknown>[] = [
    {
      ...base("deviceEvidence", []),
      detailedRoles: ["Main device"],
      firstSeenDateTime: isoTime(m.firstSeenMs),
      mdeDeviceId: m.id,
      azureAdDeviceId: m.aadDeviceId,
      deviceDnsName: m.dnsName,
      osPlatform: m.osPlatform,
      osBuild: m.osBuild,
      version: m.version,
      healthStatus: camel(m.healthStatus),
      riskScore: camel(m.riskScore),
      rbacGroupId: m.group.id,
      rbacGroupName: m.group.name,
      onboardingStatus: camel(m.onboardingStatus),
      defenderAvStatus: camel(m.defenderAvStatus),
      ipInterfaces: [m.lastIp],
      loggedOnUsers: [],
      vmMetadata: null,
    },
  ];
  for (const e of alertEvidence(t, a)) {
    const status = camel(e.detectionStatus as string | null);
    if (e.entityType === "Process") {
      out.push({
        ...base("processEvidence", []),
        processId: e.processId,
        parentProcessId: e.parentProcessId,
        processCommandLine: e.processCommandLine,
        processCreationDateTime: e.processCreationTime,
        parentProcessCreationDateTime: e.parentProcessCreationTime,
        detectionStatus: status,
        mdeDeviceId: m.id,
        imageFile: fileDetails(e.sha1, e.sha256, e.fileName, e.filePath),
        parentProcessImageFile: fileDetails(null, null, e.parentProcessFileName, e.parentProcessFilePath),
        userAccount: null,
      });
    } else if (e.entityType === "File") {
      out.push({
        ...base("fileEvidence", []),
        detectionStatus: status,
        mdeDeviceId: m.id,
        fileDetails: fileDetails(e.sha1, e.sha256, e.fileName, e.filePath),
      });
    } else if (e.entityType === "Ip") {
      out.push({ ...base("ipEvidence", ["destination"]), ipAddress: e.ipAddress, countryLetterCode: null });
    } else if (e.entityType === "Url") {
      out.push({ ...base("urlEvidence", []), url: e.url });
    } else if (e.entityType === "Registry") {
      out.push({ ...base("registryKeyEvidence", []), registryKey: e.registryKey, registryHive: e.registryHive });
    } else if (e.entityType === "User") {
      out.push({
        ...base("userEvidence", ["compromised"]),
        userAccount: {
          accountName: e.accountName,
          domainName: e.domainName,
          userSid: e.userSid,
          azureAdUserId: e.aadUserId,
          userPrincipalName: e.userPrincipalName,
          displayName: null,
        },
      });
    }
  }
  return out;
}

export function graphAlertJson(t: Tenant, a: AlertRecord): Record<string, unknown> {
  const tpl = templateOf(a);
  return {
    "@odata.type": "#microsoft.graph.security.alert",
    id: a.id,
    providerAlertId: a.id,
    incidentId: String(a.incidentId),
    status: camel(a.status),
    severity: graphSeverity(a.severity),
    classification: camel(a.classification),
    determination: camel(a.determination),
    serviceSource: "microsoftDefenderForEndpoint",
    detectionSource: DETECTION_GRAPH_SOURCE[tpl.detectionSource] ?? "unknown",
    detectorId: a.detectorId,
    tenantId: t.tenantId,
    title: tpl.title,
    description: tpl.description,
    recommendedActions: a.custom
      ? (a.custom.recommendedActions ?? "")
      : "Isolate the device, collect an investigation package and review the process tree.",
    category: tpl.category,
    assignedTo: a.assignedTo,
    alertWebUrl: `https://security.microsoft.com/alerts/${a.id}?tid=${t.tenantId}`,
    incidentWebUrl: `https://security.microsoft.com/incidents/${a.incidentId}?tid=${t.tenantId}`,
    actorDisplayName: null,
    threatDisplayName: tpl.threatName,
    threatFamilyName: tpl.threatFamilyName,
    mitreTechniques: tpl.mitreTechniques,
    createdDateTime: isoTime(a.createdMs),
    lastUpdateDateTime: isoTime(a.lastUpdateMs),
    resolvedDateTime: a.resolvedMs === null ? null : isoTime(a.resolvedMs),
    firstActivityDateTime: isoTime(a.firstEventMs),
    lastActivityDateTime: isoTime(a.lastEventMs),
    comments: (a.comments ?? []).map((c) => ({
      comment: c.comment,
      createdByDisplayName: c.createdBy,
      createdDateTime: isoTime(c.createdMs),
    })),
    evidence: graphEvidence(t, a),
    systemTags: [],
  };
}

const INCIDENT_STATUS: Record<string, string> = {
  Active: "active",
  InProgress: "inProgress",
  Resolved: "resolved",
  Redirected: "redirected",
};

export function graphIncidentJson(t: Tenant, i: Incident, expandAlerts: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: String(i.id),
    tenantId: t.tenantId,
    status: INCIDENT_STATUS[i.status] ?? "active",
    incidentWebUrl: `https://security.microsoft.com/incidents/${i.id}?tid=${t.tenantId}`,
    redirectIncidentId: null,
    displayName: i.name,
    createdDateTime: isoTime(i.createdMs),
    lastUpdateDateTime: isoTime(i.lastUpdateMs),
    assignedTo: i.assignedTo,
    classification: camel(i.classification) ?? "unknown",
    determination: camel(i.determination) ?? "unknown",
    severity: graphSeverity(incidentSeverity(i, t.alerts)),
    customTags: i.tags,
    systemTags: [],
    description: null,
    comments: i.comments.map((c) => ({
      comment: c.comment,
      createdByDisplayName: c.createdBy,
      createdDateTime: isoTime(c.createdMs),
    })),
  };
  if (expandAlerts) out.alerts = i.alertIdxs.map((idx) => graphAlertJson(t, t.alerts[idx]!));
  return out;
}
