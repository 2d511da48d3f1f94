// npm run bench:posture [-- --devices 50000 --requests 200 --db pglite,postgresql --verbose]
// Fills a fresh database with a posture cache for N devices (INSERT … SELECT generate_series: a fixture, not a sync):
// Defender and Intune devices, antivirus health with secure-configuration verdicts, Intune protection states, mobile
// threat reports, ASR and compliance policies with their group members, a connector, licences, 90 daily snapshots and
// ASR hits. Then times requests to the posture API route handlers (summary, trend, ASR advisor) and the inventory
// filtered to a posture figure — called directly with a session cookie, so the figure includes authentication,
// parsing, the queries and JSON. One JSON line per database on stdout.
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { callRoute, sessionCookieFor } from "../lib/auth/testing";
import { cacheTenantId } from "../lib/cache/tenant";
import type { RouteHandler } from "../lib/auth/route";
import { GET as summaryRoute } from "../app/api/posture/route";
import { GET as trendRoute } from "../app/api/posture/trend/route";
import { GET as asrRoute } from "../app/api/posture/asr/route";
import { GET as devicesRoute } from "../app/api/devices/route";
import { latencySummary, mulberry32, percentile, round1, withBenchDatabase, type BenchKind } from "./bench/harness";

const { values } = parseArgs({
  options: {
    devices: { type: "string", default: "50000" },
    requests: { type: "string", default: "200" },
    db: { type: "string", default: "pglite,postgresql" },
    verbose: { type: "boolean", default: false },
  },
});

const TENANT = `'${cacheTenantId().replaceAll("'", "''")}'`;
const GROUPS = 8;
// Platform of device i: 70 % Windows, 10 % macOS, 5 % Linux, 15 % mobile (Intune only); servers and Linux Defender
// only; 3 % of the Intune desktops never onboarded.
const PLATFORM = `(CASE WHEN i % 20 < 14 THEN 'Windows' WHEN i % 20 < 16 THEN 'macOS' WHEN i % 20 = 16 THEN 'Linux'
  WHEN i % 2 = 0 THEN 'iOS' ELSE 'Android' END)`;

