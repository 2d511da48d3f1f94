// Building alert records, shared by the initial generation and live mode.
import { templateOf } from "./alert-content";
import { Rng } from "../random";
import { ALERT_TEMPLATES, type AlertTemplate } from "./catalog/alert-templates";
import type { AlertRecord, Device, Incident, OsFamily } from "./model";

export const SOC_ANALYSTS = [
  "analyst@contoso.example",
  "analyst2@contoso.example",
  "responder@contoso.example",
  "manager@contoso.example",
];

/** GET spellings ("Alert resource type"). */
export const DETERMINATIONS: Record<string, readonly (readonly [string, number])[]> = {
  TruePositive: [
    ["Malware", 30],
    ["MultiStagedAttack", 15],
    ["CompromisedUser", 10],
    ["Phishing", 15],
    ["MaliciousUserActivity", 5],
    ["UnwantedSoftware", 15],
    ["Other", 10],
  ],
  InformationalExpectedActivity: [
    ["SecurityTesting", 35],
    ["LineOfBusinessApplication", 35],
    ["ConfirmedUserActivity", 20],
    ["Other", 10],
  ],
  FalsePositive: [
    ["Clean", 60],
    ["InsufficientData", 30],
    ["Other", 10],
  ],
};

const COMMENTS = [
  "Investigating with the device owner.",
  "Isolated the device while we collect the investigation package.",
  "Confirmed with IT: scheduled maintenance script.",
  "Escalated to tier 2.",
  "Hash matches known-good internal tool.",
  "User reported clicking the link; credentials reset.",
  "No further activity after AV remediation.",
];

const templatesByFamily = new Map<OsFamily, (readonly [number, number])[]>();
for (const fam of ["windows", "server", "macos", "linux", "ios", "android"] as OsFamily[]) {
  templatesByFamily.set(
    fam,
    ALERT_TEMPLATES.flatMap((t, i) => (t.families.includes(fam) ? [[i, t.weight] as const] : [])),
  );
}

export function pickTemplate(rng: Rng, family: OsFamily, theme: string | null): number {
  const options = templatesByFamily.get(family)!;
  if (theme && rng.chance(0.6)) {
    const themed = options.filter(([i]) => ALERT_TEMPLATES[i]!.theme === theme);
    if (themed.length) return rng.weighted(themed);
  }
  return rng.weighted(options);
}

/** `da{ticks}_{int}` like real ids ("Alert resource type"); `ar…` for automated-investigation alerts. Built from
 *  the index so ids never depend on the start time and stay unique. */
export function alertId(idx: number, rng: Rng, template: AlertTemplate): string {
  const ticks = `638${String(400_000_000_000_000 + idx * 12_345_679 + rng.int(0, 999_999)).padStart(15, "0")}`;
  const suffix = rng.int(-2_147_483_648, 2_147_483_647);
  return `${template.detectionSource === "AutomatedInvestigation" ? "ar" : "da"}${ticks}_${suffix}`;
}

export function statusWeights(ageMs: number): readonly (readonly [string, number])[] {
  const days = ageMs / 86_400_000;
  if (days < 2)
    return [
      ["New", 55],
      ["InProgress", 35],
      ["Resolved", 10],
    ];
  if (days < 14)
    return [
      ["New", 30],
      ["InProgress", 30],
      ["Resolved", 40],
    ];
  if (days < 60)
    return [
      ["New", 8],
      ["InProgress", 12],
      ["Resolved", 80],
    ];
  return [
    ["New", 2],
    ["InProgress", 3],
    ["Resolved", 95],
  ];
}

export interface AlertDraft {
  template: number;
  machine: Device;
  user: number;
  incident: number;
  firstEventMs: number;
  status: string;
}

/**
 * A time that would fall after `nowMs` lands somewhere in [floor, now) instead of on `now` itself: Defender's
 * timestamps have sub-millisecond precision, so hundreds of records sharing one instant (which clamping to
 * `now` produced) never happen there and would distort `lastUpdateTime ge X` paging. No rng draw, so the
 * generated tenant stays the same apart from these times.
 */
