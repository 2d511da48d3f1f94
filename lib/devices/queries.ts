import { z } from "zod";
import { db } from "../db";
import { decodeCursor, keysetPage } from "../http/cursor";
import { toCsv } from "../http/csv";
import { SqlParams } from "../db/sql-params";
import { distinctValues, keptForAMinute } from "../db/filter-options";
import { deviceFilterSql, deviceKeysetSql, deviceOrderSql, DEVICE_SORT_KEYS } from "./sql";
import {
  defaultDeviceDirection,
  type DeviceFilter,
  type DeviceFilterOptions,
  type DevicePage,
  type DeviceRow,
  type DeviceView,
} from "./schemas";

// Read side of the device inventory, from the cache the sync fills. Keyset paging on (sort key, id), as the
// alert queue does: no offsets, so the last page of 50,000 devices costs what the first does.

export const ROW_COLUMNS = `d."id", d."name", d."platform", d."osPlatform", d."osVersion", d."osBuild"::text AS "osBuild", d."inMde", d."inIntune",
  d."mdeMachineId", d."riskScore", d."exposureLevel", d."healthStatus", d."onboardingStatus", d."lastSeen", d."rbacGroupName", d."machineTags",
  d."lastIpAddress", d."isolationState", d."restrictionState", d."openAlerts", d."vulnCritical", d."vulnHigh", d."vulnMedium", d."vulnLow",
  d."complianceState", d."isEncrypted", d."managementAgent", d."primaryUserUpn", d."primaryUserName", d."lastIntuneSync"`;

export type RawDeviceRow = Omit<DeviceRow, "lastSeen" | "lastIntuneSync"> & {
  lastSeen: Date | null;
  lastIntuneSync: Date | null;
  sortKey?: string;
};

export const iso = (d: Date | string | null | undefined): string | null =>
  d === null || d === undefined ? null : new Date(d).toISOString();

export function toDeviceRow(r: RawDeviceRow): DeviceRow {
  return {
    id: r.id,
    name: r.name,
    platform: r.platform,
    osPlatform: r.osPlatform,
    osVersion: r.osVersion,
    osBuild: r.osBuild,
    inMde: r.inMde,
    inIntune: r.inIntune,
    mdeMachineId: r.mdeMachineId,
    riskScore: r.riskScore,
    exposureLevel: r.exposureLevel,
    healthStatus: r.healthStatus,
    onboardingStatus: r.onboardingStatus,
    lastSeen: iso(r.lastSeen),
    rbacGroupName: r.rbacGroupName,
    machineTags: r.machineTags ?? [],
    lastIpAddress: r.lastIpAddress,
    isolationState: r.isolationState,
    restrictionState: r.restrictionState,
    openAlerts: r.openAlerts,
    vulnCritical: r.vulnCritical,
    vulnHigh: r.vulnHigh,
    vulnMedium: r.vulnMedium,
    vulnLow: r.vulnLow,
    complianceState: r.complianceState,
    isEncrypted: r.isEncrypted,
    managementAgent: r.managementAgent,
    primaryUserUpn: r.primaryUserUpn,
    primaryUserName: r.primaryUserName,
    lastIntuneSync: iso(r.lastIntuneSync),
  };
}

/** The cursor remembers its order: reused under another sort it is a 400, not a wrong page. */
const Cursor = z.object({
  s: z.string(),
  d: z.enum(["asc", "desc"]),
  v: z.string().max(400),
  id: z.string().max(100),
  n: z.number().int().optional(),
});

export interface DeviceListOptions {
  cursor?: string;
  limit: number;
  /** Injected by tests; "inactive" is relative to it. */
  now?: Date;
}

/**
 * At most this many matches, the page is taken by filtering first and sorting the matches; more, by walking the
 * sort index with the filter. A walk stops as soon as the page is full, which is quick when matches are dense but
 * visits the whole index when they are rare (and PostgreSQL's estimate of correlated filters — mobile devices have
 * no risk score — can be far off); the count, taken first, says which case this is.
 */
