import { z } from "zod";
import { db } from "../db";
import { SqlParams, containsPattern } from "../db/sql-params";
import { decodeCursor, keysetPage } from "../http/cursor";
import { BadRequest } from "../http/errors";
import {
  type ExposedDevice,
  type VulnerabilityDetail,
  type VulnerabilityPage,
  type VulnerabilityRow,
  type VulnerabilityView,
  type VulnSort,
} from "./schemas";
import { GROUP_SQL as GROUP } from "../cache/group-sql";

// The CVE list (catalogue CVEs open on at least one device, with their exposure from CveExposure) and one CVE with
// its exposed devices. Pages by keyset on (sort key, id); every sort key is numeric so one cursor shape serves all.

const SEVERITY_RANK = `CASE v."severity" WHEN 'Critical' THEN 4 WHEN 'High' THEN 3 WHEN 'Medium' THEN 2 WHEN 'Low' THEN 1 ELSE 0 END`;

const SORT_SQL: Record<VulnSort, string> = {
  severity: `(${SEVERITY_RANK} * 100 + COALESCE(v."cvssV3", 0))::float8`,
  cvss: `COALESCE(v."cvssV3", -1)::float8`,
  published: `COALESCE(EXTRACT(EPOCH FROM v."publishedOn"), 0)::float8`,
  exposed: `COALESCE(ce."exposedDevices", 0)::float8`,
  id: `0::float8`,
};

const Cursor = z.object({ s: z.string(), d: z.enum(["asc", "desc"]), v: z.number(), id: z.string().max(100) });

/** A row as the database returns it: the list row before dates are formatted and products attached. */
type RawRow = Omit<VulnerabilityRow, "publishedOn" | "exposedDevices" | "software"> & {
  publishedOn: Date | null;
  exposedDevices: number | null;
  sortKey: number;
};

export async function listVulnerabilities(
  view: VulnerabilityView,
  page: { cursor?: string; limit: number },
): Promise<VulnerabilityPage> {
  const params = new SqlParams();
  params.add(view.group); // $1: the scope the exposure join reads
  const where: string[] = [];
  const p = (value: unknown) => params.add(value);
  // Only CVEs open on at least one device (in the group, or anywhere): the dashboard's tiles count exactly these
  // (VulnerabilityCountSnapshot is drawn from CveExposure), so a tile and the list it opens agree. A CVE every
  // device has been patched against stays reachable by its id.
  where.push(`ce."cveId" IS NOT NULL`);
  if (view.q) {
    const q = p(containsPattern(view.q));
    where.push(`(v."id" ILIKE ${q} OR v."name" ILIKE ${q})`);
  }
  if (view.severity) where.push(`v."severity" = ${p(view.severity)}`);
  if (view.exploit) where.push(`(v."publicExploit" OR v."exploitVerified" OR v."exploitInKit")`);
  if (view.zeroDay) where.push(`v."isZeroDay"`);
  const key = SORT_SQL[view.sort];
  const cmp = view.dir === "desc" ? "<" : ">";
  if (page.cursor) {
    const c = decodeCursor(page.cursor, Cursor);
    if (c.s !== view.sort || c.d !== view.dir)
      throw new BadRequest("cursor was made for another sort: start again from the first page", [
        { path: "cursor", message: "sort changed" },
      ]);
    where.push(`(${key}, v."id") ${cmp} (${p(c.v)}::float8, ${p(c.id)})`);
  }
  const rows = await db().$queryRawUnsafe<RawRow[]>(
    `SELECT v."id", v."name", v."severity", v."cvssV3", v."publicExploit", v."exploitVerified", v."exploitInKit", v."isZeroDay",
       v."publishedOn", ce."exposedDevices", ${key} AS "sortKey"
     FROM "Vulnerability" v LEFT JOIN "CveExposure" ce ON ce."scope" = $1 AND ce."cveId" = v."id"
     ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
     ORDER BY ${key} ${view.dir}, v."id" ${view.dir} LIMIT ${p(page.limit + 1)}`,
    ...params.values,
  );
  const { shown, nextCursor } = keysetPage(rows, page.limit, (last) => ({
    s: view.sort,
    d: view.dir,
    v: Number(last.sortKey),
    id: last.id,
  }));
  const software = await affectedSoftware(shown.map((r) => r.id));
  return { data: shown.map((r) => toRow(r, software.get(r.id) ?? [])), nextCursor };
}

