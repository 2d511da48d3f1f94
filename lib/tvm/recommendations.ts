import { z } from "zod";
import { db } from "../db";
import { SqlParams, containsPattern } from "../db/sql-params";
import { decodeCursor, keysetPage } from "../http/cursor";
import { BadRequest } from "../http/errors";
import { cacheTenantId, tenantSql } from "../cache/tenant";
import { round1 } from "./series";
import { exposedDevices } from "./vulnerabilities";
import type { RecommendationDetail, RecommendationPage, RecommendationRow, RecommendationView } from "./schemas";

// Security recommendations as Defender ranks them. Software-update recommendations (va-_-vendor-_-product) get their
// exposed devices per group from SoftwareExposure; configuration recommendations only have Defender's tenant-wide
// count (the API offers no per-device list for them here).

const SOFTWARE_PREFIX = "va-_-";

/** The Software.id a recommendation remediates, or null for a configuration recommendation. */
export function softwareIdOf(recommendationId: string): string | null {
  return recommendationId.startsWith(SOFTWARE_PREFIX) ? recommendationId.slice(SOFTWARE_PREFIX.length) : null;
}

/** The exposed devices a row shows: per group for software, else Defender's tenant-wide count (SELECT below). */
const EXPOSED = `CASE WHEN left(r."id", 5) = 'va-_-' AND se."exposedDevices" IS NOT NULL THEN se."exposedDevices"
         WHEN left(r."id", 5) = 'va-_-' AND $1 <> '' THEN 0 ELSE r."exposedMachinesCount" END`;

/** Each sort's key (highest first, then id); numeric, so one cursor shape serves all. */
const SORT_KEYS: Record<RecommendationView["sort"], string> = {
  exposure: `r."exposureImpact"::float8`,
  secure: `r."configScoreImpact"::float8`,
  severity: `r."severityScore"::float8`,
  exposed: `(${EXPOSED})::float8`,
};

const Cursor = z.object({ s: z.string(), v: z.number(), id: z.string().max(300) });

/** A row of SELECT: the Recommendation columns that keep their name in the DTO, plus those toRow renames or drops. */
type RawRow = Pick<
  RecommendationRow,
  | "id"
  | "productName"
  | "vendor"
  | "remediationType"
  | "severityScore"
  | "exposureImpact"
  | "configScoreImpact"
  | "publicExploit"
  | "weaknesses"
  | "exposedDevices"
> & {
  recommendationName: string;
  recommendationCategory: string | null;
  exposedMachinesCount: number;
  totalMachineCount: number;
  recommendedVersion: string | null;
  scoped: number | null;
};

const SELECT = `SELECT r.*, se."exposedDevices" AS scoped, ${EXPOSED} AS "exposedDevices"
  FROM "Recommendation" r
  LEFT JOIN "SoftwareExposure" se
    ON se."tenantId" = r."tenantId" AND se."scope" = $1 AND left(r."id", 5) = 'va-_-' AND se."softwareId" = substr(r."id", 6)`;

function toRow(r: RawRow, group: string): RecommendationRow {
  const software = softwareIdOf(r.id) !== null;
  return {
    id: r.id,
    name: r.recommendationName,
    productName: r.productName,
    vendor: r.vendor,
    category: r.recommendationCategory,
    remediationType: r.remediationType,
    severityScore: r.severityScore,
    exposureImpact: round1(r.exposureImpact),
    configScoreImpact: round1(r.configScoreImpact),
    publicExploit: r.publicExploit,
    weaknesses: r.weaknesses,
    exposedDevices: r.exposedDevices,
    exposedInScope: group === "" || software,
    totalDevices: r.totalMachineCount,
  };
}

export const RECOMMENDATION_LIST_LIMIT = 500;

/** Active recommendations, highest impact first, paged by keyset on (sort key, id); a cursor made for another sort is a 400. */
export async function listRecommendations(
  view: RecommendationView,
  page: { cursor?: string; limit: number } = { limit: RECOMMENDATION_LIST_LIMIT },
): Promise<RecommendationPage> {
  const params = new SqlParams();
  params.add(view.group); // $1: the scope SELECT joins on
  const p = (value: unknown) => params.add(value);
  const where = [tenantSql(params, "r"), `r."status" = 'Active'`];
  // A group view lists what that group's devices need: software with exposure there, and configuration items.
  if (view.group) where.push(`(left(r."id", 5) <> 'va-_-' OR se."exposedDevices" > 0)`);
  if (view.q) {
    const q = p(containsPattern(view.q));
    where.push(`(r."recommendationName" ILIKE ${q} OR r."productName" ILIKE ${q})`);
  }
  if (view.type) where.push(`r."remediationType" = ${p(view.type)}`);
  const key = SORT_KEYS[view.sort];
  if (page.cursor) {
    const c = decodeCursor(page.cursor, Cursor);
    if (c.s !== view.sort)
      throw new BadRequest("cursor was made for another sort: start again from the first page", [
        { path: "cursor", message: "sort changed" },
      ]);
    // Highest key first, ties by id ascending: the rows after (v, id) in that order.
    const v = p(c.v);
    where.push(`(${key} < ${v}::float8 OR (${key} = ${v}::float8 AND r."id" > ${p(c.id)}))`);
  }
  const rows = await db().$queryRawUnsafe<(RawRow & { sortKey: number })[]>(
    `${SELECT.replace("SELECT ", `SELECT ${key} AS "sortKey", `)} WHERE ${where.join(" AND ")} ORDER BY ${key} DESC, r."id" LIMIT ${p(page.limit + 1)}`,
    ...params.values,
  );
  const { shown, nextCursor } = keysetPage(rows, page.limit, (last) => ({
    s: view.sort,
    v: Number(last.sortKey),
    id: last.id,
  }));
  return { data: shown.map((r) => toRow(r, view.group)), nextCursor };
}

export async function getRecommendation(id: string, group = ""): Promise<RecommendationDetail | null> {
  const [row] = await db().$queryRawUnsafe<RawRow[]>(
    `${SELECT} WHERE r."tenantId" = $3 AND r."id" = $2`,
    group,
    id,
    cacheTenantId(),
  );
  if (!row) return null;
  const softwareId = softwareIdOf(id);
  const devices = softwareId
    ? await exposedDevices(`v."productVendor" = $1 AND v."productName" = $2`, softwareId.split("-_-", 2), group)
    : { devices: [], truncated: false };
  return { ...toRow(row, group), recommendedVersion: row.recommendedVersion, softwareId, ...devices };
}
