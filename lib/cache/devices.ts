import type { PrismaClient } from "../db";
import type { Device } from "../generated/prisma/client";
import type { SqlExecutor } from "../db/raw-transaction";
import { bulkUpsert, type BulkTable } from "./bulk";
import type { JsonRow } from "./json-row";
import type { SourceMachine, SourceManagedDevice } from "./source-types";
import { cacheTenantId } from "./tenant";
import { iso } from "./values";

// One Device row per physical device: the Defender machine and the Intune managed device are joined on the Entra
// device id (Defender aadDeviceId = Intune azureADDeviceId). Each side only writes its own columns, so a device
// seen by one side only is kept and flagged (inMde / inIntune), and a side that stops reporting a device marks it
// missing after a complete pass — a failed page never deletes or flags anything. The console's derived columns
// (openAlerts, vulnerability counts, isolation and restriction state) are written by ./derivations.ts.

type MachineRow = Pick<
  JsonRow<Device>,
  | "mdeMachineId"
  | "aadDeviceId"
  | "name"
  | "platform"
  | "osPlatform"
  | "osVersion"
  | "osBuild"
  | "agentVersion"
  | "rbacGroupId"
  | "rbacGroupName"
  | "riskScore"
  | "exposureLevel"
  | "healthStatus"
  | "onboardingStatus"
  | "deviceValue"
  | "machineTags"
  | "lastIpAddress"
  | "lastExternalIpAddress"
  | "firstSeen"
  | "lastSeen"
  | "inMde"
  | "mdeMissingSince"
  | "syncedAt"
>;

const MACHINE_TABLE: BulkTable<MachineRow> = {
  table: "Device",
  key: ["mdeMachineId"],
  generated: { id: "gen_random_uuid()::text" },
  columns: {
    mdeMachineId: "text",
    aadDeviceId: "text",
    name: "text",
    platform: "text",
    osPlatform: "text",
    osVersion: "text",
    osBuild: "bigint",
    agentVersion: "text",
    rbacGroupId: "integer",
    rbacGroupName: "text",
    riskScore: "text",
    exposureLevel: "text",
    healthStatus: "text",
    onboardingStatus: "text",
    deviceValue: "text",
    machineTags: "text[]",
    lastIpAddress: "text",
    lastExternalIpAddress: "text",
    firstSeen: "timestamp(3)",
    lastSeen: "timestamp(3)",
    inMde: "boolean",
    mdeMissingSince: "timestamp(3)",
    syncedAt: "timestamp(3)",
  },
  // Intune may have supplied the Entra id first; keep it if MDE does not know it.
  updateExpr: { aadDeviceId: `COALESCE(EXCLUDED."aadDeviceId", "Device"."aadDeviceId")` },
};

type IntuneRow = Pick<
  JsonRow<Device>,
  | "intuneDeviceId"
  | "aadDeviceId"
  | "name"
  | "platform"
  | "osPlatform"
  | "osVersion"
  | "complianceState"
  | "isEncrypted"
  | "managementAgent"
  | "primaryUserUpn"
  | "primaryUserName"
  | "model"
  | "manufacturer"
  | "serialNumber"
  | "lastIntuneSync"
  | "inIntune"
  | "intuneMissingSince"
  | "syncedAt"
>;

const INTUNE_TABLE: BulkTable<IntuneRow> = {
  table: "Device",
  key: ["intuneDeviceId"],
  generated: { id: "gen_random_uuid()::text" },
  columns: {
    intuneDeviceId: "text",
    aadDeviceId: "text",
    name: "text",
    platform: "text",
    osPlatform: "text",
    osVersion: "text",
    complianceState: "text",
    isEncrypted: "boolean",
    managementAgent: "text",
    primaryUserUpn: "text",
    primaryUserName: "text",
    model: "text",
    manufacturer: "text",
    serialNumber: "text",
    lastIntuneSync: "timestamp(3)",
    inIntune: "boolean",
    intuneMissingSince: "timestamp(3)",
    syncedAt: "timestamp(3)",
  },
  // MDE's name, platform and OS are more precise (FQDN, OS family and build); Intune's fill in only for Intune-only
  // devices.
  updateExpr: {
    name: `CASE WHEN "Device"."inMde" THEN "Device"."name" ELSE EXCLUDED."name" END`,
    platform: `CASE WHEN "Device"."inMde" THEN "Device"."platform" ELSE EXCLUDED."platform" END`,
    osPlatform: `CASE WHEN "Device"."inMde" THEN "Device"."osPlatform" ELSE EXCLUDED."osPlatform" END`,
    osVersion: `CASE WHEN "Device"."inMde" THEN "Device"."osVersion" ELSE EXCLUDED."osVersion" END`,
    aadDeviceId: `COALESCE("Device"."aadDeviceId", EXCLUDED."aadDeviceId")`,
  },
};

export function machineRow(m: SourceMachine, now: string): MachineRow {
  return {
    mdeMachineId: m.id,
    aadDeviceId: m.aadDeviceId || null,
    name: m.computerDnsName || m.id,
    platform: normalisePlatform(m.osPlatform),
    osPlatform: m.osPlatform ?? null,
    osVersion: m.osVersion ?? null,
    osBuild: m.osBuild ?? null,
    agentVersion: m.agentVersion ?? m.version ?? null,
    rbacGroupId: m.rbacGroupId ?? null,
    rbacGroupName: m.rbacGroupName ?? null,
    riskScore: m.riskScore ?? null,
    exposureLevel: m.exposureLevel ?? null,
    healthStatus: m.healthStatus ?? null,
    onboardingStatus: m.onboardingStatus ?? null,
    deviceValue: m.deviceValue ?? null,
    machineTags: m.machineTags ?? [],
    lastIpAddress: m.lastIpAddress ?? null,
    lastExternalIpAddress: m.lastExternalIpAddress ?? null,
    firstSeen: iso(m.firstSeen),
    lastSeen: iso(m.lastSeen),
    inMde: true,
    mdeMissingSince: null,
    syncedAt: now,
  };
}