function toRow(r: Omit<RawRow, "sortKey">, software: string[]): VulnerabilityRow {
  return {
    id: r.id,
    name: r.name,
    severity: r.severity,
    cvssV3: r.cvssV3,
    publicExploit: r.publicExploit,
    exploitVerified: r.exploitVerified,
    exploitInKit: r.exploitInKit,
    isZeroDay: r.isZeroDay,
    publishedOn: r.publishedOn ? new Date(r.publishedOn).toISOString() : null,
    exposedDevices: r.exposedDevices ?? 0,
    software,
  };
}

/** Products each CVE is open on: one indexed lookup per page (DeviceVulnerability by cveId). */
async function affectedSoftware(cveIds: string[]): Promise<Map<string, string[]>> {
  if (!cveIds.length) return new Map();
  const rows = await db().$queryRawUnsafe<{ cveId: string; product: string }[]>(
    `SELECT DISTINCT "cveId", "productVendor" || ' ' || "productName" AS product FROM "DeviceVulnerability"
     WHERE "cveId" = ANY($1::text[]) AND "resolvedAt" IS NULL ORDER BY 1, 2`,
    cveIds,
  );
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.cveId, [...(map.get(r.cveId) ?? []), r.product]);
  return map;
}

export const DEVICE_LIST_LIMIT = 1000;

/** Open exposures matching `where` (on DeviceVulnerability v), one row per device, with the device when cached. */
export async function exposedDevices(
  where: string,
  params: unknown[],
  group: string,
): Promise<{ devices: ExposedDevice[]; truncated: boolean }> {
  const groupParam = `$${params.length + 1}`;
  const rows = await db().$queryRawUnsafe<
    {
      id: string | null;
      machineId: string;
      name: string | null;
      group: string | null;
      exposureLevel: string | null;
      software: string;
      fixingKbId: string | null;
      firstSeenAt: Date;
    }[]
  >(
    `SELECT DISTINCT ON (v."machineId") d."id", v."machineId", d."name", d."rbacGroupName" AS "group", d."exposureLevel",
       v."productVendor" || ' ' || v."productName" || ' ' || v."productVersion" AS software, v."fixingKbId", v."firstSeenAt"
     FROM "DeviceVulnerability" v LEFT JOIN "Device" d ON d."mdeMachineId" = v."machineId"
     WHERE ${where} AND v."resolvedAt" IS NULL AND (${groupParam} = '' OR ${GROUP} = ${groupParam})
     ORDER BY v."machineId", v."firstSeenAt" LIMIT ${DEVICE_LIST_LIMIT + 1}`,
    ...params,
    group,
  );
  const devices = rows
    .slice(0, DEVICE_LIST_LIMIT)
    .map((r) => ({
      id: r.id,
      machineId: r.machineId,
      name: r.name ?? r.machineId,
      group: r.group,
      exposureLevel: r.exposureLevel,
      software: r.software,
      fixingKbId: r.fixingKbId,
      firstSeenAt: new Date(r.firstSeenAt).toISOString(),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { devices, truncated: rows.length > DEVICE_LIST_LIMIT };
}

export async function getVulnerability(id: string, group = ""): Promise<VulnerabilityDetail | null> {
  const v = await db().vulnerability.findUnique({ where: { id } });
  if (!v) return null;
  const [exposure, software, devices] = await Promise.all([
    db().cveExposure.findUnique({
      where: { scope_cveId: { scope: group, cveId: id } },
      select: { exposedDevices: true },
    }),
    affectedSoftware([id]),
    exposedDevices(`v."cveId" = $1`, [id], group),
  ]);
  return {
    ...toRow({ ...v, exposedDevices: exposure?.exposedDevices ?? 0 }, software.get(id) ?? []),
    description: v.description,
    cvssVector: v.cvssVector,
    exploitTypes: v.exploitTypes,
    updatedOn: v.updatedOn?.toISOString() ?? null,
    epss: v.epss,
    ...devices,
  };
}
