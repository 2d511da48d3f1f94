// Automated investigations ("Investigation resource type"). Generated ones come from the high-severity alerts
// that carry an investigationId; manual ones from `startInvestigation`. A pending approval times out after 7 days
// of the emulated clock ("Pending actions time out after 7 days. If an action times out, the behavior is the
// same as if the action is rejected", "Review and approve remediation actions following automated investigations").
import { DAY_MS, MINUTE_MS, type EmulatedClock } from "../clock";
import type { ActionDelays } from "./machine-action-store";
import type { AlertRecord, Device } from "../tenant/model";
import type { Tenant } from "../tenant/tenant";

/** The 18 states of the Investigation resource type, in its order. */
export const INVESTIGATION_STATES = [
  "Unknown",
  "Terminated",
  "SuccessfullyRemediated",
  "Benign",
  "Failed",
  "PartiallyRemediated",
  "Running",
  "PendingApproval",
  "PendingResource",
  "PartiallyInvestigated",
  "TerminatedByUser",
  "TerminatedBySystem",
  "Queued",
  "InnerFailure",
  "PreexistingAlert",
  "UnsupportedOs",
  "UnsupportedAlertType",
  "SuppressedAlert",
] as const;
export type InvestigationState = (typeof INVESTIGATION_STATES)[number];

export const PENDING_APPROVAL_TIMEOUT_MS = 7 * DAY_MS;
/** What an expired approval becomes (the docs say only "as if rejected"; the emulator's choice, see README). */
export const EXPIRED_STATE: InvestigationState = "TerminatedBySystem";
const EXPIRED_DETAILS = "Pending remediation actions timed out after 7 days and were treated as rejected.";
const PENDING_DETAILS = "Remediation actions are awaiting approval in the Action center.";

export interface Investigation {
  id: string;
  machine: Device;
  state: InvestigationState;
  startMs: number;
  endMs: number | null;
  /** When the investigation started waiting for approval (PendingApproval only). */
  pendingSinceMs: number | null;
  statusDetails: string | null;
  cancelledBy: string | null;
  alert: AlertRecord | null;
  /** Manual investigations move Queued → Running → outcome on real time, like machine actions. */
  manual: { createdReal: number; outcome: InvestigationState } | null;
}

const FINAL_GENERATED = new Set<string>([
  "SuccessfullyRemediated",
  "Benign",
  "PartiallyRemediated",
  "TerminatedBySystem",
]);

export class InvestigationStore {
  readonly all: Investigation[] = [];
  private byId = new Map<string, Investigation>();
  private byAlertId = new Map<string, Investigation>();
  private waiting = new Set<Investigation>();
  private changes = 0;
  private scannedAlerts = 0;

  constructor(
    private readonly tenant: Tenant,
    private readonly clock: EmulatedClock,
    private readonly delays: ActionDelays,
  ) {
    for (const a of tenant.alerts) this.addGenerated(a);
    this.scannedAlerts = tenant.alerts.length;
  }

  version(): number {
    return this.changes;
  }

  private addGenerated(a: AlertRecord): void {
    if (a.investigationId === null) return;
    const state = a.investigationState as InvestigationState;
    // Deterministic timings from the alert: AIR starts a couple of minutes after the alert.
    const startMs = a.createdMs + (2 + (a.idx % 5)) * MINUTE_MS;
    const inv: Investigation = {
      id: String(a.investigationId),
      machine: this.tenant.machines[a.machine]!,
      state,
      startMs,
      endMs: FINAL_GENERATED.has(state) ? startMs + (10 + (a.idx % 50)) * MINUTE_MS : null,
      pendingSinceMs: state === "PendingApproval" ? startMs + 15 * MINUTE_MS : null,
      statusDetails: state === "PendingApproval" ? PENDING_DETAILS : null,
      cancelledBy: null,
      alert: a,
      manual: null,
    };
    this.add(inv);
  }