function spreadBeforeNow(ms: number, floorMs: number, nowMs: number, idx: number): number {
  if (ms <= nowMs) return ms;
  const lo = Math.min(floorMs, nowMs);
  const room = nowMs - lo;
  return room > 0 ? lo + ((idx * 7919 + 104_729) % room) : nowMs;
}

/** Fills status-dependent fields (assignee, classification, times) consistently with `nowMs`. */
export function buildAlert(
  rng: Rng,
  idx: number,
  draft: AlertDraft,
  nowMs: number,
  investigationId: () => number,
): AlertRecord {
  const template = ALERT_TEMPLATES[draft.template]!;
  const firstEventMs = draft.firstEventMs;
  const lastEventMs = spreadBeforeNow(firstEventMs + rng.int(0, 120) * 1000, firstEventMs, nowMs, idx);
  const createdMs = spreadBeforeNow(lastEventMs + rng.int(20, 600) * 1000, lastEventMs, nowMs, idx);
  const severity = rng.weighted(template.severities);
  let assignedTo: string | null = null;
  let classification: string | null = null;
  let determination: string | null = null;
  let resolvedMs: number | null = null;
  let lastUpdateMs = spreadBeforeNow(createdMs + rng.int(1, 120) * 1000, createdMs, nowMs, idx);
  let comments: AlertRecord["comments"] = null;
  const span = Math.max(0, nowMs - createdMs);
  if (draft.status === "InProgress") {
    assignedTo = rng.pick(SOC_ANALYSTS);
    lastUpdateMs = createdMs + Math.floor(rng.next() * Math.min(span, 2 * 86_400_000));
  } else if (draft.status === "Resolved") {
    const automated = template.detectionSource === "AutomatedInvestigation" || rng.chance(0.15);
    assignedTo = automated ? "Automation" : rng.pick(SOC_ANALYSTS);
    resolvedMs = createdMs + Math.floor(rng.next() * Math.min(span, 5 * 86_400_000));
    lastUpdateMs = resolvedMs;
    if (rng.chance(0.85)) {
      classification = rng.weighted([
        ["TruePositive", 45],
        ["InformationalExpectedActivity", 30],
        ["FalsePositive", 25],
      ] as const);
      determination = rng.weighted(DETERMINATIONS[classification]!);
    }
  } else if (rng.chance(0.08)) {
    assignedTo = rng.pick(SOC_ANALYSTS);
  }
  if (draft.status !== "New" && assignedTo !== "Automation" && rng.chance(0.35)) {
    comments = [
      {
        comment: rng.pick(COMMENTS),
        createdBy: assignedTo ?? rng.pick(SOC_ANALYSTS),
        createdMs: Math.max(createdMs, lastUpdateMs - rng.int(0, 3600) * 1000),
      },
    ];
  }
  const unsupported = draft.machine.family === "ios" || draft.machine.family === "android";
  // The draws stay as they were before investigations were served, so the rest of the tenant is unchanged.
  // Automated investigations start from every high-severity alert here; an alert without a drawn state gets one
  // from its index (no draw).
  const drawn = !unsupported && rng.chance(0.45);
  const drawnState = !drawn
    ? null
    : draft.status === "Resolved"
      ? rng.weighted([
          ["SuccessfullyRemediated", 45],
          ["Benign", 35],
          ["PartiallyRemediated", 10],
          ["TerminatedBySystem", 10],
        ] as const)
      : rng.weighted([
          ["Running", 50],
          ["PendingApproval", 30],
          ["PartiallyInvestigated", 20],
        ] as const);
  const investigated = !unsupported && severity === "High";
  const derivedState =
    draft.status === "Resolved"
      ? (["SuccessfullyRemediated", "Benign", "PartiallyRemediated"] as const)[idx % 3]!
      : (["PendingApproval", "Running", "PendingApproval", "PartiallyInvestigated"] as const)[idx % 4]!;
  const investigationState = unsupported
    ? "UnsupportedOs"
    : investigated
      ? (drawnState ?? derivedState)
      : template.detectionSource === "WindowsDefenderAv"
        ? "UnsupportedAlertType"
        : "Queued";
  return {
    idx,
    id: alertId(idx, rng, template),
    template: draft.template,
    machine: draft.machine.idx,
    user: draft.user,
    incidentId: draft.incident,
    investigationId: investigated ? investigationId() : null,
    investigationState,
    severity,
    status: draft.status,
    classification,
    determination,
    assignedTo,
    createdMs,
    firstEventMs,
    lastEventMs,
    lastUpdateMs,
    resolvedMs,
    comments,
    // One detector per template, like a real analytic rule id.
    detectorId: new Rng(`detector:${draft.template}`).guid(),
  };
}

