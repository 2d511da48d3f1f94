// Alert and incident triage shared by MDE PATCH/batchUpdate, XDR incident PATCH, Graph PATCH
// and live mode. Every change bumps lastUpdateTime, so `lastUpdateTime ge X` sync sees it.
import { incidentName, incidentTags, RISK_FOR_RANK, recomputeIncident, severityRank } from "./alert-factory";
import type { AlertRecord, Device, Incident } from "./model";
import type { Tenant } from "./tenant";

export interface AlertChanges {
  status?: string;
  assignedTo?: string | null;
  classification?: string | null;
  determination?: string | null;
  comment?: string;
}

export function applyAlertChanges(
  tenant: Tenant,
  alert: AlertRecord,
  changes: AlertChanges,
  actor: string,
  nowMs: number,
): void {
  if (changes.status !== undefined && changes.status !== alert.status) {
    alert.status = changes.status;
    alert.resolvedMs = changes.status === "Resolved" ? nowMs : null;
  }
  if (changes.assignedTo !== undefined) alert.assignedTo = changes.assignedTo;
  if (changes.classification !== undefined) alert.classification = changes.classification;
  if (changes.determination !== undefined) alert.determination = changes.determination;
  if (changes.comment !== undefined) {
    (alert.comments ??= []).push({ comment: changes.comment, createdBy: actor, createdMs: nowMs });
  }
  alert.lastUpdateMs = nowMs;
  tenant.alertsVersion++;
  const incident = tenant.incidentOf(alert);
  if (incident) {
    incident.lastUpdateMs = nowMs;
    recomputeIncident(incident, tenant.alerts);
    tenant.incidentsVersion++;
  }
  refreshRisk(tenant, alert.machine);
}

/** Machine riskScore follows its unresolved alerts. */
export function refreshRisk(tenant: Tenant, machineIdx: number): void {
  const m = tenant.machines[machineIdx];
  if (!m) return;
  let rank = 0;
  for (const i of m.alertIdxs) {
    const a = tenant.alerts[i]!;
    if (a.status !== "Resolved") rank = Math.max(rank, severityRank(a.severity));
  }
  const risk = RISK_FOR_RANK[rank]!;
  if (risk !== m.riskScore) {
    m.riskScore = risk;
    // Cached `riskScore` filters must see the change.
    tenant.machinesVersion++;
  }
}

export interface IncidentChanges extends AlertChanges {
  tags?: string[];
}

/** XDR/Graph incident update: resolving or assigning the incident applies to its alerts, as in Defender XDR. */
export function applyIncidentChanges(
  tenant: Tenant,
  incident: Incident,
  changes: IncidentChanges,
  actor: string,
  nowMs: number,
): void {
  const alertChanges: AlertChanges = {};
  if (changes.status === "Resolved") alertChanges.status = "Resolved";
  if (changes.assignedTo !== undefined) alertChanges.assignedTo = changes.assignedTo;
  if (changes.classification !== undefined) alertChanges.classification = changes.classification;
  if (changes.determination !== undefined) alertChanges.determination = changes.determination;
  if (Object.keys(alertChanges).length > 0) {
    for (const i of incident.alertIdxs) applyAlertChanges(tenant, tenant.alerts[i]!, alertChanges, actor, nowMs);
  }
  if (changes.status !== undefined) incident.status = changes.status;
  if (changes.assignedTo !== undefined) incident.assignedTo = changes.assignedTo;
  if (changes.classification !== undefined) incident.classification = changes.classification;
  if (changes.determination !== undefined) incident.determination = changes.determination;
  if (changes.tags !== undefined) incident.tags = changes.tags;
  if (changes.comment !== undefined)
    incident.comments.push({ comment: changes.comment, createdBy: actor, createdMs: nowMs });
  incident.lastUpdateMs = nowMs;
  tenant.incidentsVersion++;
}

/**
 * Adds an alert that arrives while the emulator runs (live mode, custom detection rules) to the tenant and to its
 * incident — `incident` is added too when it is new — and refreshes the incident's name, tags and status and the
 * device's risk.
 */
export function addArrivingAlert(
  t: Tenant,
  alert: AlertRecord,
  machine: Device,
  incident: Incident,
  nowMs: number,
): void {
  t.alerts.push(alert);
  t.alertById.set(alert.id.toLowerCase(), alert.idx);
  machine.alertIdxs.push(alert.idx);
  incident.alertIdxs.push(alert.idx);
  incident.lastUpdateMs = nowMs;
  if (!t.incidentById.has(incident.id)) {
    t.incidents.push(incident);
    t.incidentById.set(incident.id, incident);
  }
  recomputeIncident(incident, t.alerts);
  incident.name = incidentName(incident, t.alerts);
  incident.tags = incidentTags(incident, t.alerts);
  refreshRisk(t, machine.idx);
  t.alertsVersion++;
  t.incidentsVersion++;
}
