import type { ScoreSnapshot } from "../generated/prisma/client";
import type { SqlExecutor } from "../db/raw-transaction";
import { bulkUpsert, type BulkTable } from "./bulk";
import type { JsonRow } from "./json-row";
import type { SourceScore } from "./source-types";

// The ScoreSnapshot table. Defender returns only the current exposure score and Secure Score for Devices ("Get
// exposure score", "Get device secure score"); the trend charts need history, so every pull is stored as the
// snapshot of its day (the last pull of a day wins). Scope "" is the whole tenant, otherwise a device group.

type SnapshotRow = JsonRow<ScoreSnapshot>;

const SNAPSHOT_TABLE: BulkTable<SnapshotRow> = {
  table: "ScoreSnapshot",
  key: ["kind", "scope", "day"],
  columns: { kind: "text", scope: "text", day: "date", score: "double precision", time: "timestamp(3)" },
};

export function snapshot(kind: string, scope: string, s: { time: string; score: number }): SnapshotRow {
  const time = new Date(s.time).toISOString();
  return { kind, scope, day: time.slice(0, 10), score: s.score, time };
}

export interface ScorePull {
  exposure: SourceScore;
  secure: SourceScore;
  exposureByGroup: (SourceScore & { rbacGroupName: string })[];
}

/** Writes one pull of the scores as today's snapshots; resolves to the rows written. */
export function writeScores(execute: SqlExecutor, pull: ScorePull): Promise<number> {
  return bulkUpsert(execute, SNAPSHOT_TABLE, scoreSnapshots(pull));
}

export function scoreSnapshots(pull: ScorePull): SnapshotRow[] {
  return [
    snapshot("exposure", "", pull.exposure),
    snapshot("secure", "", pull.secure),
    ...pull.exposureByGroup.map((g) => snapshot("exposure", g.rbacGroupName, g)),
  ];
}
