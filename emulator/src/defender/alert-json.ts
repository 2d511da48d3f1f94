// MDE Alert entity ("Alert resource type", defender-endpoint/api/alerts), keys in the order of that page's example.
import { templateOf } from "../tenant/alert-content";
import { isoTime } from "../clock";
import type { AlertRecord } from "../tenant/model";
import type { Tenant } from "../tenant/tenant";
import { alertEvidence } from "./evidence";

export function alertJson(tenant: Tenant, a: AlertRecord, withEvidence: boolean): Record<string, unknown> {
  const t = templateOf(a);
  const machine = tenant.machines[a.machine]!;
  const user = a.user >= 0 ? tenant.employees[a.user]! : null;
  return {
    id: a.id,
    incidentId: a.incidentId,
    investigationId: a.investigationId,
    assignedTo: a.assignedTo,
    severity: a.severity,
    status: a.status,
    classification: a.classification,
    determination: a.determination,
    investigationState: a.investigationState,
    detectionSource: t.detectionSource,
    detectorId: a.detectorId,
    category: t.category,
    threatFamilyName: t.threatFamilyName,
    title: t.title,
    description: t.description,
    alertCreationTime: isoTime(a.createdMs),
    firstEventTime: isoTime(a.firstEventMs),
    lastEventTime: isoTime(a.lastEventMs),
    lastUpdateTime: isoTime(a.lastUpdateMs),
    resolvedTime: a.resolvedMs === null ? null : isoTime(a.resolvedMs),
    machineId: machine.id,
    computerDnsName: machine.dnsName,
    rbacGroupName: machine.group.name,
    aadTenantId: tenant.tenantId,
    threatName: t.threatName,
    mitreTechniques: t.mitreTechniques,
    relatedUser: user ? { userName: user.accountName, domainName: "CONTOSO" } : null,
    // Live captures also carry loggedOnUsers and domains (not in the "Alert resource type" table).
    loggedOnUsers: user ? [{ accountName: user.accountName, domainName: "CONTOSO" }] : [],
    comments: (a.comments ?? []).map((c) => ({
      comment: c.comment,
      createdBy: c.createdBy,
      createdTime: isoTime(c.createdMs),
    })),
    evidence: withEvidence ? alertEvidence(tenant, a) : [],
    domains: [],
  };
}