const FILTER_FIRST_MAX = 3000;

/** A text search counts its matches exactly up to this many; beyond, the count reads "N+" (DevicePage.totalCapped). */
export const SEARCH_COUNT_CAP = 2000;

/** How many devices a filter matches: the inventory's "N devices match", and the overview's tiles that open it. */
export async function countDevices(view: DeviceFilter, now = new Date()): Promise<number> {
  const p = new SqlParams();
  const filter = deviceFilterSql(p, view, now);
  const [count] = await db().$queryRawUnsafe<{ n: number }[]>(
    `SELECT COUNT(*)::int AS n FROM "Device" d WHERE ${filter}`,
    ...p.values,
  );
  return count?.n ?? 0;
}

export async function listDevices(view: DeviceView, page: DeviceListOptions): Promise<DevicePage> {
  const now = page.now ?? new Date();
  const dir = view.dir ?? defaultDeviceDirection(view.sort);
  const key = DEVICE_SORT_KEYS[view.sort].expr;
  const columns = `${ROW_COLUMNS}, (${key})::text AS "sortKey"`;
  const after = page.cursor ? decodeCursor(page.cursor, Cursor) : null;
  if (after && (after.s !== view.sort || after.d !== dir)) decodeCursor("not-for-this-sort", Cursor);

  /** The page: walking the sort order with the filter, or (few matches) filtering first and sorting the matches. */
  const pageQuery = (filterFirst: boolean) => {
    const p = new SqlParams();
    const where = [deviceFilterSql(p, view, now)];
    if (after) where.push(deviceKeysetSql(p, view.sort, dir, after));
    const d = dir.toUpperCase();
    const sql = filterFirst
      ? `WITH m AS MATERIALIZED (SELECT d."id", (${key}) AS k FROM "Device" d WHERE ${where.join(" AND ")})
         SELECT ${columns} FROM m JOIN "Device" d ON d."id" = m."id" ORDER BY m.k ${d}, m."id" ${d} LIMIT ${p.add(page.limit + 1)}`
      : `SELECT ${columns} FROM "Device" d WHERE ${where.join(" AND ")} ORDER BY ${deviceOrderSql(view.sort, dir)} LIMIT ${p.add(page.limit + 1)}`;
    return db().$queryRawUnsafe<RawDeviceRow[]>(sql, ...p.values);
  };

  let rows: RawDeviceRow[];
  let total: number | undefined;
  let totalCapped = false;
  if (after) {
    rows = await pageQuery(after.n !== undefined && after.n <= FILTER_FIRST_MAX);
  } else if (view.q) {
    // A text search scans the table (no index serves a substring match). One pass collects up to
    // SEARCH_COUNT_CAP matches with their sort keys; when that is all of them, the page and the count both come
    // from it. Beyond the cap the match is broad, so walking the sort index with the filter fills the page fast.
    const p = new SqlParams();
    const filter = deviceFilterSql(p, view, now);
    const d = dir.toUpperCase();
    const found = await db().$queryRawUnsafe<(RawDeviceRow & { total: number })[]>(
      `WITH m AS MATERIALIZED (SELECT d."id", (${key}) AS k FROM "Device" d WHERE ${filter} LIMIT ${p.add(SEARCH_COUNT_CAP + 1)})
       SELECT ${columns}, (SELECT COUNT(*) FROM m)::int AS "total" FROM m JOIN "Device" d ON d."id" = m."id"
       ORDER BY m.k ${d}, m."id" ${d} LIMIT ${p.add(page.limit + 1)}`,
      ...p.values,
    );
    const matched = found[0]?.total ?? 0;
    if (matched > SEARCH_COUNT_CAP) {
      rows = await pageQuery(false);
      total = SEARCH_COUNT_CAP;
      totalCapped = true;
    } else {
      rows = found;
      total = matched;
    }
  } else {
    total = await countDevices(view, now);
    rows = total === 0 ? [] : await pageQuery(total <= FILTER_FIRST_MAX);
  }
  // The cursor carries the match count (when known) so later pages choose the same plan.
  const { shown, nextCursor } = keysetPage(rows, page.limit, (last) => ({
    s: view.sort,
    d: dir,
    v: last.sortKey ?? "",
    id: last.id,
    n: totalCapped ? undefined : (total ?? after?.n),
  }));
  return {
    data: shown.map(toDeviceRow),
    nextCursor,
    ...(total !== undefined ? { total, ...(totalCapped ? { totalCapped } : {}) } : {}),
  };
}

