import { db } from "../db";
import { processSingleton } from "../process-singleton";
import { ASR_RULES } from "../cache/asr-rules";
import { postureFigures } from "../cache/posture-snapshot";
import { THREAT_LEVEL_RANK } from "../cache/posture";
import { cacheTenantId } from "../cache/tenant";
import type {
  AntivirusCounts,
  AsrRuleState,
  ConnectorState,
  DefenderPlan,
  MobileThreatLevels,
  PlatformCoverage,
  PostureSummary,
  PostureTrendPoint,
} from "./schemas";

// The posture summary, read from the posture cache (lib/cache/posture.ts) and the device inventory: every figure is
// a count over cached rows, so the page loads from the cache, never from Microsoft.

const DEFENDER_CONNECTOR_ID = "fc780465-2017-40d4-a0c5-307022471b92";
const DAY_MS = 86_400_000;
const n = (v: unknown) => Number(v ?? 0);

async function coverage(): Promise<PlatformCoverage[]> {
  const rows = await db().$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT platform,
       COUNT(*) FILTER (WHERE "inIntune" AND "intuneMissingSince" IS NULL) AS intune,
       COUNT(*) FILTER (WHERE "inMde" AND "mdeMissingSince" IS NULL) AS defender,
       COUNT(*) FILTER (WHERE "inIntune" AND "intuneMissingSince" IS NULL AND "inMde" AND "mdeMissingSince" IS NULL) AS both,
       COUNT(*) FILTER (WHERE "inIntune" AND "intuneMissingSince" IS NULL AND NOT "inMde") AS "intuneOnly",
       COUNT(*) FILTER (WHERE "inMde" AND "mdeMissingSince" IS NULL AND NOT "inIntune") AS "defenderOnly"
     FROM "Device" WHERE "tenantId" = $1 GROUP BY platform ORDER BY platform`,
    cacheTenantId(),
  );
  return rows.map((r) => ({
    platform: String(r.platform),
    intune: n(r.intune),
    defender: n(r.defender),
    both: n(r.both),
    intuneOnly: n(r.intuneOnly),
    defenderOnly: n(r.defenderOnly),
  }));
}

async function connectors(now: number): Promise<ConnectorState[]> {
  const rows = await db().postureConnector.findMany({ where: { tenantId: cacheTenantId() }, orderBy: { id: "asc" } });
  return rows.map((c) => ({
    id: c.id,
    isDefender: c.id === DEFENDER_CONNECTOR_ID,
    partnerState: c.partnerState,
    lastHeartbeatAt: c.lastHeartbeatAt?.toISOString() ?? null,
    heartbeatLate: !c.lastHeartbeatAt || now - c.lastHeartbeatAt.getTime() > DAY_MS,
    windowsEnabled: c.windowsEnabled,
    macEnabled: c.macEnabled,
    iosEnabled: c.iosEnabled,
    androidEnabled: c.androidEnabled,
  }));
}

async function antivirus(figures: PostureSummary["figures"]): Promise<AntivirusCounts> {
  const [row] = await db().$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT a.reporting, a.disabled, i."quickScanOverdue", i."fullScanOverdue" FROM
       (SELECT COUNT(*) AS reporting, COUNT(*) FILTER (WHERE "avMode" = '2') AS disabled
          FROM "DeviceAvHealth" WHERE "tenantId" = $1) a,
       (SELECT COUNT(*) FILTER (WHERE "quickScanOverdue") AS "quickScanOverdue",
               COUNT(*) FILTER (WHERE "fullScanOverdue") AS "fullScanOverdue"
          FROM "IntuneProtectionState" WHERE "tenantId" = $1) i`,
    cacheTenantId(),
  );
  return {
    reporting: n(row!.reporting),
    signaturesOutOfDate: figures.signaturesOutOfDate,
    passiveMode: figures.passiveMode,
    disabled: n(row!.disabled),
    realTimeProtectionOff: figures.realTimeProtectionOff,
    tamperProtectionOff: figures.tamperProtectionOff,
    quickScanOverdue: n(row!.quickScanOverdue),
    fullScanOverdue: n(row!.fullScanOverdue),
  };
}