  private add(inv: Investigation): void {
    this.all.push(inv);
    this.byId.set(inv.id, inv);
    if (inv.alert) this.byAlertId.set(inv.alert.id.toLowerCase(), inv);
    if (inv.state === "PendingApproval" || inv.manual) this.waiting.add(inv);
    this.changes++;
  }

  /** Picks up investigations of alerts created since the last call (live mode) and applies due transitions. */
  settle(): void {
    const known = this.tenant.alerts.length;
    for (let i = this.scannedAlerts; i < known; i++) this.addGenerated(this.tenant.alerts[i]!);
    this.scannedAlerts = known;
    if (this.waiting.size === 0) return;
    const now = this.clock.now();
    const real = Date.now();
    for (const inv of this.waiting) {
      const before = inv.state;
      if (inv.manual) this.advanceManual(inv, real);
      if (inv.state === "PendingApproval" && inv.pendingSinceMs !== null) {
        const expiry = inv.pendingSinceMs + PENDING_APPROVAL_TIMEOUT_MS;
        if (now >= expiry) {
          inv.state = EXPIRED_STATE;
          inv.endMs = expiry;
          inv.statusDetails = EXPIRED_DETAILS;
          this.reflectOnAlert(inv);
        }
      }
      if (inv.state !== before) this.changes++;
      const manualDone = !inv.manual || (inv.state !== "Queued" && inv.state !== "Running");
      if (inv.state !== "PendingApproval" && manualDone) this.waiting.delete(inv);
    }
  }

  private advanceManual(inv: Investigation, real: number): void {
    const m = inv.manual!;
    const running = m.createdReal + this.delays.toInProgress;
    const done = running + this.delays.toFinal;
    if (inv.state === "Queued" && real >= running) inv.state = "Running";
    if (inv.state === "Running" && real >= done) {
      inv.state = m.outcome;
      const doneMs = inv.startMs + this.delays.toInProgress + this.delays.toFinal;
      if (m.outcome === "PendingApproval") {
        inv.pendingSinceMs = doneMs;
        inv.statusDetails = PENDING_DETAILS;
      } else inv.endMs = doneMs;
    }
  }

  /** The alert's investigationState follows its investigation ("Alert resource type" shares the vocabulary). */
  private reflectOnAlert(inv: Investigation): void {
    if (!inv.alert) return;
    inv.alert.investigationState = inv.state;
    this.tenant.alertsVersion++;
    this.tenant.incidentsVersion++;
  }

  /** By investigation id or by its triggering alert id ("Get Investigation API"). */
  find(idOrAlertId: string): Investigation | undefined {
    this.settle();
    return this.byId.get(idOrAlertId) ?? this.byAlertId.get(idOrAlertId.toLowerCase());
  }

  /** `POST /machines/{id}/startInvestigation`: the outcome is decided now and shown after the delays. A device
   *  with unresolved alerts ends waiting for approval, one without ends Benign — deterministic for tests. */
  start(machine: Device): Investigation {
    this.settle();
    const active = machine.alertIdxs.some((i) => this.tenant.alerts[i]!.status !== "Resolved");
    const inv: Investigation = {
      id: String(this.tenant.nextInvestigationId++),
      machine,
      state: "Queued",
      startMs: this.clock.now(),
      endMs: null,
      pendingSinceMs: null,
      statusDetails: null,
      cancelledBy: null,
      alert: null,
      manual: { createdReal: Date.now(), outcome: active ? "PendingApproval" : "Benign" },
    };
    this.add(inv);
    return inv;
  }

  /** Property order of the "Investigation resource type" example. */
  json(inv: Investigation): Record<string, unknown> {
    return {
      id: inv.id,
      startTime: isoSeconds(inv.startMs),
      endTime: inv.endMs === null ? null : isoSeconds(inv.endMs),
      state: inv.state,
      cancelledBy: inv.cancelledBy,
      statusDetails: inv.statusDetails,
      machineId: inv.machine.id,
      computerDnsName: inv.machine.dnsName,
      triggeringAlertId: inv.alert?.id ?? null,
    };
  }
}

/** The investigation examples show whole seconds ("2020-01-06T14:11:34Z"). */
function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
