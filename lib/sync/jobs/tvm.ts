import { inRawTransaction } from "../../db/raw-transaction";
import { bulkUpsert, type BulkTable } from "../bulk";
import type { SourceMachineVulnerability, SourceRecommendation, SourceSoftware, SourceVulnerability } from "../source-types";
import type { JobContext, JobResult } from "../types";
import { consumePages, iso } from "./common";

// Vulnerability management data has no change-tracking field in the list APIs
// (learn.microsoft.com/defender-endpoint/api/vulnerability and its siblings), and Defender
// recomputes it a few times a day; so each TVM entity is pulled whole, on its own cadence (tvmRefreshMs). A run in
// between makes no calls for it. Device–vulnerability rows not seen in a complete pass are marked resolved (not
// deleted): that is what remediation burndowns are drawn from.

interface VulnerabilityRow {
  id: string;
  name: string;
  description: string;
  severity: string;
  cvssV3: number | null;
  cvssVector: string | null;
  exposedMachines: number;
  publishedOn: string | null;
  updatedOn: string | null;
  publicExploit: boolean;
  exploitVerified: boolean;
  exploitInKit: boolean;
  exploitTypes: string[];
  isZeroDay: boolean;
  epss: number | null;
  syncedAt: string;
}

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
 * The MDE vulnerability entity has no zero-day field (see its resource-type page); Defender's portal labels them
 * in the name or description ("Zero-day"), which is what the console recognises.
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

interface DeviceVulnerabilityRow {
  id: string;
  machineId: string;
  cveId: string;
  productName: string;
  productVendor: string;
  productVersion: string;
  fixingKbId: string | null;
  severity: string;
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
}

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

const RECOMMENDATION_TABLE: BulkTable<Record<string, unknown>> = {
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

const SOFTWARE_TABLE: BulkTable<Record<string, unknown>> = {
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

/** Whether a whole-entity refresh is due: always on a full sync, otherwise once per cadence. */
export function tvmDue(ctx: JobContext, refreshMs: number): boolean {
  return ctx.mode === "full" || !ctx.lastSuccessAt || ctx.runStartedAt.getTime() - ctx.lastSuccessAt.getTime() >= refreshMs;
}

export async function syncVulnerabilities(ctx: JobContext): Promise<JobResult> {
  const now = ctx.runStartedAt.toISOString();
  const result = await consumePages(ctx, ctx.sources.vulnerabilityPages(), (items) =>
    inRawTransaction(ctx.db, (execute) => bulkUpsert(execute, VULNERABILITY_TABLE, items.map((v) => vulnerabilityRow(v, now)))),
  );
  return { ...result, watermark: ctx.runStartedAt };
}

export async function syncSoftware(ctx: JobContext): Promise<JobResult> {
  const now = ctx.runStartedAt.toISOString();
  const rows = (items: SourceSoftware[]) =>
    items.map((s) => ({
      id: s.id,
      name: s.name ?? s.id,
      vendor: s.vendor ?? "",
      weaknesses: s.weaknesses ?? 0,
      publicExploit: s.publicExploit ?? false,
      activeAlert: s.activeAlert ?? false,
      exposedMachines: s.exposedMachines ?? 0,
      impactScore: s.impactScore ?? 0,
      syncedAt: now,
    }));
  const result = await consumePages(ctx, ctx.sources.softwarePages(), (items) => inRawTransaction(ctx.db, (execute) => bulkUpsert(execute, SOFTWARE_TABLE, rows(items))));
  return { ...result, watermark: ctx.runStartedAt };
}

export async function syncRecommendations(ctx: JobContext): Promise<JobResult> {
  const now = ctx.runStartedAt.toISOString();
  const rows = (items: SourceRecommendation[]) =>
    items.map((r) => ({
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
    }));
  const result = await consumePages(ctx, ctx.sources.recommendationPages(), (items) =>
    inRawTransaction(ctx.db, (execute) => bulkUpsert(execute, RECOMMENDATION_TABLE, rows(items))),
  );
  return { ...result, watermark: ctx.runStartedAt };
}

export async function syncDeviceVulnerabilities(ctx: JobContext): Promise<JobResult> {
  const now = ctx.runStartedAt.toISOString();
  const rows = (items: SourceMachineVulnerability[]): DeviceVulnerabilityRow[] =>
    items.map((v) => ({
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
    }));
  const result = await consumePages(ctx, ctx.sources.machineVulnerabilityPages(), (items) =>
    inRawTransaction(ctx.db, (execute) => bulkUpsert(execute, DEVICE_VULNERABILITY_TABLE, rows(items))),
  );
  // The pass completed (an exception would have skipped this): what was not seen is no longer exposed.
  const resolved = await ctx.db.$executeRawUnsafe(
    `UPDATE "DeviceVulnerability" SET "resolvedAt" = $1::timestamp(3) WHERE "resolvedAt" IS NULL AND "lastSeenAt" < $1::timestamp(3)`,
    now,
  );
  return { ...result, watermark: ctx.runStartedAt, notes: resolved ? [`${resolved} device vulnerabilit(ies) no longer reported: marked resolved`] : [] };
}
