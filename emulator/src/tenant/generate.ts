// Builds the whole tenant from a seed. Same seed (and anchor) ⇒ same ids and content.
import { generateAlerts } from "./generate-alerts";
import { generateDevices, generateEmployees } from "./generate-devices";
import { generateRecommendations } from "./generate-recommendations";
import {
  exposureLevelOf,
  generateVulnerabilities,
  linkDevicesToVulnerabilities,
  softwareStatistics,
} from "./generate-vulnerabilities";
import { RISK_FOR_RANK, severityRank } from "./alert-factory";
import { SOFTWARE } from "./catalog/software";
import { generatePosture } from "./posture/generate-posture";
import type { Plan } from "./posture/model";
import { Tenant } from "./tenant";

export interface TenantSize {
  devices: number;
  alerts: number;
  vulnsPerDevice: number;
}

export function generateTenant(
  seed: string,
  tenantId: string,
  anchorMs: number,
  size: TenantSize,
  plan: Plan = "p2",
): Tenant {
  const employees = generateEmployees(seed, Math.max(30, Math.ceil(size.devices * 0.9)));
  const { machines, managedDevices, groups } = generateDevices(seed, size.devices, employees, anchorMs);
  const { alerts, incidents } = generateAlerts(seed, size.alerts, machines, anchorMs);
  const vulns = generateVulnerabilities(seed, machines, size.vulnsPerDevice, anchorMs);
  const rows = linkDevicesToVulnerabilities(seed, machines, vulns, size.vulnsPerDevice);

  // Risk follows the device's unresolved alerts; exposure follows its CVEs.
  const activeAlertMachines = new Set<number>();
  for (const m of machines) {
    let rank = 0;
    for (const i of m.alertIdxs) {
      const a = alerts[i]!;
      if (a.status === "Resolved") continue;
      activeAlertMachines.add(m.idx);
      rank = Math.max(rank, severityRank(a.severity));
    }
    m.riskScore = RISK_FOR_RANK[rank]!;
    m.exposureLevel = exposureLevelOf(m, vulns, rows);
  }
  const stats = softwareStatistics(machines, vulns, rows, activeAlertMachines);
  const recommendations = generateRecommendations(machines, vulns, stats);
  const tenant = new Tenant(
    seed,
    tenantId,
    anchorMs,
    groups,
    employees,
    machines,
    managedDevices,
    alerts,
    incidents,
    SOFTWARE,
    stats,
    vulns,
    rows,
    recommendations,
  );
  tenant.posture = generatePosture({ seed, tenantId, anchorMs, plan, machines, managedDevices });
  return tenant;
}