export function intuneRow(d: SourceManagedDevice, now: string): IntuneRow {
  return {
    intuneDeviceId: d.id,
    aadDeviceId:
      d.azureADDeviceId && d.azureADDeviceId !== "00000000-0000-0000-0000-000000000000" ? d.azureADDeviceId : null,
    name: d.deviceName || d.id,
    platform: normalisePlatform(d.operatingSystem),
    osPlatform: d.operatingSystem || null,
    osVersion: d.osVersion || null,
    complianceState: d.complianceState ?? null,
    isEncrypted: d.isEncrypted ?? null,
    managementAgent: d.managementAgent ?? null,
    primaryUserUpn: d.userPrincipalName || null,
    primaryUserName: d.userDisplayName || null,
    model: d.model ?? null,
    manufacturer: d.manufacturer ?? null,
    serialNumber: d.serialNumber ?? null,
    lastIntuneSync: iso(d.lastSyncDateTime),
    inIntune: true,
    intuneMissingSince: null,
    syncedAt: now,
  };
}

/**
 * Attach incoming ids to an existing row of the other side with the same Entra device id. Entra ids repeat (a
 * re-onboarded machine keeps its Entra id under a new Defender id), so each row takes at most one id and each id
 * goes to at most one row; the rest are inserted as rows of their own.
 */
function linkSql(column: "mdeMachineId" | "intuneDeviceId"): string {
  return `WITH x AS MATERIALIZED (SELECT * FROM json_to_recordset($1::json) AS r(id text, "aadDeviceId" text) WHERE r."aadDeviceId" IS NOT NULL),
      candidate AS (
        SELECT DISTINCT ON (d.id) d.id AS "deviceId", x.id FROM x
        JOIN "Device" d ON d."tenantId" = $2 AND d."aadDeviceId" = x."aadDeviceId" AND d."${column}" IS NULL
        WHERE NOT EXISTS (SELECT 1 FROM "Device" e WHERE e."tenantId" = $2 AND e."${column}" = x.id)
        ORDER BY d.id, x.id),
      chosen AS (SELECT DISTINCT ON (id) id, "deviceId" FROM candidate ORDER BY id, "deviceId")
      UPDATE "Device" d SET "${column}" = chosen.id FROM chosen WHERE d."tenantId" = $2 AND d.id = chosen."deviceId"`;
}

const LINK_SQL = { mde: linkSql("mdeMachineId"), intune: linkSql("intuneDeviceId") };

/** Writes Defender's machines, attaching each to an Intune-only row of the same Entra device where there is one. */
export async function writeMachines(
  execute: SqlExecutor,
  machines: readonly SourceMachine[],
  now: string,
): Promise<number> {
  const rows = machines.map((m) => machineRow(m, now));
  await execute(
    LINK_SQL.mde,
    JSON.stringify(rows.map((r) => ({ id: r.mdeMachineId, aadDeviceId: r.aadDeviceId }))),
    cacheTenantId(),
  );
  return bulkUpsert(execute, MACHINE_TABLE, rows);
}

/** Writes Intune's managed devices, attaching each to a Defender-only row of the same Entra device where there is one. */
export async function writeManagedDevices(
  execute: SqlExecutor,
  devices: readonly SourceManagedDevice[],
  now: string,
): Promise<number> {
  const rows = devices.map((d) => intuneRow(d, now));
  await execute(
    LINK_SQL.intune,
    JSON.stringify(rows.map((r) => ({ id: r.intuneDeviceId, aadDeviceId: r.aadDeviceId }))),
    cacheTenantId(),
  );
  return bulkUpsert(execute, INTUNE_TABLE, rows);
}

const MISSING_COLUMNS = {
  mde: ["mdeMachineId", "mdeMissingSince"],
  intune: ["intuneDeviceId", "intuneMissingSince"],
} as const;

/**
 * After a complete pass of one side: flag (never delete) the devices it no longer lists. Resolves to the number
 * flagged. The seen set is materialised once and anti-joined; a NOT IN over the JSON would re-expand it per row.
 */
export function flagMissingDevices(
  database: PrismaClient,
  side: "mde" | "intune",
  seenIds: Iterable<string>,
  now: string,
): Promise<number> {
  const [id, missing] = MISSING_COLUMNS[side];
  return database.$executeRawUnsafe(
    `WITH seen AS MATERIALIZED (SELECT json_array_elements_text($1::json) AS id)
     UPDATE "Device" d SET "${missing}" = COALESCE(d."${missing}", $2::timestamp(3))
     WHERE d."tenantId" = $3 AND d."${id}" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM seen WHERE seen.id = d."${id}")`,
    JSON.stringify([...seenIds]),
    now,
    cacheTenantId(),
  );
}

export function normalisePlatform(os: string | null | undefined): string {
  const v = (os ?? "").toLowerCase();
  if (v.startsWith("windows")) return "Windows";
  if (v.startsWith("mac") || v === "osx") return "macOS";
  if (v.startsWith("ios") || v.startsWith("ipados")) return "iOS";
  if (v.startsWith("android")) return "Android";
  if (
    v.includes("linux") ||
    v.startsWith("ubuntu") ||
    v.startsWith("rhel") ||
    v.startsWith("centos") ||
    v.startsWith("debian") ||
    v.startsWith("suse")
  )
    return "Linux";
  return "Other";
}
