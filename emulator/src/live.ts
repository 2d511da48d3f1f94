// Time passing (issue item 5): each tick adds alerts (sometimes joining an open incident) and
// moves existing ones along New → InProgress → Resolved, stamping lastUpdateTime with the
// emulated now so `lastUpdateTime ge X` incremental sync sees exactly those changes.
import type { ApiEnv } from "./api-env";
import { Rng } from "./random";
import { MINUTE_MS } from "./clock";
import { buildAlert, DETERMINATIONS, newIncident, pickTemplate, SOC_ANALYSTS } from "./tenant/alert-factory";
import { addArrivingAlert, applyAlertChanges } from "./tenant/alert-updates";
import type { Incident } from "./tenant/model";

export interface TickResult {
  created: string[];
  updated: string[];
}

export class LiveActivity {
  private rng: Rng;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly env: ApiEnv,
    seed: string,
    private readonly log: (msg: string) => void,
  ) {
    this.rng = new Rng(`${seed}:live`);
  }

  get running(): boolean {
    return this.timer !== null;
  }

  start(intervalMs: number): void {
    this.stop();
    this.timer = setInterval(() => {
      const r = this.tick();
      this.log(`live: +${r.created.length} alerts, ${r.updated.length} updated`);
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  tick(): TickResult {
    const { tenant: t, clock } = this.env;
    const rng = this.rng;
    const now = clock.now();
    const result: TickResult = { created: [], updated: [] };
    const eligible = t.machines.filter((m) => m.onboardingStatus === "Onboarded" && m.healthStatus === "Active");
    if (eligible.length === 0) return result;

    for (let k = rng.int(1, 2); k > 0; k--) {
      const machine = rng.pick(eligible);
      let incident: Incident | undefined;
      if (rng.chance(0.35)) {
        const open = t.incidents.slice(-30).filter((i) => i.status !== "Resolved");
        if (open.length) incident = rng.pick(open);
      }
      incident ??= newIncident(t.incidents.length, t.nextIncidentId++, now);
      const theme = null;
      const template = pickTemplate(rng, machine.family, theme);
      const idx = t.alerts.length;
      const alert = buildAlert(
        rng,
        idx,
        {
          template,
          machine,
          user: machine.primaryUser,
          incident: incident.id,
          firstEventMs: now - rng.int(1, 10) * MINUTE_MS,
          status: "New",
        },
        now,
        () => t.nextInvestigationId++,
      );
      alert.lastUpdateMs = now;
      addArrivingAlert(t, alert, machine, incident, now);
      result.created.push(alert.id);
    }

    const recentFrom = Math.max(0, t.alerts.length - 500);
    for (let k = rng.int(1, 3); k > 0; k--) {
      const a = t.alerts[rng.int(recentFrom, t.alerts.length - 1)]!;
      if (a.status === "New") {
        applyAlertChanges(
          t,
          a,
          { status: "InProgress", assignedTo: a.assignedTo ?? rng.pick(SOC_ANALYSTS) },
          "Automation",
          now,
        );
      } else if (a.status === "InProgress") {
        const classification = rng.weighted([
          ["TruePositive", 45],
          ["InformationalExpectedActivity", 30],
          ["FalsePositive", 25],
        ] as const);
        applyAlertChanges(
          t,
          a,
          { status: "Resolved", classification, determination: rng.weighted(DETERMINATIONS[classification]!) },
          a.assignedTo ?? "Automation",
          now,
        );
      } else {
        continue;
      }
      result.updated.push(a.id);
    }
    return result;
  }
}
