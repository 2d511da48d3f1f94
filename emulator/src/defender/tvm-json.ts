// Vulnerability, Software and Recommendation shapes ("… methods and properties" pages) and the
// machinesVulnerabilities row ("List vulnerabilities by machine and software").
import { isoTime } from "../clock";
import type { Device, Recommendation, SoftwareProduct, Vulnerability } from "../tenant/model";
import type { Tenant } from "../tenant/tenant";

export function vulnerabilityJson(v: Vulnerability): Record<string, unknown> {
  return {
    id: v.id,
    name: v.name,
    description: v.description,
    severity: v.severity,
    cvssV3: v.cvss,
    cvssVector: v.vector,
    exposedMachines: v.exposedMachines,
    publishedOn: isoTime(v.publishedMs),
    updatedOn: isoTime(v.updatedMs),
    publicExploit: v.publicExploit,
    exploitVerified: v.exploitVerified,
    exploitInKit: v.exploitInKit,
    exploitTypes: v.exploitTypes,
    exploitUris: v.exploitUris,
    // Plain string as in the JSON example; the "Vulnerability methods and properties" table says String collection.
    CveSupportability: "Supported",
  };
}

export function softwareJson(tenant: Tenant, s: SoftwareProduct): Record<string, unknown> {
  const st = tenant.softwareStats[s.idx]!;
  return {
    id: `${s.vendor}-_-${s.product}`,
    name: s.product,
    vendor: s.vendor,
    weaknesses: st.weaknesses,
    publicExploit: st.publicExploit,
    activeAlert: st.activeAlert,
    exposedMachines: st.exposedMachines,
    impactScore: st.impactScore,
  };
}

export function recommendationJson(r: Recommendation): Record<string, unknown> {
  return {
    id: r.id,
    productName: r.productName,
    recommendationName: r.name,
    weaknesses: r.weaknesses,
    vendor: r.vendor,
    recommendedVersion: r.recommendedVersion,
    recommendedProgram: r.recommendedProgram,
    recommendedVendor: r.recommendedVendor,
    recommendationCategory: r.category,
    subCategory: r.subCategory,
    severityScore: r.severityScore,
    publicExploit: r.publicExploit,
    activeAlert: r.activeAlert,
    associatedThreats: r.associatedThreats,
    remediationType: r.remediationType,
    status: r.status,
    configScoreImpact: r.configScoreImpact,
    exposureImpact: r.exposureImpact,
    totalMachineCount: r.totalMachineCount,
    exposedMachinesCount: r.exposedMachinesCount,
    nonProductivityImpactedAssets: 0,
    relatedComponent: r.relatedComponent,
  };
}

export function machineReferenceJson(m: Device): Record<string, unknown> {
  return { id: m.id, computerDnsName: m.dnsName, osPlatform: m.osPlatform, rbacGroupName: m.group.name };
}

/** One device–CVE row's parts: the machine, the CVE, the affected software and its version on that machine. */
function machineVulnerabilityParts(tenant: Tenant, row: number) {
  const m = tenant.machines[tenant.rows.rowMachine[row]!]!;
  const v = tenant.vulns[tenant.rows.rowVuln[row]!]!;
  const s = tenant.software[v.software]!;
  const version = tenant.softwareVersion(m, s);
  // The id format is documented in "List vulnerabilities by machine and software".
  const id = `${m.id}-_-${v.id}-_-${s.vendor}-_-${s.product}-_-${version}-_-${v.fixingKb ?? ""}`;
  return { m, v, s, version, id };
}

/** A device–CVE row's id, without building the row. */
export function machineVulnerabilityId(tenant: Tenant, row: number): string {
  return machineVulnerabilityParts(tenant, row).id;
}

/**
 * The same record as machineVulnerabilityJson, written straight to JSON text: half a million of these make a full
 * export, and skipping the intermediate object keeps the emulator from eating the CPU the console is measured on.
 */
export function machineVulnerabilityText(tenant: Tenant, row: number): string {
  const { m, v, s, version, id } = machineVulnerabilityParts(tenant, row);
  const q = JSON.stringify;
  return (
    `{"id":${q(id)},"cveId":${q(v.id)},"machineId":${q(m.id)}` +
    `,"fixingKbId":${q(v.fixingKb)},"productName":${q(s.product)},"productVendor":${q(s.vendor)},"productVersion":${q(version)},"severity":${q(v.severity)}}`
  );
}

/** One device–CVE row. */
export function machineVulnerabilityJson(tenant: Tenant, row: number): Record<string, unknown> {
  const { m, v, s, version, id } = machineVulnerabilityParts(tenant, row);
  return {
    id,
    cveId: v.id,
    machineId: m.id,
    fixingKbId: v.fixingKb,
    productName: s.product,
    productVendor: s.vendor,
    productVersion: version,
    severity: v.severity,
  };
}
