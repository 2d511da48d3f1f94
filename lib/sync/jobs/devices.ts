import { inRawTransaction } from "../../db/raw-transaction";
import { bulkUpsert, type BulkTable } from "../bulk";
import type { SourceMachine, SourceManagedDevice } from "../source-types";
import type { JobContext, JobResult } from "../types";
import { consumePages, iso, maxDate, normalisePlatform, since } from "./common";

// One Device row per physical device: the MDE machine and the Intune managed device are joined on the Entra
// device id (MDE aadDeviceId = Intune azureADDeviceId). Each side only writes its own columns, so a device seen
// by one side only is kept and flagged (inMde / inIntune), and a side that stops reporting a device marks it
// missing after a complete pass — a failed page never deletes or flags anything.

interface MachineRow {
  mdeMachineId: string;
  aadDeviceId: string | null;
  name: string;
  platform: string;
  osPlatform: string | null;
  osVersion: string | null;
  osBuild: number | null;
  agentVersion: string | null;
  rbacGroupId: number | null;
  rbacGroupName: string | null;
  riskScore: string | null;
  exposureLevel: string | null;
  healthStatus: string | null;
  onboardingStatus: string | null;
  deviceValue: string | null;
  machineTags: string[];
  lastIpAddress: string | null;
  lastExternalIpAddress: string | null;
  firstSeen: string | null;
  lastSeen: string | null;
  inMde: boolean;
  mdeMissingSince: string | null;
  syncedAt: string;
}

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

interface IntuneRow {
  intuneDeviceId: string;
  aadDeviceId: string | null;
  name: string;
  platform: string;
  osPlatform: string | null;
  osVersion: string | null;
  complianceState: string | null;
  isEncrypted: boolean | null;
  managementAgent: string | null;
  primaryUserUpn: string | null;
  primaryUserName: string | null;
  model: string | null;
  manufacturer: string | null;
  serialNumber: string | null;
  lastIntuneSync: string | null;
  inIntune: boolean;
  intuneMissingSince: string | null;
  syncedAt: string;
}

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

function machineRow(m: SourceMachine, now: string): MachineRow {
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

function intuneRow(d: SourceManagedDevice, now: string): IntuneRow {
  return {
    intuneDeviceId: d.id,
    aadDeviceId: d.azureADDeviceId && d.azureADDeviceId !== "00000000-0000-0000-0000-000000000000" ? d.azureADDeviceId : null,
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
        SELECT DISTINCT ON (d.id) d.id AS "deviceId", x.id FROM x JOIN "Device" d ON d."aadDeviceId" = x."aadDeviceId" AND d."${column}" IS NULL
        WHERE NOT EXISTS (SELECT 1 FROM "Device" e WHERE e."${column}" = x.id)
        ORDER BY d.id, x.id),
      chosen AS (SELECT DISTINCT ON (id) id, "deviceId" FROM candidate ORDER BY id, "deviceId")
      UPDATE "Device" d SET "${column}" = chosen.id FROM chosen WHERE d.id = chosen."deviceId"`;
}

const LINK_SQL = { mde: linkSql("mdeMachineId"), intune: linkSql("intuneDeviceId") };

export async function syncMachines(ctx: JobContext): Promise<JobResult> {
  const now = ctx.runStartedAt.toISOString();
  let watermark = ctx.watermark;
  const seen = ctx.mode === "full" ? new Set<string>() : null;
  const result = await consumePages(ctx, ctx.sources.machinePages({ seenSince: since(ctx) }), async (items) => {
    const rows = items.map((m) => machineRow(m, now));
    for (const m of items) {
      watermark = maxDate(watermark, m.lastSeen);
      seen?.add(m.id);
    }
    return inRawTransaction(ctx.db, async (execute) => {
      await execute(LINK_SQL.mde, JSON.stringify(rows.map((r) => ({ id: r.mdeMachineId, aadDeviceId: r.aadDeviceId }))));
      return bulkUpsert(execute, MACHINE_TABLE, rows);
    });
  });
  const notes: string[] = [];
  if (seen) {
    // Only after a complete pass: flag (never delete) devices MDE no longer lists.
    const flagged = await ctx.db.$executeRawUnsafe(
      // The seen set is materialised once and anti-joined; a NOT IN over the JSON would re-expand it per row.
      `WITH seen AS MATERIALIZED (SELECT json_array_elements_text($1::json) AS id)
       UPDATE "Device" d SET "mdeMissingSince" = COALESCE(d."mdeMissingSince", $2::timestamp(3))
       WHERE d."mdeMachineId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM seen WHERE seen.id = d."mdeMachineId")`,
      JSON.stringify([...seen]),
      now,
    );
    if (flagged) notes.push(`${flagged} device(s) no longer listed by Defender: kept and flagged`);
  }
  return { ...result, watermark, notes };
}

export async function syncIntuneDevices(ctx: JobContext): Promise<JobResult> {
  const now = ctx.runStartedAt.toISOString();
  let watermark = ctx.watermark;
  const seen = ctx.mode === "full" ? new Set<string>() : null;
  const result = await consumePages(ctx, ctx.sources.managedDevicePages({ syncedSince: since(ctx) }), async (items) => {
    const rows = items.map((d) => intuneRow(d, now));
    for (const d of items) {
      watermark = maxDate(watermark, d.lastSyncDateTime);
      seen?.add(d.id);
    }
    return inRawTransaction(ctx.db, async (execute) => {
      await execute(LINK_SQL.intune, JSON.stringify(rows.map((r) => ({ id: r.intuneDeviceId, aadDeviceId: r.aadDeviceId }))));
      return bulkUpsert(execute, INTUNE_TABLE, rows);
    });
  });
  const notes: string[] = [];
  if (seen) {
    const flagged = await ctx.db.$executeRawUnsafe(
      `WITH seen AS MATERIALIZED (SELECT json_array_elements_text($1::json) AS id)
       UPDATE "Device" d SET "intuneMissingSince" = COALESCE(d."intuneMissingSince", $2::timestamp(3))
       WHERE d."intuneDeviceId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM seen WHERE seen.id = d."intuneDeviceId")`,
      JSON.stringify([...seen]),
      now,
    );
    if (flagged) notes.push(`${flagged} device(s) no longer listed by Intune: kept and flagged`);
  }
  return { ...result, watermark, notes };
}
