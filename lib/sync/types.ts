import type { PrismaClient } from "../db";
import type { PriorityRule, SlaMinutes } from "../cache/alert-priority";
import type { SyncSources } from "./source-types";

export const SYNC_ENTITIES = [
  "machines",
  "intuneDevices",
  "alerts",
  "incidents",
  "machineActions",
  "vulnerabilities",
  "software",
  "recommendations",
  "deviceVulnerabilities",
  "scores",
  "avHealth",
  "intuneProtection",
  "postureConfig",
  "investigations",
  "indicators",
  "detectionRules",
] as const;
export type SyncEntity = (typeof SYNC_ENTITIES)[number];

import type { SkippedRecord } from "../microsoft";

export type { SkippedRecord, Page as SourcePage } from "../microsoft";

export interface JobResult {
  fetched: number;
  upserted: number;
  skipped: SkippedRecord[];
  /** New watermark (the entity's change field, Defender's clock); null keeps the old one. */
  watermark: Date | null;
  notes?: string[];
}

export interface JobContext {
  db: PrismaClient;
  sources: SyncSources;
  mode: "full" | "incremental";
  /** Last committed watermark; null on the first (full) sync. */
  watermark: Date | null;
  lastSuccessAt: Date | null;
  /** Start of this run, console clock. */
  runStartedAt: Date;
  overlapMs: number;
  rules: readonly PriorityRule[];
  sla: SlaMinutes;
  /** Renew this entity's lock lease; call between pages. */
  heartbeat(): Promise<void>;
}

export interface EntitySummary {
  entity: SyncEntity;
  status: "ok" | "failed" | "locked" | "not-due";
  mode: "full" | "incremental";
  fetched: number;
  upserted: number;
  skipped: number;
  calls: number;
  durationMs: number;
  error?: string;
  skippedSample?: SkippedRecord[];
  notes?: string[];
}
