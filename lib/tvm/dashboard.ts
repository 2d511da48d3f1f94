import { getConfig } from "../config/env";
import { db } from "../db";
import { listRecommendations } from "./recommendations";
import { isoDay, round1, scoreTrend, secureScorePercent, windowStart } from "./series";
import {
  DEFAULT_TREND_RANGE,
  type DashboardQuery,
  type ExposureBucket,
  type GroupScore,
  type ScoreSummary,
  type SeverityPoint,
  type TopDevice,
  type TopRecommendation,
  type TopSoftware,
  type TvmDashboard,
  type VulnerabilityCounts,
} from "./schemas";
import { GROUP_SQL as GROUP } from "../cache/group-sql";

// The exposure dashboard, read from the aggregates the TVM sync refreshes (refresh.ts) and from ScoreSnapshot:
// every statement here reads an indexed handful of rows or the Device table, never DeviceVulnerability.

const day = (d: Date | string) => (typeof d === "string" ? d.slice(0, 10) : isoDay(d));

/** Device groups known to the cache (devices' groups, and groups Defender scored). */
export async function listDeviceGroups(): Promise<string[]> {
  const rows = await db().$queryRawUnsafe<{ g: string }[]>(
    `SELECT DISTINCT ${GROUP} AS g FROM "Device" d WHERE d."inMde"
     UNION SELECT DISTINCT "scope" FROM "ScoreSnapshot" WHERE "scope" <> '' ORDER BY 1`,
  );
  return rows.map((r) => r.g);
}

async function scorePoints(kind: "exposure" | "secure", scope: string, from: string) {
  const rows = await db().$queryRawUnsafe<{ day: Date; score: number }[]>(
    `SELECT "day", "score" FROM "ScoreSnapshot" WHERE "kind" = $1 AND "scope" = $2 AND "day" >= $3::date ORDER BY "day"`,
    kind,
    scope,
    from,
  );
  return rows.map((r) => ({
    day: day(r.day),
    score:
      kind === "secure" ? secureScorePercent(Number(r.score), getConfig().SECURE_SCORE_MAX_POINTS) : Number(r.score),
  }));
}

async function groupScores(): Promise<GroupScore[]> {
  const rows = await db().$queryRawUnsafe<{ scope: string; score: number }[]>(
    `SELECT DISTINCT ON ("scope") "scope", "score" FROM "ScoreSnapshot" WHERE "kind" = 'exposure' AND "scope" <> ''
     ORDER BY "scope", "day" DESC`,
  );
  return rows.map((r) => ({ group: r.scope, score: round1(Number(r.score)) })).sort((a, b) => b.score - a.score);
}

async function distribution(group: string): Promise<ExposureBucket[]> {
  const rows = await db().$queryRawUnsafe<{ level: string | null; n: bigint }[]>(
    `SELECT d."exposureLevel" AS level, COUNT(*) AS n FROM "Device" d
     WHERE d."inMde" AND d."mdeMissingSince" IS NULL AND ($1 = '' OR ${GROUP} = $1) GROUP BY 1`,
    group,
  );
  const by = new Map(rows.map((r) => [r.level ?? "None", Number(r.n)]));
  return (["High", "Medium", "Low", "None"] as const).map((level) => ({ level, devices: by.get(level) ?? 0 }));
}

async function severityTrend(
  group: string,
  from: string,
): Promise<{ trend: SeverityPoint[]; latest: VulnerabilityCounts | null }> {
  const rows = await db().$queryRawUnsafe<
    {
      day: Date;
      critical: number;
      high: number;
      medium: number;
      low: number;
      exposedDevices: number;
      zeroDay: number;
      exploitable: number;
    }[]
  >(
    `SELECT "day", "critical", "high", "medium", "low", "exposedDevices", "zeroDay", "exploitable" FROM "VulnerabilityCountSnapshot"
     WHERE "scope" = $1 AND "day" >= $2::date ORDER BY "day"`,
    group,
    from,
  );
  const trend = rows.map((r) => ({
    day: day(r.day),
    critical: r.critical,
    high: r.high,
    medium: r.medium,
    low: r.low,
  }));
  // The latest counts come from the newest snapshot even when it is older than the window.
  const [last] = await db().$queryRawUnsafe<typeof rows>(
    `SELECT "day", "critical", "high", "medium", "low", "exposedDevices", "zeroDay", "exploitable" FROM "VulnerabilityCountSnapshot"
     WHERE "scope" = $1 ORDER BY "day" DESC LIMIT 1`,
    group,
  );
  const latest = last
    ? {
        critical: last.critical,
        high: last.high,
        medium: last.medium,
        low: last.low,
        total: last.critical + last.high + last.medium + last.low,
        exposedDevices: last.exposedDevices,
        zeroDay: last.zeroDay,
        exploitable: last.exploitable,
        day: day(last.day),
      }
    : null;
  return { trend, latest };
}

