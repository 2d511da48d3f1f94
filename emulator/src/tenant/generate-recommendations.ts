// Security recommendations: one "Update …" per vulnerable product (counts from the rows) plus
// configuration recommendations whose failing devices are a deterministic function of the device.
import { mix32 } from "../random";
import { CONFIG_RECOMMENDATIONS } from "./catalog/configuration-recommendations";
import { SOFTWARE } from "./catalog/software";
import type { Device, Recommendation, SoftwareStats, Vulnerability } from "./model";

export function failsConfiguration(rec: Recommendation, m: Device): boolean {
  if (rec.software !== null || !rec.families.includes(m.family)) return false;
  return mix32(rec.idx * 7919, m.idx, 0x5eed) / 4294967296 < rec.failRate;
}

export function generateRecommendations(
  machines: Device[],
  vulns: Vulnerability[],
  stats: SoftwareStats[],
): Recommendation[] {
  const out: Recommendation[] = [];
  const maxCvss = new Array<number>(SOFTWARE.length).fill(0);
  const zeroDay = new Array<boolean>(SOFTWARE.length).fill(false);
  for (const v of vulns) {
    if (v.exposedMachines === 0) continue;
    maxCvss[v.software] = Math.max(maxCvss[v.software]!, v.cvss);
    if (v.zeroDay) zeroDay[v.software] = true;
  }
  const total = Math.max(1, machines.length);
  for (const s of SOFTWARE) {
    const st = stats[s.idx]!;
    if (st.weaknesses === 0) continue;
    const name = s.isOs
      ? `Update ${s.vendor === "microsoft" ? "Microsoft " : ""}${s.displayName} (OS and built-in applications)`
      : `Update ${s.displayName}`;
    out.push({
      idx: out.length,
      id: `va-_-${s.vendor}-_-${s.product}`,
      name,
      productName: s.product,
      vendor: s.vendor,
      software: s.idx,
      category: s.isOs ? "OS" : "Application",
      subCategory: s.displayName,
      remediationType: s.isOs || s.kbFixes ? "Update" : "Upgrade",
      recommendedVersion: s.isOs ? "" : s.versions[s.versions.length - 1]!,
      recommendedProgram: s.isOs ? null : s.displayName,
      recommendedVendor: s.isOs ? null : s.vendor,
      relatedComponent: s.displayName,
      severityScore: Math.round(maxCvss[s.idx]! * 10) / 10,
      configScoreImpact: 0,
      exposureImpact: Math.round(st.impactScore * 10000) / 10000,
      status: "Active",
      weaknesses: st.weaknesses,
      publicExploit: st.publicExploit,
      activeAlert: st.activeAlert,
      exposedMachinesCount: st.exposedMachines,
      totalMachineCount: st.installedMachines,
      associatedThreats: zeroDay[s.idx]
        ? [
            `${mix32(s.idx, 1).toString(16).padStart(8, "0")}-0d00-4a11-8c0d-${mix32(s.idx, 2).toString(16).padStart(12, "0").slice(0, 12)}`,
          ]
        : [],
      failRate: 0,
      families: s.families,
    });
  }
  for (const def of CONFIG_RECOMMENDATIONS) {
    const rec: Recommendation = {
      idx: out.length,
      id: def.scid,
      name: def.name,
      productName: def.component.toLowerCase().replace(/[^a-z0-9]+/g, "_"),
      vendor: "microsoft",
      software: null,
      category: def.category,
      subCategory: def.subCategory,
      remediationType: "ConfigurationChange",
      recommendedVersion: "",
      recommendedProgram: null,
      recommendedVendor: null,
      relatedComponent: def.component,
      severityScore: def.severityScore,
      configScoreImpact: Math.round(def.severityScore * 0.9 * 100) / 100,
      exposureImpact: 0,
      // A couple of accepted risks, so the "Exception" status shows up.
      status: def.scid === "scid-46" || def.scid === "scid-6090" ? "Exception" : "Active",
      weaknesses: 0,
      publicExploit: false,
      activeAlert: false,
      exposedMachinesCount: 0,
      totalMachineCount: 0,
      associatedThreats: [],
      failRate: def.failRate,
      families: def.families,
    };
    for (const m of machines) {
      if (!def.families.includes(m.family)) continue;
      rec.totalMachineCount++;
      if (failsConfiguration(rec, m)) rec.exposedMachinesCount++;
    }
    rec.exposureImpact = Math.round((rec.exposedMachinesCount / total) * def.severityScore * 100) / 1000;
    out.push(rec);
  }
  return out;
}
