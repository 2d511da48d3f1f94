import { inRawTransaction } from "../../db/raw-transaction";
import { bulkUpsert, type BulkTable } from "../bulk";
import type { JobContext, JobResult } from "../types";

// Defender returns only the current exposure score and Secure Score for Devices
// (learn.microsoft.com/defender-endpoint/api/score); the trend charts need history, so every pull is stored as
// the snapshot of its day (the last pull of a day wins).

interface SnapshotRow {
  kind: string;
  scope: string;
  day: string;
  score: number;
  time: string;
}

const SNAPSHOT_TABLE: BulkTable<SnapshotRow> = {
  table: "ScoreSnapshot",
  key: ["kind", "scope", "day"],
  columns: { kind: "text", scope: "text", day: "date", score: "double precision", time: "timestamp(3)" },
};

function snapshot(kind: string, scope: string, s: { time: string; score: number }): SnapshotRow {
  const time = new Date(s.time).toISOString();
  return { kind, scope, day: time.slice(0, 10), score: s.score, time };
}

export async function syncScores(ctx: JobContext): Promise<JobResult> {
  const [exposure, secure, byGroup] = await Promise.all([
    ctx.sources.exposureScore(),
    ctx.sources.configurationScore(),
    ctx.sources.exposureScoreByGroups(),
  ]);
  const rows = [snapshot("exposure", "", exposure), snapshot("secure", "", secure), ...byGroup.map((g) => snapshot("exposure", g.rbacGroupName, g))];
  const upserted = await inRawTransaction(ctx.db, (execute) => bulkUpsert(execute, SNAPSHOT_TABLE, rows));
  return { fetched: rows.length, upserted, skipped: [], watermark: new Date(exposure.time) };
}