/** Recommendations ranked by Defender's exposure impact, as the recommendations list ranks them. */
async function topRecommendations(group: string, limit: number): Promise<TopRecommendation[]> {
  const { data } = await listRecommendations({ group, sort: "exposure" }, { limit });
  // Only the columns the dashboard's table shows go to the browser.
  return data.map((r) => ({
    id: r.id,
    name: r.name,
    remediationType: r.remediationType,
    severityScore: r.severityScore,
    exposureImpact: r.exposureImpact,
    configScoreImpact: r.configScoreImpact,
    exposedDevices: r.exposedDevices,
    exposedInScope: r.exposedInScope,
  }));
}

async function topDevices(group: string): Promise<TopDevice[]> {
  const rows = await db().$queryRawUnsafe<
    {
      id: string;
      name: string;
      group: string | null;
      exposureLevel: string | null;
      vulnCritical: number;
      vulnHigh: number;
      vulnMedium: number;
      vulnLow: number;
    }[]
  >(
    `SELECT d."id", d."name", d."rbacGroupName" AS "group", d."exposureLevel", d."vulnCritical", d."vulnHigh", d."vulnMedium", d."vulnLow"
     FROM "Device" d WHERE d."vulnCritical" + d."vulnHigh" + d."vulnMedium" + d."vulnLow" > 0 AND ($1 = '' OR ${GROUP} = $1)
     ORDER BY d."vulnCritical" DESC, d."vulnHigh" DESC, d."vulnMedium" DESC, d."vulnLow" DESC, d."name" LIMIT 10`,
    group,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    group: r.group,
    exposureLevel: r.exposureLevel,
    critical: r.vulnCritical,
    high: r.vulnHigh,
    medium: r.vulnMedium,
    low: r.vulnLow,
  }));
}

async function topSoftware(group: string): Promise<TopSoftware[]> {
  return db().$queryRawUnsafe<TopSoftware[]>(
    `SELECT "softwareId", "vendor", "name", "vulnerabilities", "critical", "exposedDevices" FROM "SoftwareExposure"
     WHERE "scope" = $1 ORDER BY "vulnerabilities" DESC, "exposedDevices" DESC, "softwareId" LIMIT 10`,
    group,
  );
}

async function lastTvmSync(): Promise<string | null> {
  const row = await db().syncState.findUnique({
    where: { entity: "deviceVulnerabilities" },
    select: { lastSuccessAt: true },
  });
  return row?.lastSuccessAt?.toISOString() ?? null;
}

/** The tenant's exposure score over the dashboard's default window: the /tvm headline, as the overview repeats it. */
export async function getExposureSummary(now: Date = new Date()): Promise<ScoreSummary> {
  const today = isoDay(now);
  const days = Number(DEFAULT_TREND_RANGE);
  return scoreTrend(await scorePoints("exposure", "", windowStart(today, days)), today, days);
}

export async function getTvmDashboard(query: DashboardQuery, now: Date = new Date()): Promise<TvmDashboard> {
  const today = isoDay(now);
  const days = Number(query.range);
  const from = windowStart(today, days);
  const groups = await listDeviceGroups();
  // An unknown group would match nothing and read as "nothing synced yet"; like any other parameter the console
  // does not understand, it is ignored (and the page says so).
  const unknownGroup = query.group && !groups.includes(query.group) ? query.group : null;
  const group = unknownGroup ? "" : query.group;
  const [exposure, secure, scores, dist, severity, recs, devices, software, lastSyncAt] = await Promise.all([
    scorePoints("exposure", group, from),
    group === "" ? scorePoints("secure", "", from) : Promise.resolve(null),
    group === "" ? groupScores() : Promise.resolve([]),
    distribution(group),
    severityTrend(group, from),
    topRecommendations(group, 10),
    topDevices(group),
    topSoftware(group),
    lastTvmSync(),
  ]);
  return {
    group,
    unknownGroup,
    range: query.range,
    groups,
    exposure: scoreTrend(exposure, today, days),
    secure: secure ? scoreTrend(secure, today, days) : null,
    groupScores: scores,
    distribution: dist,
    severityTrend: severity.trend,
    counts: severity.latest,
    topRecommendations: recs,
    topDevices: devices,
    topSoftware: software,
    lastSyncAt,
  };
}
