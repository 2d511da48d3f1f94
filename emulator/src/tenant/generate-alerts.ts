// Alerts grouped into incidents across devices and users, spread over ~180 days with more
// recent density, statuses following age (old alerts mostly resolved).
import { Rng } from "../random";
import { DAY_MS, MINUTE_MS } from "../clock";
import {
  newIncident,
  buildAlert,
  incidentName,
  incidentTags,
  pickTemplate,
  recomputeIncident,
  statusWeights,
  type AlertDraft,
} from "./alert-factory";
import { ALERT_TEMPLATES } from "./catalog/alert-templates";
import type { AlertRecord, Device, Incident } from "./model";

export interface AlertSet {
  alerts: AlertRecord[];
  incidents: Incident[];
}

export function generateAlerts(seed: string, count: number, machines: Device[], anchorMs: number): AlertSet {
  const rng = new Rng(`${seed}:alerts`);
  const eligible = machines.filter((m) => m.onboardingStatus === "Onboarded");
  if (eligible.length === 0 || count === 0) return { alerts: [], incidents: [] };
  const byGroup = new Map<number, Device[]>();
  for (const m of eligible) {
    const list = byGroup.get(m.group.id) ?? [];
    list.push(m);
    byGroup.set(m.group.id, list);
  }
  const drafts: AlertDraft[] = [];
  const incidentStarts: number[] = [];
  let remaining = count;
  while (remaining > 0) {
    const incident = incidentStarts.length;
    const size = Math.min(remaining, rng.count(1, 2.4, 12));
    const ageMs = Math.max(5 * MINUTE_MS, Math.floor(180 * DAY_MS * Math.pow(rng.next(), 2.2)));
    const start = anchorMs - ageMs;
    incidentStarts.push(start);
    const main = rng.pick(eligible);
    const devices = [main];
    if (size > 1 && rng.chance(0.3)) {
      const peers = byGroup.get(main.group.id)!;
      for (let k = rng.int(1, 3); k > 0; k--) devices.push(rng.pick(peers));
    }
    const incidentStatus = rng.weighted(statusWeights(ageMs));
    const firstTemplate = pickTemplate(rng, main.family, null);
    const theme = ALERT_TEMPLATES[firstTemplate]!.theme;
    let t = start;
    for (let j = 0; j < size; j++) {
      const machine = devices[j % devices.length]!;
      const template = j === 0 ? firstTemplate : pickTemplate(rng, machine.family, theme);
      const user = machine.primaryUser >= 0 ? machine.primaryUser : -1;
      drafts.push({
        template,
        machine,
        user,
        incident,
        firstEventMs: Math.min(anchorMs - MINUTE_MS, t),
        status: rng.chance(0.8) ? incidentStatus : rng.weighted(statusWeights(ageMs)),
      });
      t += rng.int(2, 90) * MINUTE_MS;
    }
    remaining -= size;
  }

  // Incident ids grow with creation time, like real ones.
  const order = incidentStarts.map((s, i) => [s, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const baseId = 10_000 + rng.int(0, 9_000);
  const incidentIdOf = new Array<number>(incidentStarts.length);
  order.forEach(([, i], pos) => (incidentIdOf[i] = baseId + pos));

  drafts.sort((a, b) => a.firstEventMs - b.firstEventMs);
  let investigation = 4000;
  const alerts = drafts.map((d, idx) =>
    buildAlert(rng, idx, { ...d, incident: incidentIdOf[d.incident]! }, anchorMs, () => investigation++),
  );
  // Source (insertion) order is creation order; live alerts append at the end.
  alerts.sort((a, b) => a.createdMs - b.createdMs);
  alerts.forEach((a, i) => (a.idx = i));

  const incidents = new Map<number, Incident>();
  for (const a of alerts) {
    let inc = incidents.get(a.incidentId);
    if (!inc) {
      inc = newIncident(0, a.incidentId, a.createdMs, a.lastUpdateMs);
      incidents.set(a.incidentId, inc);
    }
    inc.alertIdxs.push(a.idx);
    machines[a.machine]!.alertIdxs.push(a.idx);
  }
  const list = [...incidents.values()];
  for (const inc of list) {
    recomputeIncident(inc, alerts);
    inc.name = incidentName(inc, alerts);
    inc.tags = incidentTags(inc, alerts);
  }
  // Stored oldest first; the APIs serve them newest first.
  list.sort((a, b) => a.createdMs - b.createdMs || a.id - b.id);
  list.forEach((inc, i) => (inc.idx = i));
  return { alerts, incidents: list };
}