/** The CSV's columns, in order: what the inventory shows, one cell per field, plus the ids to join on. */
export const DEVICE_CSV_HEADER = [
  "id",
  "name",
  "platform",
  "osPlatform",
  "osVersion",
  "osBuild",
  "inDefender",
  "inIntune",
  "mdeMachineId",
  "riskScore",
  "exposureLevel",
  "healthStatus",
  "onboardingStatus",
  "lastSeen",
  "deviceGroup",
  "tags",
  "lastIpAddress",
  "isolationState",
  "restrictionState",
  "openAlerts",
  "vulnCritical",
  "vulnHigh",
  "vulnMedium",
  "vulnLow",
  "complianceState",
  "isEncrypted",
  "managementAgent",
  "primaryUserUpn",
  "primaryUserName",
  "lastIntuneSync",
] as const;

function csvCells(r: DeviceRow): unknown[] {
  return [
    r.id,
    r.name,
    r.platform,
    r.osPlatform,
    r.osVersion,
    r.osBuild,
    r.inMde,
    r.inIntune,
    r.mdeMachineId,
    r.riskScore,
    r.exposureLevel,
    r.healthStatus,
    r.onboardingStatus,
    r.lastSeen,
    r.rbacGroupName,
    r.machineTags.join(";"),
    r.lastIpAddress,
    r.isolationState,
    r.restrictionState,
    r.openAlerts,
    r.vulnCritical,
    r.vulnHigh,
    r.vulnMedium,
    r.vulnLow,
    r.complianceState,
    r.isEncrypted,
    r.managementAgent,
    r.primaryUserUpn,
    r.primaryUserName,
    r.lastIntuneSync,
  ];
}

const EXPORT_BATCH = 2000;

/** Exactly the filtered rows, in the view's order, as CSV chunks (header first); walks the keyset in batches. */
export async function* devicesCsv(view: DeviceView, now = new Date()): AsyncGenerator<string> {
  yield toCsv([[...DEVICE_CSV_HEADER]]);
  let cursor: string | undefined;
  for (;;) {
    const page = await listDevices(view, { cursor, limit: EXPORT_BATCH, now });
    if (page.data.length) yield toCsv(page.data.map(csvCells));
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

/** Whether the cache holds any device: "nothing synced yet" vs "no results for these filters". */
export async function deviceCacheState(): Promise<{ hasDevices: boolean; lastSyncAt: string | null }> {
  const [any, state] = await Promise.all([
    db().device.findFirst({ select: { id: true } }),
    db().syncState.findUnique({ where: { entity: "machines" }, select: { lastSuccessAt: true } }),
  ]);
  return { hasDevices: any !== null, lastSyncAt: iso(state?.lastSuccessAt ?? null) };
}

/** Groups and tags present in the cache, for the filter menus (kept a minute per process). */
export const listDeviceFilterOptions = keptForAMinute(async (): Promise<DeviceFilterOptions> => {
  const [groups, tags] = await Promise.all([
    distinctValues(
      `SELECT DISTINCT "rbacGroupName" AS v FROM "Device" WHERE "rbacGroupName" IS NOT NULL ORDER BY 1 LIMIT 300`,
    ),
    distinctValues(`SELECT DISTINCT unnest("machineTags") AS v FROM "Device" ORDER BY 1 LIMIT 300`),
  ]);
  return { groups, tags };
});

export type { DeviceFilter };
