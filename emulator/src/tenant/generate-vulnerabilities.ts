// CVE catalogue spread over the installed software, the device–CVE rows (exactly
// vulnsPerDevice per machine when its software allows), and the counts derived from those rows.
import { Rng } from "../random";
import { DAY_MS } from "../clock";
import { SOFTWARE, VULN_TITLES } from "./catalog/software";
import type { Device, SoftwareStats, Vulnerability } from "./model";
import type { VulnRows } from "./tenant";

function severityOf(cvss: number): Vulnerability["severity"] {
  if (cvss >= 9) return "Critical";
  if (cvss >= 7) return "High";
  if (cvss >= 4) return "Medium";
  return "Low";
}

function cvssVector(rng: Rng): string {
  return `CVSS:3.1/AV:${rng.pick(["N", "N", "L", "A"])}/AC:${rng.pick(["L", "L", "H"])}/PR:${rng.pick(["N", "L", "H"])}/UI:${rng.pick(["N", "R"])}/S:${rng.pick(["U", "U", "C"])}/C:${rng.pick(["H", "L", "N"])}/I:${rng.pick(["H", "L", "N"])}/A:${rng.pick(["H", "L", "N"])}`;
}

export function generateVulnerabilities(
  seed: string,
  machines: Device[],
  vulnsPerDevice: number,
  anchorMs: number,
): Vulnerability[] {
  const rng = new Rng(`${seed}:vulnerabilities`);
  const installs = new Array<number>(SOFTWARE.length).fill(0);
  for (const m of machines) for (const s of m.software) installs[s]!++;
  const total = Math.max(1, machines.length * vulnsPerDevice);
  const size = Math.max(150, Math.min(5000, Math.ceil(Math.sqrt(total) * 4)));
  // OS products carry most CVEs (Patch Tuesday), apps fewer; every installed product gets some.
  const weights = SOFTWARE.map(
    (s) => [s.idx, installs[s.idx]! === 0 ? 0 : (s.isOs ? 6 : 1) * Math.sqrt(installs[s.idx]!) + 1] as const,
  );
  const usedIds = new Set<string>();
  const out: Vulnerability[] = [];
  const zeroDays = Math.max(1, Math.round(size * 0.012));
  for (let idx = 0; idx < size; idx++) {
    const software = idx < SOFTWARE.length && installs[idx]! > 0 ? idx : rng.weighted(weights);
    const product = SOFTWARE[software]!;
    const zeroDay = idx >= size - zeroDays;
    const ageDays = zeroDay ? rng.int(2, 45) : Math.floor(5 * 365 * Math.pow(rng.next(), 1.8));
    const publishedMs = anchorMs - ageDays * DAY_MS - rng.int(0, 86_399) * 1000;
    const year = new Date(publishedMs).getUTCFullYear();
    let id: string;
    do id = `CVE-${year}-${rng.int(20000, 49999)}`;
    while (usedIds.has(id));
    usedIds.add(id);
    const cvss = zeroDay
      ? Math.round((8.1 + rng.next() * 1.7) * 10) / 10
      : Math.round(
          rng.weighted([
            [2.5, 8],
            [4.5, 20],
            [5.5, 22],
            [6.5, 18],
            [7.5, 18],
            [8.1, 9],
            [9.3, 5],
          ] as const) *
            10 +
            rng.int(-4, 4),
        ) / 10;
    const severity = severityOf(cvss);
    const publicExploit = zeroDay || rng.chance(severity === "Critical" || severity === "High" ? 0.35 : 0.15);
    const exploitVerified = zeroDay || (publicExploit && rng.chance(0.4));
    const exploitInKit = exploitVerified && rng.chance(zeroDay ? 0.5 : 0.3);
    const title = rng.pick(VULN_TITLES.default!);
    out.push({
      idx,
      id,
      name: id,
      description: zeroDay
        ? `Zero-day: ${product.displayName} ${title.toLowerCase()} exploited in the wild before a security update is available. Apply the vendor's mitigation.`
        : `${product.displayName} ${title.toLowerCase()}. An attacker who successfully exploited the vulnerability could ${title.startsWith("Remote") ? "run arbitrary code" : title.startsWith("Elevation") ? "gain SYSTEM privileges" : "affect confidentiality or availability"}.`,
      severity,
      cvss: Math.min(10, Math.max(0.1, cvss)),
      vector: cvssVector(rng),
      publishedMs,
      updatedMs: Math.min(anchorMs, publishedMs + rng.int(0, 60) * DAY_MS),
      publicExploit,
      exploitVerified,
      exploitInKit,
      exploitTypes: publicExploit
        ? [rng.pick(["Remote code execution", "Local privilege escalation", "Denial of service", "Local"])]
        : [],
      exploitUris: publicExploit ? [`https://www.exploit-db.com/exploits/${rng.int(40000, 52999)}`] : [],
      software,
      fixingKb: product.kbFixes && !zeroDay ? String(rng.int(5030000, 5049999)) : null,
      zeroDay,
      exposedMachines: 0,
    });
  }
  return out;
}

