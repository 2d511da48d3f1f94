// Turning a rule run's result rows into alerts ("Create custom detection rules"): one alert per row on the device the
// row names, with the rule's title/description (placeholders `{{Column}}` filled from the row), severity, category
// and MITRE techniques, evidence from the entity mappings, detection source CustomDetection, and the rule's
// detectorId. Alerts join an open incident holding an earlier alert of the same rule on the same device, unless the
// rule excludes them from incident correlation ("incidentConfiguration resource type").
import { DAY_MS } from "../clock";
import { emptyEvidence } from "../defender/evidence";
import { Rng } from "../random";
import { templateOf } from "../tenant/alert-content";
import { alertId, newIncident } from "../tenant/alert-factory";
import { addArrivingAlert } from "../tenant/alert-updates";
import type { AlertRecord, Device, EvidenceItem, Incident } from "../tenant/model";
import type { Tenant } from "../tenant/tenant";
import type { DetectionRule } from "./rule";

type Row = Record<string, unknown>;

const SEVERITY: Record<string, string> = { informational: "Informational", low: "Low", medium: "Medium", high: "High" };

const cell = (row: Row, column: string | undefined): string | null => {
  if (!column) return null;
  const v = row[column];
  if (v === null || v === undefined || v === "") return null;
  return typeof v === "string" ? v : JSON.stringify(v);
};

/** `{{Column}}` → the row's value ("Alert title and description can reference columns"). */
function fill(template: string | null, row: Row): string {
  return (template ?? "").replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_m, c: string) => cell(row, c) ?? "");
}

/** The device a row is about: the host mapping's columns, else the DeviceId / DeviceName the query returned. */
export function rowDevice(tenant: Tenant, rule: DetectionRule, row: Row): Device | undefined {
  const hosts = rule.action.alertTemplate.entityMappings.hosts ?? [];
  const candidates = [
    ...hosts.flatMap((h) => [cell(row, h.deviceIdColumn), cell(row, h.nameColumn)]),
    cell(row, "DeviceId"),
    cell(row, "DeviceName"),
  ];
  for (const c of candidates) {
    const m = c ? tenant.findMachine(c) : undefined;
    if (m) return m;
  }
  return undefined;
}

function evidenceFor(rule: DetectionRule, row: Row, createdMs: number): EvidenceItem[] {
  const maps = rule.action.alertTemplate.entityMappings;
  const out: EvidenceItem[] = [];
  const add = (type: string, fields: Record<string, string | null>) => {
    if (Object.values(fields).some((v) => v !== null)) out.push({ ...emptyEvidence(type, createdMs), ...fields });
  };
  for (const p of maps.processes ?? [])
    add("Process", { sha1: cell(row, p.sha1Column), sha256: cell(row, p.sha256Column) });
  for (const f of maps.files ?? [])
    add("File", {
      fileName: cell(row, f.nameColumn),
      sha1: cell(row, f.sha1Column),
      sha256: cell(row, f.sha256Column),
    });
  for (const ip of maps.ips ?? []) add("Ip", { ipAddress: cell(row, ip.addressColumn) });
  for (const u of maps.urls ?? []) add("Url", { url: cell(row, u.addressColumn) });
  for (const r of maps.registryValues ?? [])
    add("Registry", { registryKey: cell(row, r.keyColumn), registryValue: cell(row, r.valueNameColumn) });
  for (const a of maps.accounts ?? [])
    add("User", {
      accountName: cell(row, a.nameColumn),
      domainName: cell(row, a.ntDomainColumn) ?? cell(row, a.dnsDomainColumn),
      userSid: cell(row, a.sidColumn),
      aadUserId: cell(row, a.aadUserIdColumn),
      userPrincipalName: cell(row, a.upnColumn),
    });
  for (const m of maps.mailboxes ?? []) add("User", { userPrincipalName: cell(row, m.primaryAddressColumn) });
  return out;
}

function employeeFor(tenant: Tenant, evidence: EvidenceItem[]): number {
  for (const e of evidence) {
    if (e.entityType !== "User") continue;
    const hit = tenant.employees.find(
      (u) =>
        (e.userSid && u.sid === e.userSid) ||
        (e.aadUserId && u.aadUserId === e.aadUserId) ||
        (e.userPrincipalName && u.upn.toLowerCase() === String(e.userPrincipalName).toLowerCase()) ||
        (e.accountName && u.accountName.toLowerCase() === String(e.accountName).toLowerCase()),
    );
    if (hit) return hit.idx;
  }
  return -1;
}

function openIncidentFor(tenant: Tenant, rule: DetectionRule, device: Device, nowMs: number): Incident | undefined {
  for (let k = device.alertIdxs.length - 1; k >= 0; k--) {
    const a = tenant.alerts[device.alertIdxs[k]!]!;
    if (a.custom?.ruleId !== rule.id || nowMs - a.createdMs > DAY_MS) continue;
    const incident = tenant.incidentOf(a);
    if (incident && incident.status !== "Resolved" && incident.status !== "Redirected") return incident;
  }
  return undefined;
}

/** Raises the alert for one result row; the caller has resolved its device and time. */
export function raiseAlert(
  tenant: Tenant,
  rule: DetectionRule,
  row: Row,
  device: Device,
  eventMs: number,
  nowMs: number,
): AlertRecord {
  const t = rule.action.alertTemplate;
  const evidence = evidenceFor(rule, row, nowMs + 1000);
  const idx = tenant.alerts.length;
  const rng = new Rng(`${tenant.seed}:custom-detection:${rule.id}:${idx}`);
  let incident = rule.action.isExcludedFromIncidentCorrelation
    ? undefined
    : openIncidentFor(tenant, rule, device, nowMs);
  incident ??= newIncident(tenant.incidents.length, tenant.nextIncidentId++, nowMs);
  const alert: AlertRecord = {
    idx,
    id: "",
    template: 0,
    machine: device.idx,
    user: employeeFor(tenant, evidence),
    incidentId: incident.id,
    investigationId: null,
    investigationState: "UnsupportedAlertType",
    severity: SEVERITY[t.severity]!,
    status: "New",
    classification: null,
    determination: null,
    assignedTo: null,
    createdMs: nowMs,
    firstEventMs: eventMs,
    lastEventMs: eventMs,
    lastUpdateMs: nowMs,
    resolvedMs: null,
    comments: null,
    detectorId: rule.detectorId,
    custom: {
      ruleId: rule.id,
      title: fill(t.title, row),
      description: fill(t.description, row),
      category: t.legacyCategory ?? t.tactics[0]?.tactic ?? "None",
      mitreTechniques: t.tactics.flatMap((x) => x.techniques.flatMap((y) => [y.technique, ...(y.subTechniques ?? [])])),
      recommendedActions: t.recommendedActions,
      evidence,
    },
  };
  alert.id = alertId(idx, rng, templateOf(alert));
  addArrivingAlert(tenant, alert, device, incident, nowMs);
  return alert;
}
