// The generated tenant held in memory, plus the indexes the API needs. Device–vulnerability links
// are stored compactly (typed arrays, CSR layout) so 1,000,000 rows cost ~12 MB.
import type {
  AlertRecord,
  Device,
  DeviceGroup,
  Employee,
  Incident,
  Recommendation,
  SoftwareProduct,
  SoftwareStats,
  Vulnerability,
} from "./model";
import type { Posture } from "./posture/model";

export interface VulnRows {
  /** Row r belongs to machine rowMachine[r] and CVE rowVuln[r]; rows are grouped by machine. */
  rowMachine: Uint32Array;
  rowVuln: Uint32Array;
  /** Rows of machine m are machineStart[m] .. machineStart[m+1]-1. */
  machineStart: Uint32Array;
  /** Rows of CVE v are vulnRowIndex[vulnStart[v] .. vulnStart[v+1]-1]. */
  vulnStart: Uint32Array;
  vulnRowIndex: Uint32Array;
}

export class Tenant {
  alertsVersion = 0;
  incidentsVersion = 0;
  machinesVersion = 0;
  alertById = new Map<string, number>();
  incidentById = new Map<number, Incident>();
  machineById = new Map<string, Device>();
  machineByName = new Map<string, Device>();
  vulnById = new Map<string, Vulnerability>();
  recommendationById = new Map<string, Recommendation>();
  softwareById = new Map<string, SoftwareProduct>();
  managedDeviceById = new Map<string, Device>();
  nextIncidentId = 0;
  nextInvestigationId = 0;
  /** Deployment posture (antivirus, Intune policies, connector, licences); set right after generation. */
  posture!: Posture;

  constructor(
    readonly seed: string,
    readonly tenantId: string,
    readonly anchorMs: number,
    readonly groups: DeviceGroup[],
    readonly employees: Employee[],
    readonly machines: Device[],
    readonly managedDevices: Device[],
    readonly alerts: AlertRecord[],
    /** Oldest first; XDR and Graph serve them most recent first (defender-xdr/api-list-incidents). */
    readonly incidents: Incident[],
    readonly software: readonly SoftwareProduct[],
    readonly softwareStats: SoftwareStats[],
    readonly vulns: Vulnerability[],
    readonly rows: VulnRows,
    readonly recommendations: Recommendation[],
  ) {
    alerts.forEach((a) => this.alertById.set(a.id.toLowerCase(), a.idx));
    for (const i of incidents) {
      this.incidentById.set(i.id, i);
      this.nextIncidentId = Math.max(this.nextIncidentId, i.id + 1);
    }
    for (const m of machines) {
      this.machineById.set(m.id, m);
      this.machineByName.set(m.dnsName.toLowerCase(), m);
      this.machineByName.set(m.hostName.toLowerCase(), m);
    }
    for (const d of managedDevices) this.managedDeviceById.set(d.intune!.id, d);
    for (const v of vulns) this.vulnById.set(v.id.toLowerCase(), v);
    for (const r of recommendations) this.recommendationById.set(r.id.toLowerCase(), r);
    for (const s of software) this.softwareById.set(`${s.vendor}-_-${s.product}`.toLowerCase(), s);
    this.nextInvestigationId = 4000 + alerts.length;
  }

  /** MDE machines are found "by device ID or computer name" (get-machine-by-id). */
  findMachine(idOrName: string): Device | undefined {
    return this.machineById.get(idOrName.toLowerCase()) ?? this.machineByName.get(idOrName.toLowerCase());
  }

  findAlert(id: string): AlertRecord | undefined {
    const idx = this.alertById.get(id.toLowerCase());
    return idx === undefined ? undefined : this.alerts[idx];
  }

  incidentOf(alert: AlertRecord): Incident | undefined {
    return this.incidentById.get(alert.incidentId);
  }

  /** Rows of one machine, as row indexes. */
  machineRows(m: Device): [number, number] {
    return [this.rows.machineStart[m.idx]!, this.rows.machineStart[m.idx + 1]!];
  }

  /** Machines exposed to a CVE (one row per machine). */
  vulnMachines(v: Vulnerability): Device[] {
    const out: Device[] = [];
    const { vulnStart, vulnRowIndex, rowMachine } = this.rows;
    for (let k = vulnStart[v.idx]!; k < vulnStart[v.idx + 1]!; k++)
      out.push(this.machines[rowMachine[vulnRowIndex[k]!]!]!);
    return out;
  }

  /** Installed version of a product on a device: derived, not stored. */
  softwareVersion(machine: Device, software: SoftwareProduct): string {
    if (software.isOs) return machine.osVersionFull;
    const h = (Math.imul(machine.idx + 1, 2654435761) ^ Math.imul(software.idx + 7, 40503)) >>> 0;
    return software.versions[h % software.versions.length]!;
  }
}