const SEED: string[] = [
  `INSERT INTO "Device" ("tenantId","id","mdeMachineId","intuneDeviceId","aadDeviceId","inMde","inIntune","name","platform",
     "healthStatus","onboardingStatus","lastSeen","rbacGroupName","syncedAt")
   SELECT ${TENANT}, md5('dev' || i)::uuid::text,
     CASE WHEN plat IN ('iOS', 'Android') OR (i % 33 = 0 AND plat IN ('Windows', 'macOS')) THEN NULL ELSE md5('m' || i) END,
     CASE WHEN plat = 'Linux' OR i % 50 = 1 THEN NULL ELSE md5('in' || i)::uuid::text END,
     md5('aad' || i)::uuid::text,
     NOT (plat IN ('iOS', 'Android') OR (i % 33 = 0 AND plat IN ('Windows', 'macOS'))),
     NOT (plat = 'Linux' OR i % 50 = 1),
     'host-' || i, plat,
     CASE WHEN i % 40 = 0 THEN 'Inactive' ELSE 'Active' END, 'Onboarded', now() - (i % 30) * interval '1 hour',
     'Group ' || (i % ${GROUPS}), now()
   FROM (SELECT i, ${PLATFORM} AS plat FROM generate_series(0, $1::int - 1) AS i) s`,
  `INSERT INTO "DeviceAvHealth" ("tenantId","machineId","computerDnsName","osKind","avMode","signatureUpToDate","tamperCompliant",
     "realTimeCompliant","cloudCompliant","syncedAt")
   SELECT ${TENANT}, d."mdeMachineId", d.name, lower(d.platform),
     CASE WHEN i % 37 = 0 THEN '1' WHEN i % 101 = 0 THEN '2' WHEN i % 53 = 0 THEN '4' ELSE '0' END,
     CASE WHEN i % 17 = 0 THEN 'False' ELSE 'True' END, i % 29 <> 0, i % 41 <> 0, i % 43 <> 0, now()
   FROM "Device" d, LATERAL (SELECT abs(hashtext(d.id)) AS i) h WHERE d."mdeMachineId" IS NOT NULL`,
  `INSERT INTO "IntuneProtectionState" ("tenantId","managedDeviceId","deviceName","realTimeProtection","tamperProtection",
     "signatureUpdateOverdue","quickScanOverdue","fullScanOverdue","syncedAt")
   SELECT ${TENANT}, d."intuneDeviceId", d.name, i % 31 <> 0, i % 23 <> 0, i % 19 = 0, i % 13 = 0, i % 11 = 0, now()
   FROM "Device" d, LATERAL (SELECT abs(hashtext(d.id)) AS i) h WHERE d."intuneDeviceId" IS NOT NULL AND d.platform = 'Windows'`,
  `INSERT INTO "PostureDeviceState" ("tenantId","kind","policyId","subject","state","syncedAt")
   SELECT ${TENANT}, 'mobileThreat', '', d."intuneDeviceId",
     (ARRAY['secured','secured','secured','lowSeverity','mediumSeverity','highSeverity'])[1 + abs(hashtext(d.id)) % 6], now()
   FROM "Device" d WHERE d.platform IN ('iOS', 'Android') AND d."intuneDeviceId" IS NOT NULL`,
  `INSERT INTO "PostureGroupMember" ("tenantId","groupId","aadDeviceId","syncedAt")
   SELECT ${TENANT}, 'g' || (abs(hashtext(d.id)) % ${GROUPS}), d."aadDeviceId", now() FROM "Device" d`,
  `INSERT INTO "PosturePolicy" ("tenantId","id","kind","name","odataType","templateFamily","platforms","requiredThreatLevel",
     "settingIds","asrModes","groupIds","excludedGroupIds","lastModifiedAt","syncedAt") VALUES
   (${TENANT}, 'asr-base', 'configuration', 'ASR baseline', NULL, 'endpointSecurityAttackSurfaceReduction', 'windows10', NULL, ARRAY[]::text[],
     '{"3b576869-a4ec-4529-8536-b80a7769e899":"block","5beb7efe-fd9a-4556-801d-275e5ffc04cc":"audit","7674ba52-37eb-4a4f-a9a1-f0f9a1619a2c":"audit","e6db77e5-3df2-4cf1-b95a-636979351e5b":"audit"}',
     ARRAY['g0','g1','g2','g3','g4','g5','g6'], ARRAY[]::text[], now() - interval '30 days', now()),
   (${TENANT}, 'asr-fin', 'configuration', 'ASR finance', NULL, 'endpointSecurityAttackSurfaceReduction', 'windows10', NULL, ARRAY[]::text[],
     '{"3b576869-a4ec-4529-8536-b80a7769e899":"block","5beb7efe-fd9a-4556-801d-275e5ffc04cc":"block"}',
     ARRAY['g7'], ARRAY[]::text[], now() - interval '60 days', now()),
   (${TENANT}, 'edr', 'configuration', 'EDR', NULL, 'endpointSecurityEndpointDetectionAndResponse', 'windows10', NULL, ARRAY['x'],
     NULL, ARRAY['g0','g1'], ARRAY[]::text[], now(), now()),
   (${TENANT}, 'mac-fda', 'configuration', 'FDA', NULL, 'none', 'macOS', NULL,
     ARRAY['com.apple.tcc.configuration-profile-policy_services_systempolicyallfiles'], NULL, ARRAY['g0','g1','g2'], ARRAY[]::text[], now(), now()),
   (${TENANT}, 'mac-ext', 'configuration', 'Sysext', NULL, 'none', 'macOS', NULL,
     ARRAY['com.apple.system-extension-policy_allowedsystemextensions'], NULL, ARRAY['g0','g1','g2','g3'], ARRAY[]::text[], now(), now()),
   (${TENANT}, 'ios', 'compliance', 'iOS', '#microsoft.graph.iosCompliancePolicy', NULL, NULL, 'low', ARRAY[]::text[], NULL, ARRAY['g0'], ARRAY[]::text[], now(), now()),
   (${TENANT}, 'android', 'compliance', 'Android', '#microsoft.graph.androidCompliancePolicy', NULL, NULL, 'medium', ARRAY[]::text[], NULL, ARRAY['g0'], ARRAY[]::text[], now(), now())`,
  // The posture pass that wrote all this (the page keeps the ASR rule states until the next one).
  `INSERT INTO "SyncState" ("tenantId","entity","lastSuccessAt","lastFinishedAt") VALUES (${TENANT}, 'postureConfig', now(), now())`,
  `INSERT INTO "PostureConnector" ("tenantId","id","partnerState","lastHeartbeatAt","windowsEnabled","syncedAt")
   VALUES (${TENANT}, 'fc780465-2017-40d4-a0c5-307022471b92', 'enabled', now() - interval '2 days', true, now())`,
  `INSERT INTO "PostureLicence" ("tenantId","skuId","skuPartNumber","capabilityStatus","servicePlans","syncedAt")
   VALUES (${TENANT}, 'sku', 'SPE_E5', 'Enabled', ARRAY['WINDEFATP','INTUNE_A'], now())`,
  `INSERT INTO "PostureSnapshot" ("tenantId","day","mdeDevices","intuneDevices","enrolledNotOnboarded","signaturesOutOfDate",
     "passiveMode","realTimeProtectionOff","tamperProtectionOff","mobileAboveAllowed","time")
   SELECT ${TENANT}, (now() - k * interval '1 day')::date, $1::int - k, $1::int, 100 + k, 50 + k, 20, 30, 40, 10, now()
   FROM generate_series(0, 89) AS k`,
  `INSERT INTO "AsrHit" ("tenantId","actionType","ruleGuid","mode","deviceId","deviceName","fileName","folderPath","processName",
     "hits14","hits30","lastAt","syncedAt")
   SELECT ${TENANT}, CASE WHEN k % 5 = 0 THEN 'AsrExecutableOfficeContentBlocked' ELSE 'AsrObfuscatedScriptAudited' END,
     CASE WHEN k % 5 = 0 THEN '3b576869-a4ec-4529-8536-b80a7769e899' ELSE '5beb7efe-fd9a-4556-801d-275e5ffc04cc' END,
     CASE WHEN k % 5 = 0 THEN 'blocked' ELSE 'audited' END, md5('m' || (k * 7)), 'host-' || (k * 7),
     'app' || (k % 40) || '.ps1', 'C:\\Program Files\\Vendor' || (k % 40) || '\\app' || (k % 40) || '.ps1', 'powershell.exe',
     k % 9, k % 9 + k % 4, now() - (k % 20) * interval '1 day', now()
   FROM generate_series(1, 2000) AS k`,
];