/** Each rule's configured mode per ASR policy, with the devices each policy's assignment reaches. */
/**
 * The rules' states change only when a posture pass rewrites the policies and group members, so they are kept per
 * process until the tenant's next successful posture pass: counting who each assignment reaches scans every group
 * member (~100 ms at 50,000 devices), too slow to repeat on every page load.
 */
const asrMemos = processSingleton(
  "postureAsrRuleStates",
  () => new Map<string, { key: string; rules: Promise<AsrRuleState[]> }>(),
);

export async function asrRuleStates(): Promise<AsrRuleState[]> {
  const tenantId = cacheTenantId();
  const pass = await db().syncState.findUnique({
    where: { tenantId_entity: { tenantId, entity: "postureConfig" } },
    select: { lastSuccessAt: true },
  });
  if (!pass?.lastSuccessAt) return readAsrRuleStates();
  const key = pass.lastSuccessAt.toISOString();
  const asrMemo = asrMemos();
  const kept = asrMemo.get(tenantId);
  if (kept?.key === key) return kept.rules;
  const rules = readAsrRuleStates();
  asrMemo.set(tenantId, { key, rules });
  rules.catch(() => asrMemo.delete(tenantId));
  return rules;
}

async function readAsrRuleStates(): Promise<AsrRuleState[]> {
  const policies = await db().$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT p.id, p.name, p."asrModes", p."lastModifiedAt",
       (SELECT COUNT(DISTINCT m."aadDeviceId") FROM "PostureGroupMember" m
         WHERE m."tenantId" = p."tenantId" AND m."groupId" = ANY(p."groupIds")
           AND NOT EXISTS (SELECT 1 FROM "PostureGroupMember" x WHERE x."tenantId" = p."tenantId"
                           AND x."aadDeviceId" = m."aadDeviceId" AND x."groupId" = ANY(p."excludedGroupIds"))) AS devices
     FROM "PosturePolicy" p WHERE p."tenantId" = $1 AND p."asrModes" IS NOT NULL ORDER BY p.name, p.id`,
    cacheTenantId(),
  );
  return ASR_RULES.map((rule) => ({
    guid: rule.guid,
    name: rule.name,
    inGuide: rule.inGuide,
    policies: policies.flatMap((p) => {
      const mode = (p.asrModes as Record<string, string> | null)?.[rule.guid];
      return mode
        ? [
            {
              policyId: String(p.id),
              policyName: String(p.name),
              mode,
              devices: n(p.devices),
              lastModifiedAt: p.lastModifiedAt ? new Date(p.lastModifiedAt as Date).toISOString() : null,
            },
          ]
        : [];
    }),
  }));
}

async function mobile(): Promise<MobileThreatLevels[]> {
  const tenantId = cacheTenantId();
  const [policies, reports] = await Promise.all([
    db().posturePolicy.findMany({
      where: { tenantId, kind: "compliance", requiredThreatLevel: { not: null } },
      select: { odataType: true, requiredThreatLevel: true },
    }),
    db().$queryRawUnsafe<{ platform: string; state: string; devices: bigint }[]>(
      `SELECT d.platform, s.state, COUNT(*) AS devices FROM "PostureDeviceState" s
       JOIN "Device" d ON d."tenantId" = s."tenantId" AND d."intuneDeviceId" = s.subject
       WHERE s."tenantId" = $1 AND s.kind = 'mobileThreat' GROUP BY d.platform, s.state`,
      tenantId,
    ),
  ]);
  return ["iOS", "Android"].map((platform) => {
    const levels = policies
      .filter((p) => (p.odataType ?? "").toLowerCase().includes(platform.toLowerCase()))
      .map((p) => p.requiredThreatLevel!)
      .filter((l) => THREAT_LEVEL_RANK[l] !== undefined)
      .sort((a, b) => THREAT_LEVEL_RANK[a]! - THREAT_LEVEL_RANK[b]!);
    const allowedLevel = levels[0] ?? null;
    const reported: Record<string, number> = {};
    let aboveAllowed = 0;
    for (const r of reports.filter((x) => x.platform === platform)) {
      reported[r.state] = n(r.devices);
      if (allowedLevel && (THREAT_LEVEL_RANK[r.state] ?? 0) > THREAT_LEVEL_RANK[allowedLevel]!)
        aboveAllowed += n(r.devices);
    }
    return { platform, allowedLevel, reported, aboveAllowed };
  });
}

/**
 * The Defender plan from the licences: WINDEFATP (Plan 2) beats MDE_LITE (Plan 1) beats MDE_SMB (Defender for
 * Business), counting only SKUs that are enabled or in their warning period ("List subscribedSkus").
 */
export async function getDefenderPlan(): Promise<DefenderPlan> {
  const rows = await db().postureLicence.findMany({
    where: { tenantId: cacheTenantId(), capabilityStatus: { in: ["Enabled", "Warning"] } },
    select: { servicePlans: true },
  });
  const plans = new Set(rows.flatMap((r) => r.servicePlans));
  if (plans.has("WINDEFATP")) return "p2";
  if (plans.has("MDE_LITE")) return "p1";
  if (plans.has("MDE_SMB")) return "business";
  return "none";
}

/**
 * The headline figures as the last posture pass recorded them (the pass ends by writing the day's snapshot from the
 * cache), or counted now when no pass has recorded any: the page then costs one row, not a pass over every device.
 */
async function currentFigures(): Promise<PostureSummary["figures"]> {
  const snap = await db().postureSnapshot.findFirst({ where: { tenantId: cacheTenantId() }, orderBy: { day: "desc" } });
  if (!snap) return postureFigures(db());
  return {
    mdeDevices: snap.mdeDevices,
    intuneDevices: snap.intuneDevices,
    enrolledNotOnboarded: snap.enrolledNotOnboarded,
    signaturesOutOfDate: snap.signaturesOutOfDate,
    passiveMode: snap.passiveMode,
    realTimeProtectionOff: snap.realTimeProtectionOff,
    tamperProtectionOff: snap.tamperProtectionOff,
    mobileAboveAllowed: snap.mobileAboveAllowed,
  };
}

export async function getPostureSummary(now: Date = new Date()): Promise<PostureSummary> {
  const figures = await currentFigures();
  const [cov, conn, av, rules, mob, p] = await Promise.all([
    coverage(),
    connectors(now.getTime()),
    antivirus(figures),
    asrRuleStates(),
    mobile(),
    getDefenderPlan(),
  ]);
  return { figures, coverage: cov, connectors: conn, antivirus: av, asr: rules, mobile: mob, plan: p };
}

/** The daily posture snapshots of the last `days` days, oldest first. */
export async function listPostureTrend(days: number, now: Date = new Date()): Promise<PostureTrendPoint[]> {
  const from = new Date(now.getTime() - days * DAY_MS).toISOString().slice(0, 10);
  const rows = await db().postureSnapshot.findMany({
    where: { tenantId: cacheTenantId(), day: { gte: new Date(`${from}T00:00:00Z`) } },
    orderBy: { day: "asc" },
  });
  return rows.map((r) => ({
    day: r.day.toISOString().slice(0, 10),
    mdeDevices: r.mdeDevices,
    enrolledNotOnboarded: r.enrolledNotOnboarded,
    signaturesOutOfDate: r.signaturesOutOfDate,
    realTimeProtectionOff: r.realTimeProtectionOff,
    tamperProtectionOff: r.tamperProtectionOff,
    mobileAboveAllowed: r.mobileAboveAllowed,
  }));
}
