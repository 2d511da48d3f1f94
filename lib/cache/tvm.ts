import type { DeviceVulnerability, Recommendation, Software, Vulnerability } from "../generated/prisma/client";
import type { PrismaClient } from "../db";
import type { SqlExecutor } from "../db/raw-transaction";
import { bulkUpsert, type BulkTable } from "./bulk";
import type { JsonRow } from "./json-row";
import type {
  SourceMachineVulnerability,
  SourceRecommendation,
  SourceSoftware,
  SourceVulnerability,
} from "./source-types";
import { cacheTenantId } from "./tenant";
import { iso } from "./values";

// The vulnerability-management tables: the CVE and software catalogues, security recommendations, and one row per
// device and vulnerable product. Device–vulnerability rows not seen in a complete pass are marked resolved (not
// deleted): remediation burndowns are drawn from that. Aggregates over them are ./tvm-aggregates.ts.

type RecommendationRow = JsonRow<Recommendation>;
type SoftwareRow = JsonRow<Software>;

type VulnerabilityRow = Pick<
  JsonRow<Vulnerability>,
  | "id"
  | "name"
  | "description"
  | "severity"
  | "cvssV3"
  | "cvssVector"
  | "exposedMachines"
  | "publishedOn"
  | "updatedOn"
  | "publicExploit"
  | "exploitVerified"
  | "exploitInKit"
  | "exploitTypes"
  | "isZeroDay"
  | "epss"
  | "syncedAt"
>;

const VULNERABILITY_TABLE: BulkTable<VulnerabilityRow> = {
  table: "Vulnerability",
  key: ["id"],
  columns: {
    id: "text",
    name: "text",
    description: "text",
    severity: "text",
    cvssV3: "double precision",
    cvssVector: "text",
    exposedMachines: "integer",
    publishedOn: "timestamp(3)",
    updatedOn: "timestamp(3)",
    publicExploit: "boolean",
    exploitVerified: "boolean",
    exploitInKit: "boolean",
    exploitTypes: "text[]",
    isZeroDay: "boolean",
    epss: "double precision",
    syncedAt: "timestamp(3)",
  },
};

/**
 * Defender's vulnerability entity has no zero-day field ("Vulnerability methods and properties"); Defender's portal labels them in the name or
 * description ("Zero-day"), which is what the console recognises.
 */
export function isZeroDay(v: Pick<SourceVulnerability, "name" | "description">): boolean {
  return /zero[- ]day/i.test(`${v.name ?? ""} ${v.description ?? ""}`);
}

function vulnerabilityRow(v: SourceVulnerability, now: string): VulnerabilityRow {
  return {
    id: v.id,
    name: v.name ?? v.id,
    description: v.description ?? "",
    severity: v.severity ?? "Low",
    cvssV3: v.cvssV3 ?? null,
    cvssVector: v.cvssVector ?? null,
    exposedMachines: v.exposedMachines ?? 0,
    publishedOn: iso(v.publishedOn),
    updatedOn: iso(v.updatedOn),
    publicExploit: v.publicExploit ?? false,
    exploitVerified: v.exploitVerified ?? false,
    exploitInKit: v.exploitInKit ?? false,
    exploitTypes: v.exploitTypes ?? [],
    isZeroDay: isZeroDay(v),
    epss: v.epss ?? null,
    syncedAt: now,
  };
}

type DeviceVulnerabilityRow = Pick<
  JsonRow<DeviceVulnerability>,
  | "id"
  | "machineId"
  | "cveId"
  | "productName"
  | "productVendor"
  | "productVersion"
  | "fixingKbId"
  | "severity"
  | "firstSeenAt"
  | "lastSeenAt"
  | "resolvedAt"
>;

const DEVICE_VULNERABILITY_TABLE: BulkTable<DeviceVulnerabilityRow> = {
  table: "DeviceVulnerability",
  key: ["id"],
  keepOnUpdate: ["firstSeenAt"],
  columns: {
    id: "text",
    machineId: "text",
    cveId: "text",
    productName: "text",
    productVendor: "text",
    productVersion: "text",
    fixingKbId: "text",
    severity: "text",
    firstSeenAt: "timestamp(3)",
    lastSeenAt: "timestamp(3)",
    resolvedAt: "timestamp(3)",
  },
};

const RECOMMENDATION_TABLE: BulkTable<RecommendationRow> = {
  table: "Recommendation",
  key: ["id"],
  columns: {
    id: "text",
    productName: "text",
    recommendationName: "text",
    vendor: "text",
    recommendedVersion: "text",
    recommendationCategory: "text",
    subCategory: "text",
    severityScore: "double precision",
    publicExploit: "boolean",
    activeAlert: "boolean",
    remediationType: "text",
    status: "text",
    configScoreImpact: "double precision",
    exposureImpact: "double precision",
    totalMachineCount: "integer",
    exposedMachinesCount: "integer",
    weaknesses: "integer",
    relatedComponent: "text",
    syncedAt: "timestamp(3)",
  },
};