const ROUTES: { name: string; handler: RouteHandler; path: () => string; weight: number }[] = [
  { name: "summary", handler: summaryRoute, path: () => "/api/posture", weight: 4 },
  { name: "trend", handler: trendRoute, path: () => "/api/posture/trend?days=90", weight: 2 },
  { name: "asr", handler: asrRoute, path: () => "/api/posture/asr", weight: 2 },
  {
    name: "devices",
    handler: devicesRoute,
    path: () => "/api/devices?posture=enrolledNotOnboarded&limit=50",
    weight: 1,
  },
  { name: "devices", handler: devicesRoute, path: () => "/api/devices?posture=tamperOff&limit=50", weight: 1 },
];

async function benchOne(kind: BenchKind, devices: number, requests: number): Promise<void> {
  await withBenchDatabase(kind, async (database) => {
    const t0 = performance.now();
    for (const sql of SEED) await database.prisma.$executeRawUnsafe(sql, ...(sql.includes("$1") ? [devices] : []));
    for (const table of [
      "Device",
      "DeviceAvHealth",
      "IntuneProtectionState",
      "PostureDeviceState",
      "PostureGroupMember",
      "AsrHit",
    ])
      await database.prisma.$executeRawUnsafe(`ANALYZE "${table}"`);
    if (values.verbose) console.error(`${kind}: seeded ${devices} devices in ${Math.round(performance.now() - t0)} ms`);
    const cookie = await sessionCookieFor("Manager", "bench");
    const rand = mulberry32(20261206);
    const bag = ROUTES.flatMap((r) => Array.from({ length: r.weight }, () => r));
    const call = async (r: (typeof ROUTES)[number]) => {
      const start = performance.now();
      const res = await callRoute(r.handler, { path: r.path(), headers: { cookie } });
      if (res.status !== 200) throw new Error(`${r.path()}: HTTP ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
      return performance.now() - start;
    };
    // Warm up: each route once (compiles the queries' plans, fills Prisma's caches).
    for (const r of ROUTES) await call(r);
    const timings: number[] = [];
    const byRoute = new Map<string, number[]>();
    for (let i = 0; i < requests; i++) {
      const r = bag[Math.floor(rand() * bag.length)]!;
      const ms = await call(r);
      timings.push(ms);
      byRoute.set(r.name, [...(byRoute.get(r.name) ?? []), ms]);
    }
    console.log(JSON.stringify({ bench: "posture", db: kind, devices, requests, ...latencySummary(timings) }));
    if (values.verbose)
      for (const [name, ts] of byRoute)
        console.error(
          `  ${name}: p95 ${round1(
            percentile(
              [...ts].sort((a, b) => a - b),
              95,
            ),
          )} ms (${ts.length})`,
        );
  });
}

async function main() {
  const devices = Number(values.devices);
  const requests = Number(values.requests);
  for (const kind of values.db.split(",") as BenchKind[]) await benchOne(kind, devices, requests);
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(`bench:posture: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
