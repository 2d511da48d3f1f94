import { SqlParams, containsPattern, oneOf } from "../db/sql-params";
import { assertCursorValue } from "../http/cursor";
import { cacheTenantId, tenantSql } from "../cache/tenant";
import {
  INACTIVE_AFTER_DAYS,
  PLATFORMS_OF_TAB,
  type DeviceFilter,
  type DeviceSortColumn,
  type PostureFilter,
} from "./schemas";

// The inventory's WHERE and ORDER BY as parameterised SQL (raw for the same reason as the alert queue: sorts on
// ranks and COALESCEd columns, keyset paging on them). Every value is a bind parameter; only fixed fragments are
// concatenated. Each sort key has an (expr, id) index in migration device_inventory_sort_indexes — change an
// expression here only together with a migration re-creating it.

type SortType = "int" | "bigint" | "text" | "timestamp";

export const DEVICE_SORT_KEYS: Record<DeviceSortColumn, { expr: string; type: SortType }> = {
  // Case-insensitive: Intune keeps the user's spelling (DEV-LT-0001) while Defender reports lower case.
  name: { expr: `lower(d."name")`, type: "text" },
  platform: { expr: `d."platform"`, type: "text" },
  risk: {
    expr: `(CASE d."riskScore" WHEN 'High' THEN 4 WHEN 'Medium' THEN 3 WHEN 'Low' THEN 2 WHEN 'Informational' THEN 1 ELSE 0 END)`,
    type: "int",
  },
  exposure: {
    expr: `(CASE d."exposureLevel" WHEN 'High' THEN 3 WHEN 'Medium' THEN 2 WHEN 'Low' THEN 1 ELSE 0 END)`,
    type: "int",
  },
  health: { expr: `COALESCE(d."healthStatus", '')`, type: "text" },
  onboarding: { expr: `COALESCE(d."onboardingStatus", '')`, type: "text" },
  lastSeen: { expr: `COALESCE(d."lastSeen", '-infinity'::timestamp)`, type: "timestamp" },
  group: { expr: `COALESCE(d."rbacGroupName", '')`, type: "text" },
  compliance: { expr: `COALESCE(d."complianceState", '')`, type: "text" },
  user: { expr: `COALESCE(d."primaryUserUpn", '')`, type: "text" },
  openAlerts: { expr: `d."openAlerts"`, type: "int" },
  // Most critical first: critical count dominates, then high, medium, low (each below a million per device).
  vulnerabilities: {
    expr: `(d."vulnCritical"::bigint * 1000000000000 + d."vulnHigh"::bigint * 100000000 + d."vulnMedium"::bigint * 10000 + d."vulnLow"::bigint)`,
    type: "bigint",
  },
  isolation: { expr: `d."isolationState"`, type: "text" },
  lastIntuneSync: { expr: `COALESCE(d."lastIntuneSync", '-infinity'::timestamp)`, type: "timestamp" },
};

/**
 * Defender spells onboarding status "Onboarded" (live) and "onboarded" (its machine page): match both spellings
 * of each value (rather than lower(), so the column's index still serves the filter).
 */
const ONBOARDED = `d."onboardingStatus" IN ('Onboarded', 'onboarded')`;
const bothSpellings = (values: readonly string[]) => [...new Set(values.flatMap((v) => [v, v.toLowerCase()]))];

/** "10.4", "10.42.", "10.42.7.1": the start of an IPv4 address. */
const IP_START = /^\d{1,3}(\.\d{0,3}){1,3}$/;

/**
 * The search box. An IP address (or its start) is a prefix match on the device's last (internal) IP, which a
 * text_pattern_ops index serves. Anything else is a case-insensitive substring of the device name or the primary
 * user's UPN or name: no index serves that without pg_trgm (which PGlite lacks), so it scans — one lower() + LIKE
 * per column, cheaper than ILIKE (npm run bench:devices holds the numbers).
 */
export function searchSql(p: SqlParams, q: string): string {
  if (IP_START.test(q)) {
    const prefix = p.add(`${q}%`);
    return `d."lastIpAddress" LIKE ${prefix}`;
  }
  const contains = p.add(containsPattern(q.toLowerCase()));
  return `(lower(d."name") LIKE ${contains} OR lower(d."primaryUserUpn") LIKE ${contains} OR lower(d."primaryUserName") LIKE ${contains})`;
}

// IN (sub-select), read once into a hash, rather than a per-device EXISTS (see lib/cache/posture-snapshot.ts).
const av = (t: string, cond: string) =>
  `d."mdeMachineId" IN (SELECT a."machineId" FROM "DeviceAvHealth" a WHERE a."tenantId" = ${t} AND ${cond})`;
const intune = (t: string, cond: string) =>
  `d."intuneDeviceId" IN (SELECT i."managedDeviceId" FROM "IntuneProtectionState" i WHERE i."tenantId" = ${t} AND ${cond})`;
const THREAT_RANK = (col: string) =>
  `(CASE ${col} WHEN 'secured' THEN 1 WHEN 'low' THEN 2 WHEN 'lowSeverity' THEN 2 WHEN 'medium' THEN 3 WHEN 'mediumSeverity' THEN 3
    WHEN 'high' THEN 4 WHEN 'highSeverity' THEN 4 WHEN 'compromised' THEN 4 ELSE 0 END)`;