const SOFTWARE_TABLE: BulkTable<SoftwareRow> = {
  table: "Software",
  key: ["id"],
  columns: {
    id: "text",
    name: "text",
    vendor: "text",
    weaknesses: "integer",
    publicExploit: "boolean",
    activeAlert: "boolean",
    exposedMachines: "integer",
    impactScore: "double precision",
    syncedAt: "timestamp(3)",
  },
};

function softwareRow(s: SourceSoftware, now: string): SoftwareRow {
  return {
    id: s.id,
    name: s.name ?? s.id,
    vendor: s.vendor ?? "",
    weaknesses: s.weaknesses ?? 0,
    publicExploit: s.publicExploit ?? false,
    activeAlert: s.activeAlert ?? false,
    exposedMachines: s.exposedMachines ?? 0,
    impactScore: s.impactScore ?? 0,
    syncedAt: now,
  };
}

function recommendationRow(r: SourceRecommendation, now: string): RecommendationRow {
  return {
    id: r.id,
    productName: r.productName ?? null,
    recommendationName: r.recommendationName ?? r.id,
    vendor: r.vendor ?? null,
    recommendedVersion: r.recommendedVersion ?? null,
    recommendationCategory: r.recommendationCategory ?? null,
    subCategory: r.subCategory ?? null,
    severityScore: r.severityScore ?? 0,
    publicExploit: r.publicExploit ?? false,
    activeAlert: r.activeAlert ?? false,
    remediationType: r.remediationType ?? null,
    status: r.status ?? "Active",
    configScoreImpact: r.configScoreImpact ?? 0,
    exposureImpact: r.exposureImpact ?? 0,
    totalMachineCount: r.totalMachineCount ?? 0,
    exposedMachinesCount: r.exposedMachinesCount ?? 0,
    weaknesses: r.weaknesses ?? 0,
    relatedComponent: r.relatedComponent ?? null,
    syncedAt: now,
  };
}

function deviceVulnerabilityRow(v: SourceMachineVulnerability, now: string): DeviceVulnerabilityRow {
  return {
    id: v.id,
    machineId: v.machineId,
    cveId: v.cveId,
    productName: v.productName ?? "",
    productVendor: v.productVendor ?? "",
    productVersion: v.productVersion ?? "",
    fixingKbId: v.fixingKbId || null,
    severity: v.severity ?? "Low",
    firstSeenAt: now,
    lastSeenAt: now,
    resolvedAt: null,
  };
}

export function writeVulnerabilities(
  execute: SqlExecutor,
  items: readonly SourceVulnerability[],
  now: string,
): Promise<number> {
  return bulkUpsert(
    execute,
    VULNERABILITY_TABLE,
    items.map((v) => vulnerabilityRow(v, now)),
  );
}

export function writeSoftware(execute: SqlExecutor, items: readonly SourceSoftware[], now: string): Promise<number> {
  return bulkUpsert(
    execute,
    SOFTWARE_TABLE,
    items.map((s) => softwareRow(s, now)),
  );
}

export function writeRecommendations(
  execute: SqlExecutor,
  items: readonly SourceRecommendation[],
  now: string,
): Promise<number> {
  return bulkUpsert(
    execute,
    RECOMMENDATION_TABLE,
    items.map((r) => recommendationRow(r, now)),
  );
}

/** Device–vulnerability rows seen in this pass: firstSeenAt is kept from the first pass that saw the row. */
export function writeDeviceVulnerabilities(
  execute: SqlExecutor,
  items: readonly SourceMachineVulnerability[],
  now: string,
): Promise<number> {
  return bulkUpsert(
    execute,
    DEVICE_VULNERABILITY_TABLE,
    items.map((v) => deviceVulnerabilityRow(v, now)),
  );
}

/** After a complete pass started at `passStartedAt`: what was not seen is no longer exposed (marked, not deleted). */
export function resolveUnseenDeviceVulnerabilities(database: PrismaClient, passStartedAt: string): Promise<number> {
  return database.$executeRawUnsafe(
    `UPDATE "DeviceVulnerability" SET "resolvedAt" = $1::timestamp(3)
     WHERE "tenantId" = $2 AND "resolvedAt" IS NULL AND "lastSeenAt" < $1::timestamp(3)`,
    passStartedAt,
    cacheTenantId(),
  );
}