export function linkDevicesToVulnerabilities(
  seed: string,
  machines: Device[],
  vulns: Vulnerability[],
  vulnsPerDevice: number,
): VulnRows {
  const rng = new Rng(`${seed}:device-vulns`);
  const bySoftware: number[][] = SOFTWARE.map(() => []);
  for (const v of vulns) bySoftware[v.software]!.push(v.idx);
  const capacity = machines.length * vulnsPerDevice;
  const rowMachine = new Uint32Array(capacity);
  const rowVuln = new Uint32Array(capacity);
  const machineStart = new Uint32Array(machines.length + 1);
  let r = 0;
  const picked = new Set<number>();
  for (const m of machines) {
    machineStart[m.idx] = r;
    const pool: number[][] = m.software.map((s) => bySoftware[s]!).filter((p) => p.length > 0);
    let poolSize = 0;
    for (const p of pool) poolSize += p.length;
    picked.clear();
    const want = Math.min(vulnsPerDevice, poolSize);
    if (want === poolSize) {
      for (const p of pool) for (const v of p) picked.add(v);
    } else {
      while (picked.size < want) {
        // Two draws: a product, then one of its CVEs, so a device's few apps all show up.
        const p = pool[Math.floor(rng.next() * pool.length)]!;
        picked.add(p[Math.floor(rng.next() * p.length)]!);
      }
    }
    for (const v of [...picked].sort((a, b) => a - b)) {
      rowMachine[r] = m.idx;
      rowVuln[r] = v;
      r++;
    }
  }
  machineStart[machines.length] = r;
  const counts = new Uint32Array(vulns.length + 1);
  for (let i = 0; i < r; i++) counts[rowVuln[i]! + 1]!++;
  const vulnStart = new Uint32Array(vulns.length + 1);
  for (let v = 0; v < vulns.length; v++) vulnStart[v + 1] = vulnStart[v]! + counts[v + 1]!;
  const cursor = vulnStart.slice(0, vulns.length);
  const vulnRowIndex = new Uint32Array(r);
  for (let i = 0; i < r; i++) vulnRowIndex[cursor[rowVuln[i]!]!++] = i;
  for (const v of vulns) v.exposedMachines = vulnStart[v.idx + 1]! - vulnStart[v.idx]!;
  return { rowMachine: rowMachine.slice(0, r), rowVuln: rowVuln.slice(0, r), machineStart, vulnStart, vulnRowIndex };
}

/** Per-product counts consistent with the rows (Software `weaknesses` / `exposedMachines`). */
export function softwareStatistics(
  machines: Device[],
  vulns: Vulnerability[],
  rows: VulnRows,
  activeAlertMachines: Set<number>,
): SoftwareStats[] {
  const stats: SoftwareStats[] = SOFTWARE.map(() => ({
    weaknesses: 0,
    exposedMachines: 0,
    installedMachines: 0,
    publicExploit: false,
    activeAlert: false,
    impactScore: 0,
  }));
  for (const m of machines) for (const s of m.software) stats[s]!.installedMachines++;
  const seen = new Set<number>();
  for (const m of machines) {
    seen.clear();
    for (let r = rows.machineStart[m.idx]!; r < rows.machineStart[m.idx + 1]!; r++)
      seen.add(vulns[rows.rowVuln[r]!]!.software);
    for (const s of seen) {
      stats[s]!.exposedMachines++;
      if (activeAlertMachines.has(m.idx)) stats[s]!.activeAlert = true;
    }
  }
  for (const v of vulns) {
    if (v.exposedMachines === 0) continue;
    const s = stats[v.software]!;
    s.weaknesses++;
    s.publicExploit ||= v.publicExploit;
    s.impactScore += (v.cvss / 10) * (v.publicExploit ? 1.5 : 1) * (v.exposedMachines / Math.max(1, machines.length));
  }
  for (const s of stats) s.impactScore = Math.round(s.impactScore * 1000) / 1000;
  return stats;
}

/** exposureLevel from the device's own CVEs. */
export function exposureLevelOf(m: Device, vulns: Vulnerability[], rows: VulnRows): string {
  let level = 0;
  for (let r = rows.machineStart[m.idx]!; r < rows.machineStart[m.idx + 1]!; r++) {
    const v = vulns[rows.rowVuln[r]!]!;
    const l =
      (v.severity === "Critical" && v.exploitVerified) || v.zeroDay
        ? 3
        : v.severity === "Critical" || (v.severity === "High" && v.publicExploit)
          ? 2
          : 1;
    if (l > level) level = l;
    if (level === 3) break;
  }
  return ["None", "Low", "Medium", "High"][level]!;
}