const SEVERITY_RANK: Record<string, number> = { UnSpecified: 0, Informational: 1, Low: 2, Medium: 3, High: 4 };
export const RISK_FOR_RANK = ["None", "Informational", "Low", "Medium", "High"];

export function severityRank(s: string): number {
  return SEVERITY_RANK[s] ?? 0;
}

/** Incident status and triage fields derived from its alerts (XDR statuses, defender-xdr/api-list-incidents). */
export function recomputeIncident(incident: Incident, alerts: AlertRecord[]): void {
  const own = incident.alertIdxs.map((i) => alerts[i]!);
  if (own.length === 0) return;
  incident.createdMs = Math.min(...own.map((a) => a.createdMs));
  incident.lastUpdateMs = Math.max(incident.lastUpdateMs, ...own.map((a) => a.lastUpdateMs));
  if (incident.status === "Redirected") return;
  if (own.every((a) => a.status === "Resolved")) incident.status = "Resolved";
  else if (own.some((a) => a.status === "InProgress")) incident.status = "InProgress";
  else incident.status = "Active";
  incident.assignedTo ??= own.find((a) => a.assignedTo && a.assignedTo !== "Automation")?.assignedTo ?? null;
  if (incident.status === "Resolved" && !incident.classification) {
    const classified = own.find((a) => a.classification);
    incident.classification = classified?.classification ?? null;
    incident.determination = classified?.determination ?? null;
  }
}

export function incidentSeverity(incident: Incident, alerts: AlertRecord[]): string {
  let best = "Informational";
  for (const i of incident.alertIdxs)
    if (severityRank(alerts[i]!.severity) > severityRank(best)) best = alerts[i]!.severity;
  return best;
}

/** Names in the style of Defender XDR ("Multi-stage incident involving … on N endpoints"). */
export function incidentName(incident: Incident, alerts: AlertRecord[]): string {
  const own = incident.alertIdxs.map((i) => alerts[i]!);
  const endpoints = new Set(own.map((a) => a.machine)).size;
  const where =
    endpoints === 1
      ? "on one endpoint"
      : `on ${endpoints === 2 ? "two" : endpoints === 3 ? "three" : "multiple"} endpoints`;
  const first = templateOf(own[0]!);
  if (own.some((a) => templateOf(a).category === "Ransomware")) return `Ransomware activity ${where}`;
  const categories = [...new Set(own.map((a) => templateOf(a).category))];
  const label = (c: string) => c.replace(/([a-z])([A-Z])/g, "$1 $2");
  if (categories.length === 1)
    return own.length === 1 ? `${first.title} ${where}` : `${label(categories[0]!)} incident ${where}`;
  return `Multi-stage incident involving ${label(categories[0]!)} & ${label(categories[1]!)} ${where}`;
}

export function incidentTags(incident: Incident, alerts: AlertRecord[]): string[] {
  const cats = new Set(incident.alertIdxs.map((i) => templateOf(alerts[i]!).category));
  const tags: string[] = [];
  if (cats.has("Ransomware")) tags.push("Ransomware");
  if (cats.has("CredentialAccess")) tags.push("Credential theft");
  return tags;
}

/** An empty, active incident (not yet in the tenant). */
export function newIncident(idx: number, id: number, createdMs: number, lastUpdateMs = createdMs): Incident {
  return {
    idx,
    id,
    name: "",
    createdMs,
    lastUpdateMs,
    status: "Active",
    assignedTo: null,
    classification: null,
    determination: null,
    tags: [],
    comments: [],
    alertIdxs: [],
  };
}