/** The posture figures' rules (lib/cache/posture-snapshot.ts counts the same devices). */
function postureSql(p: SqlParams, filter: PostureFilter): string {
  // The tenant as a parameter only where a sub-query needs it (an unused bind parameter is an error).
  let tenant: string | null = null;
  const t = () => (tenant ??= p.add(cacheTenantId()));
  switch (filter) {
    case "inDefender":
      return `(d."inMde" AND d."mdeMissingSince" IS NULL)`;
    case "inIntune":
      return `(d."inIntune" AND d."intuneMissingSince" IS NULL)`;
    case "enrolledNotOnboarded":
      return `(d."inIntune" AND d."intuneMissingSince" IS NULL AND NOT d."inMde")`;
    case "signaturesOutOfDate":
      return av(t(), `a."signatureUpToDate" = 'False'`);
    case "passiveMode":
      return av(t(), `a."avMode" IN ('1', '5')`);
    case "avDisabled":
      return av(t(), `a."avMode" = '2'`);
    case "realTimeOff":
      return `(${intune(t(), `i."realTimeProtection" = false`)} OR ${av(t(), `a."realTimeCompliant" = false`)})`;
    case "tamperOff":
      return `(${intune(t(), `i."tamperProtection" = false`)} OR ${av(t(), `a."tamperCompliant" = false`)})`;
    case "quickScanOverdue":
      return intune(t(), `i."quickScanOverdue"`);
    case "fullScanOverdue":
      return intune(t(), `i."fullScanOverdue"`);
    case "mobileAboveAllowed":
      // The strictest level any compliance policy of the device's platform allows, against the MTD report.
      return `(d."platform" IN ('iOS', 'Android') AND EXISTS (SELECT 1 FROM "PostureDeviceState" s WHERE s."tenantId" = ${t()} AND s.kind = 'mobileThreat'
        AND s.subject = d."intuneDeviceId" AND ${THREAT_RANK("s.state")} > (
          SELECT MIN(${THREAT_RANK(`p."requiredThreatLevel"`)}) FROM "PosturePolicy" p
          WHERE p."tenantId" = ${t()} AND p.kind = 'compliance' AND p."requiredThreatLevel" IS NOT NULL
            AND lower(p."odataType") LIKE '%' || lower(d."platform") || '%')))`;
  }
}

/** WHERE conditions for a filter (the tenant's devices first), joined with AND. `now` anchors "inactive". */
export function deviceFilterSql(p: SqlParams, filter: DeviceFilter, now: Date): string {
  const where: string[] = [tenantSql(p, "d")];
  if (filter.platform !== "all") where.push(oneOf(p, `d."platform"`, PLATFORMS_OF_TAB[filter.platform]));
  for (const flag of filter.flag) {
    if (flag === "highRisk") where.push(`d."riskScore" = 'High'`);
    if (flag === "nonCompliant") where.push(`d."complianceState" = 'noncompliant'`);
    if (flag === "isolated") where.push(`d."isolationState" = 'Isolated'`);
    if (flag === "notOnboarded") where.push(`(NOT d."inMde" OR d."onboardingStatus" IS NULL OR NOT ${ONBOARDED})`);
    if (flag === "inactive") {
      const silentSince = p.add(new Date(now.getTime() - INACTIVE_AFTER_DAYS * 86_400_000).toISOString());
      where.push(
        `(d."inMde" AND (COALESCE(d."healthStatus", '') <> 'Active' OR d."lastSeen" IS NULL OR d."lastSeen" < ${silentSince}::timestamp))`,
      );
    }
  }
  if (filter.risk.length) where.push(oneOf(p, `d."riskScore"`, filter.risk));
  if (filter.exposure.length) where.push(oneOf(p, `d."exposureLevel"`, filter.exposure));
  if (filter.health.length) where.push(oneOf(p, `d."healthStatus"`, filter.health));
  if (filter.onboarding.length) where.push(oneOf(p, `d."onboardingStatus"`, bothSpellings(filter.onboarding)));
  if (filter.compliance.length) where.push(oneOf(p, `d."complianceState"`, filter.compliance));
  if (filter.isolation.length) where.push(oneOf(p, `d."isolationState"`, filter.isolation));
  if (filter.group.length) where.push(oneOf(p, `d."rbacGroupName"`, filter.group));
  if (filter.tag.length) where.push(`d."machineTags" && ${p.add(filter.tag)}::text[]`);
  for (const f of filter.posture) where.push(postureSql(p, f));
  if (filter.q) where.push(searchSql(p, filter.q));
  return where.join(" AND ");
}

/** Keyset condition for the page after (value, id); see lib/alerts/sql.ts keysetSql for why the id follows dir. */
export function deviceKeysetSql(
  p: SqlParams,
  sort: DeviceSortColumn,
  dir: "asc" | "desc",
  after: { v: string; id: string },
): string {
  const { expr, type } = DEVICE_SORT_KEYS[sort];
  assertCursorValue(type, after.v);
  const value = `${p.add(after.v)}::${type === "int" ? "integer" : type}`;
  return `(${expr}, d."id") ${dir === "desc" ? "<" : ">"} (${value}, ${p.add(after.id)})`;
}

export function deviceOrderSql(sort: DeviceSortColumn, dir: "asc" | "desc"): string {
  const d = dir.toUpperCase();
  return `${DEVICE_SORT_KEYS[sort].expr} ${d}, d."id" ${d}`;
}
