import { getIncidentRunbook, listRunbookTemplates } from "./runbooks";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor, AuditContext } from "./auth/actor";
import { getDatabase } from "./db";
import { getAsrAdvisor, getPostureReport, getPostureSummary, listPostureTrend, setAsrExclusions } from "./posture";
import { listDetectionRules } from "./detections";
import { availableTestDatabases, createTestDatabase, type TestDatabase } from "./db/testing";
import { cacheTenantId, TENANT_TABLES, tenantScope } from "./cache/tenant";
import { runSync } from "./sync/engine";
import { getSyncOverview } from "./sync/status";
import { startTestTenant, type TestTenant } from "./sync/testing";
import {
  alertCacheState,
  alertWriter,
  countAlerts,
  bulkTriageAlerts,
  defenderAlertWriter,
  getAlertDetail,
  groupCounts,
  listAlerts,
  listFilterOptions,
  slaCounts,
  triageAlert,
} from "./alerts";
import { AlertView } from "./alerts/schemas";
import {
  countDevices,
  deviceCacheState,
  devicesCsv,
  getDeviceDetail,
  deviceIdForMachine,
  listDeviceFilterOptions,
  listDevices,
  logonUserRefresh,
} from "./devices";
import { DeviceView, POSTURE_FILTERS } from "./devices/schemas";
import {
  countIncidents,
  defenderIncidentWriter,
  getIncidentDetail,
  incidentSlaCounts,
  incidentWriter,
  listIncidentAssignees,
  listIncidents,
  triageIncident,
} from "./incidents";
import { IncidentQuery } from "./incidents/schemas";
import {
  actionsCsv,
  countActions,
  countAwaitingApproval,
  countAwaitingApprovalBy,
  getAction,
  listActions,
} from "./actions";
import { ActionFilter } from "./actions/schemas";
import {
  closeRemediationRequest,
  createRemediationRequest,
  deleteRemediationRequest,
  getRecommendation,
  getTvmDashboard,
  getVulnerability,
  listDeviceGroups,
  listRecommendations,
  listRemediationRequests,
  listVulnerabilities,
  reopenRemediationRequest,
  updateRemediationRequest,
} from "./tvm";
import { DashboardQuery, RecommendationView, VulnerabilityView } from "./tvm/schemas";
import { CACHED_KINDS, isCached } from "./cache/exists";
import { lookUpTargetNames } from "./audit/target-names";
import { overviewFigures } from "./overview";
import { suggestAssignees } from "./assignees";
import { createSavedQuery, listHuntingHistory, listSavedQueries } from "./hunting";
import {
  createChannel,
  createRule,
  deliveryCounts,
  listChannels,
  listDeliveryLog,
  listRules,
  recordNotificationEvent,
  runNotificationPass,
} from "./notifications";
import { RuleInput } from "./notifications/schemas";
import { asrHitRows, replaceAsrHits } from "./cache/asr-hits";
import {
  countPendingApproval,
  investigationCacheState,
  listInvestigations,
  listInvestigationsOf,
} from "./investigations";
import { InvestigationFilter } from "./investigations/schemas";
import { indicatorCacheState, indicatorMeter, indicatorsForValues, listIndicators } from "./indicators";
import { IndicatorFilter } from "./indicators/schemas";

// The cache is keyed by tenant (lib/cache/tenant.ts). This fills the configured tenant's cache through a real sync,
// then copies every row of every cached table to a second tenant — same ids, so CVEs, incident numbers, alert and
// device ids collide — with values changed so any leak shows. Every read below must answer exactly what it did
// before the copy, and a later sync of the configured tenant must leave the other tenant's rows untouched.
// A new query over the cache belongs in QUERIES.

const kinds = await availableTestDatabases();
const OTHER = "other-tenant-0000";
const OTHER_SHA256 = "b".repeat(64);
const OTHER_IP = "10.66.66.66";
const NOW = new Date();
const analyst: Actor = { type: "user", id: "oid-ana", name: "ana", roles: ["Analyst"], permissions: new Set() };
const audit: AuditContext = { actor: analyst, requestId: "req-tenancy", ip: null };

async function collect(chunks: AsyncGenerator<string>): Promise<string> {
  let out = "";
  for await (const chunk of chunks) out += chunk;
  return out;
}

/** Ids from the configured tenant's cache that the detail reads look up (the other tenant has the same ones). */
interface Ids {
  alert: string;
  device: string;
  /** The device's Defender machine id. */
  machine: string;
  incident: string;
  cve: string;
  recommendation: string;
  action: string;
  group: string;
  remediationRequest: string;
  huntingQuery: string;
}

const QUERIES: Record<string, (ids: Ids) => Promise<unknown>> = {
  "alert queue": () => listAlerts(analyst, AlertView.parse({ range: "180d" }), { limit: 1000, now: NOW }),
  "alert queue grouped by incident": () =>
    listAlerts(analyst, AlertView.parse({ range: "180d", group: "incident" }), { limit: 50, now: NOW }),
  "alert groups by device": () => groupCounts(analyst, { ...AlertView.parse({ range: "180d" }), group: "device" }, NOW),
  "alert groups by title": () => groupCounts(analyst, { ...AlertView.parse({ range: "180d" }), group: "title" }, NOW),
  "alert SLA counts": () => slaCounts(NOW),
  "alert SLA counts of a view": () =>
    slaCounts(NOW, { filter: AlertView.parse({ range: "180d", status: ["New"] }), me: analyst.name }),
  "alert groups by category": () =>
    groupCounts(analyst, { ...AlertView.parse({ range: "180d" }), group: "category" }, NOW),
  // The other tenant's evidence and devices carry a hash and an address none of the configured tenant's has.
  "alert search by file hash": () =>
    listAlerts(analyst, AlertView.parse({ range: "180d", q: OTHER_SHA256 }), { limit: 1000, now: NOW }),
  "alert search by IP address": () =>
    listAlerts(analyst, AlertView.parse({ range: "180d", q: OTHER_IP }), { limit: 1000, now: NOW }),
  "alert cache state": () => alertCacheState(),
  "alert detail": (ids) => getAlertDetail(ids.alert, { auditDetails: true }),
  "alert filter options": () => listFilterOptions(),
  "alert count": () => countAlerts(analyst, AlertView.parse({ range: "180d" }), NOW),
  "device inventory": () => listDevices(DeviceView.parse({}), { limit: 1000, now: NOW }),
  "device search": () => listDevices(DeviceView.parse({ q: "a" }), { limit: 1000, now: NOW }),
  "device inventory by group": (ids) => listDevices(DeviceView.parse({ group: ids.group }), { limit: 1000, now: NOW }),
  "device export": () => collect(devicesCsv(DeviceView.parse({}), NOW)),
  "device cache state": () => deviceCacheState(),
  "device filter options": () => listDeviceFilterOptions(),
  "device detail": (ids) => getDeviceDetail(ids.device, { auditDetails: true }),
  "device id of a machine id": (ids) => deviceIdForMachine(ids.machine),
  "device count": () => countDevices(DeviceView.parse({}), NOW),
  "incident list": () => listIncidents(analyst, IncidentQuery.parse({}), { limit: 1000 }),
  "incident detail": (ids) => getIncidentDetail(ids.incident),
  "incident runbook": (ids) => getIncidentRunbook(ids.incident),
  "runbook templates": () => listRunbookTemplates(),
  "incident SLA counts": () => incidentSlaCounts(NOW),
  "incident assignees": () => listIncidentAssignees(),
  "assignee suggestions": () => suggestAssignees("b-analyst"),
  "incident count": () => countIncidents(analyst, IncidentQuery.parse({ status: ["Active"] })),
  "action list": () => listActions(ActionFilter.parse({}), { limit: 1000 }),
  "action approvals": () => countAwaitingApproval(),
  "action approvals for one approver": () => countAwaitingApprovalBy("oid-approver"),
  "action count": () => countActions(ActionFilter.parse({})),
  "action detail": (ids) => getAction(ids.action),
  "action export": () => collect(actionsCsv(ActionFilter.parse({}))),
  "TVM dashboard": () => getTvmDashboard(DashboardQuery.parse({}), NOW),
  "TVM dashboard of a group": (ids) => getTvmDashboard(DashboardQuery.parse({ group: ids.group }), NOW),
  "device groups": () => listDeviceGroups(),
  "vulnerability list": () => listVulnerabilities(VulnerabilityView.parse({}), { limit: 1000 }),
  "vulnerability list of a group": (ids) =>
    listVulnerabilities(VulnerabilityView.parse({ group: ids.group }), { limit: 1000 }),
  "vulnerability detail": (ids) => getVulnerability(ids.cve),
  "recommendation list": () => listRecommendations(RecommendationView.parse({})),
  "recommendation detail": (ids) => getRecommendation(ids.recommendation),
  "remediation requests": () => listRemediationRequests({}, NOW),
  // The freshness verdict says when it was reached (now), which is not the cache's to answer.
  "sync overview": () => getSyncOverview().then((o) => ({ ...o, freshness: { ...o.freshness, at: null } })),
  "overview figures": () => overviewFigures(analyst, NOW),
  "posture summary": () => getPostureSummary(NOW),
  "posture trend": () => listPostureTrend(30, NOW),
  "posture report": () => getPostureReport(NOW),
  "ASR advisor": () => getAsrAdvisor(NOW),
  "device inventory by posture figure": () =>
    Promise.all(
      POSTURE_FILTERS.map((posture) => listDevices(DeviceView.parse({ posture }), { limit: 1000, now: NOW })),
    ),
  // The record only the other tenant has answers 404, like any record not in this tenant's cache.
  "cached records": (ids) =>
    Promise.all([
      ...CACHED_KINDS.map((kind) =>
        isCached(
          kind,
          {
            alert: ids.alert,
            device: ids.device,
            incident: ids.incident,
            vulnerability: ids.cve,
            recommendation: ids.recommendation,
          }[kind],
        ),
      ),
      isCached("device", "b-only-device"),
    ]),
  "notification channels": () => listChannels(),
  "notification rules": () => listRules(),
  "notification delivery log": () => listDeliveryLog({ limit: 500 }),
  "notification deliveries by state": () => deliveryCounts(),
  "audit log target names": (ids) =>
    lookUpTargetNames([
      { targetType: "alert", targetId: ids.alert },
      { targetType: "incident", targetId: ids.incident },
      { targetType: "device", targetId: ids.device },
      { targetType: "remediationRequest", targetId: ids.remediationRequest },
      { targetType: "hunting_query", targetId: ids.huntingQuery },
      { targetType: "detection_rule", targetId: "tenancy-rule" },
    ]).then((names) => [...names].sort()),
  "saved hunting queries": () => listSavedQueries(analyst),
  "custom detection rules": () => listDetectionRules(),
  "hunting history": () => listHuntingHistory(analyst, 50),
  "investigation list": () => listInvestigations(InvestigationFilter.parse({}), { limit: 1000, now: NOW }),
  "investigations pending approval": () =>
    listInvestigations(InvestigationFilter.parse({ view: "pending" }), { limit: 1000, now: NOW }),
  "investigation search": () => listInvestigations(InvestigationFilter.parse({ q: "a" }), { limit: 1000, now: NOW }),
  "investigations of a device": (ids) => listInvestigationsOf({ deviceId: ids.device }, NOW),
  "investigations of a machine": (ids) => listInvestigationsOf({ machineId: ids.machine }, NOW),
  "investigations of an alert": (ids) => listInvestigationsOf({ alertId: ids.alert }, NOW),
  "investigations of an incident": (ids) => listInvestigationsOf({ incidentId: ids.incident }, NOW),
  "investigations pending count": () => countPendingApproval(),
  "investigation cache state": () => investigationCacheState(),
  "indicator list": () => listIndicators(IndicatorFilter.parse({}), { limit: 1000, now: NOW }),
  "indicator list filtered": () =>
    listIndicators(IndicatorFilter.parse({ action: "Block", expired: "no", q: "1" }), { limit: 1000, now: NOW }),
  "indicator meter": () => indicatorMeter(),
  "indicators of values": () => indicatorsForValues(["198.51.100.7", OTHER_IP]),
  "indicator cache state": () => indicatorCacheState(),
};

/** Copies every cached row of the configured tenant to OTHER, then changes what a leak would show. */
async function copyToOtherTenant(database: TestDatabase): Promise<void> {
  const p = database.prisma;
  for (const table of TENANT_TABLES) {
    const columns = (
      await p.$queryRawUnsafe<{ name: string }[]>(
        `SELECT column_name AS name FROM information_schema.columns WHERE table_name = $1 AND table_schema = current_schema()`,
        table,
      )
    ).map((c) => `"${c.name}"`);
    const select = columns.map((c) => (c === `"tenantId"` ? "$1" : c));
    await p.$executeRawUnsafe(
      `INSERT INTO "${table}" (${columns.join(", ")}) SELECT ${select.join(", ")} FROM "${table}" WHERE "tenantId" = $2`,
      OTHER,
      cacheTenantId(),
    );
  }
  const changes = [
    `UPDATE "Alert" SET title = 'B ' || title, category = 'B-only', status = 'New', "assignedTo" = 'b-analyst',
       priority = 'Critical', "slaDueAt" = now() - interval '1 day'`,
    `UPDATE "AlertEvidence" SET "fileName" = 'b.exe', sha256 = '${OTHER_SHA256}', "ipAddress" = '${OTHER_IP}'`,
    `UPDATE "Incident" SET name = 'B ' || name, status = 'Active', priority = 'Critical', "assignedTo" = 'b-analyst',
       "slaDueAt" = now() - interval '1 day'`,
    `UPDATE "Device" SET name = 'b-' || name, "rbacGroupName" = 'B group', "machineTags" = ARRAY['B-tag'],
       "openAlerts" = "openAlerts" + 1, "vulnCritical" = "vulnCritical" + 1, "exposureLevel" = 'High',
       "lastIpAddress" = '${OTHER_IP}'`,
    `UPDATE "DeviceLogonUser" SET "accountName" = 'b-' || "accountName"`,
    `UPDATE "MachineAction" SET "requestorComment" = 'B', status = 'Pending'`,
    `UPDATE "ActionRequest" SET comment = 'B', state = 'AwaitingApproval'`,
    `UPDATE "Vulnerability" SET name = 'B ' || name, "cvssV3" = 10`,
    `UPDATE "Software" SET name = 'B ' || name`,
    `UPDATE "DeviceVulnerability" SET "productVersion" = 'B', "resolvedAt" = NULL`,
    `UPDATE "Recommendation" SET "recommendationName" = 'B ' || "recommendationName", status = 'Active'`,
    `UPDATE "ScoreSnapshot" SET score = score + 1`,
    `UPDATE "CveExposure" SET "exposedDevices" = "exposedDevices" + 100`,
    `UPDATE "SoftwareExposure" SET vulnerabilities = vulnerabilities + 100`,
    `UPDATE "VulnerabilityCountSnapshot" SET critical = critical + 100`,
    `UPDATE "RemediationRequest" SET owner = 'B team'`,
    `UPDATE "RemediationProgress" SET "exposedDevices" = "exposedDevices" + 100`,
    `UPDATE "DeviceAvHealth" SET "signatureUpToDate" = 'False', "avMode" = '1', "tamperCompliant" = false`,
    `UPDATE "IntuneProtectionState" SET "realTimeProtection" = false, "tamperProtection" = false, "quickScanOverdue" = true`,
    `UPDATE "PosturePolicy" SET name = 'B ' || name, "requiredThreatLevel" = 'secured'`,
    `UPDATE "PostureDeviceState" SET state = 'highSeverity'`,
    `UPDATE "PostureGroupMember" SET "groupName" = 'B group'`,
    `UPDATE "PostureConnector" SET "partnerState" = 'unresponsive', "windowsEnabled" = false`,
    `UPDATE "PostureLicence" SET "servicePlans" = ARRAY['MDE_SMB']`,
    `UPDATE "PostureSnapshot" SET "tamperProtectionOff" = "tamperProtectionOff" + 100`,
    `UPDATE "AsrHit" SET hits30 = hits30 + 100, "fileName" = 'b.ps1'`,
    `UPDATE "AsrHitRefresh" SET error = 'B failed', "refreshedAt" = NULL`,
    `UPDATE "AsrExclusion" SET path = 'B:\\' || path`,
    `UPDATE "SyncState" SET "lastError" = 'B failed', "lockedBy" = NULL`,
    `UPDATE "HuntingQuery" SET name = 'B ' || name, query = 'B', shared = true`,
    `UPDATE "HuntingRun" SET query = 'B', outcome = 'failed', "rowCount" = 0`,
    `UPDATE "NotificationChannel" SET name = 'B ' || name, target = 'b@other.example'`,
    `UPDATE "NotificationRule" SET name = 'B ' || name, enabled = false`,
    `UPDATE "NotificationEvent" SET payload = jsonb_set(payload, '{title}', '"B"')`,
    `UPDATE "NotificationDelivery" SET state = 'failed'`,
    `UPDATE "NotificationAttempt" SET outcome = 'failed', error = 'B'`,
    `UPDATE "Investigation" SET state = 'PendingApproval', "statusDetails" = 'B'`,
    `UPDATE "Indicator" SET title = 'B ' || title, action = 'Allowed', "indicatorValue" = '${OTHER_IP}'`,
    `UPDATE "DetectionRule" SET "displayName" = 'B ' || "displayName", status = 'autoDisabled'`,
  ];
  for (const sql of changes) await p.$executeRawUnsafe(`${sql} WHERE "tenantId" = $1`, OTHER);
  // Rows only the other tenant has: a pass of the configured tenant must not flag or resolve them.
  await p.$executeRawUnsafe(
    `INSERT INTO "Device" ("tenantId", id, "mdeMachineId", "intuneDeviceId", "inMde", "inIntune", name, platform)
     VALUES ($1, 'b-only-device', 'b-only-machine', 'b-only-intune', true, true, 'b-only', 'Windows')`,
    OTHER,
  );
}

/** A fingerprint of each table's rows of the other tenant. */
async function otherTenantRows(database: TestDatabase): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TENANT_TABLES) {
    const [row] = await database.prisma.$queryRawUnsafe<{ n: number; digest: string | null }[]>(
      `SELECT COUNT(*)::int AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM "${table}" t WHERE "tenantId" = $1`,
      OTHER,
    );
    out[table] = `${row.n}:${row.digest}`;
  }
  return out;
}

describe("TENANT_TABLES", () => {
  it("lists every cached model of prisma/schema.prisma (each has a tenantId column)", () => {
    const schema = readFileSync("prisma/schema.prisma", "utf8");
    const tenantModels = [...schema.matchAll(/^model (\w+) \{([^}]*)\}/gm)]
      .filter(([, , body]) => /^\s+tenantId\s/m.test(body))
      .map(([, name]) => name)
      // Budgets are counted per tenant by lib/budgets (and hunting refusals by lib/hunting's quota), not cached.
      .filter((name) => name !== "ProviderCall" && name !== "HuntingThrottle");
    expect([...TENANT_TABLES].sort()).toEqual(tenantModels.sort());
  });
});

let tenant: TestTenant;
beforeAll(async () => {
  tenant = await startTestTenant({ seed: "tenancy", devices: 30, alerts: 120, vulnsPerDevice: 4 });
}, 120_000);
afterAll(async () => {
  await tenant?.close();
});

describe.each(kinds)("a second tenant's rows on %s", (kind) => {
  let database: TestDatabase;
  let ids: Ids;
  const before: Record<string, unknown> = {};

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    getDatabase.replaceForTests(database);
    logonUserRefresh.replaceForTests({
      reader: { list: async () => [{ accountName: "ana", accountDomain: "CONTOSO", isDomainAdmin: false }] },
      fetchedAt: new Map(),
    });
    const summaries = await runSync({ db: database.prisma, sources: tenant.sources(), full: true });
    expect(summaries.filter((s) => s.status === "failed")).toEqual([]);
    const p = database.prisma;
    const scope = tenantScope();
    const device = await p.device.findFirstOrThrow({
      where: { ...scope, inMde: true, rbacGroupName: { not: null }, openAlerts: { gt: 0 } },
    });
    const machineAction = await p.machineAction.create({
      data: {
        ...scope,
        id: "ma-1",
        type: "Isolate",
        status: "Succeeded",
        machineId: device.mdeMachineId!,
        creationDateTimeUtc: NOW,
      },
    });
    await p.actionRequest.create({
      data: {
        ...scope,
        idempotencyKey: "k-1",
        deviceId: device.id,
        type: "Isolate",
        comment: "contain",
        state: "Sent",
        requestedById: analyst.id,
        requestedByName: analyst.name,
        machineActionId: machineAction.id,
      },
    });
    // The simulated tenant holds no indicators: one as the console's write-through would store it.
    await p.indicator.create({
      data: {
        ...scope,
        id: "ind-1",
        indicatorValue: "198.51.100.7",
        indicatorType: "IpAddress",
        action: "Block",
        title: "Tenancy block 1",
        createdAt: NOW,
        rbacGroupNames: [],
        syncedAt: NOW,
      },
    });
    const recommendation = await p.recommendation.findFirstOrThrow({
      where: { ...scope, id: { startsWith: "va-_-" } },
      orderBy: { id: "asc" },
    });
    const remediationRequest = await createRemediationRequest(
      audit,
      { recommendationId: recommendation.id, scope: "", owner: "IT", dueOn: "2099-01-01", note: "" },
      NOW,
    );
    // Hunting: a saved query of the analyst's and one run in their history (the run written as the domain would).
    await p.user.create({
      data: { id: analyst.id, upn: "ana@contoso.example", name: analyst.name, roles: ["Analyst"] },
    });
    const huntingQuery = await createSavedQuery(audit, {
      name: "Tenancy hunt",
      description: "",
      tags: ["t"],
      folder: "",
      query: "DeviceInfo | take 1",
      shared: false,
    });
    await p.huntingRun.create({
      data: {
        ...scope,
        actorId: analyst.id,
        actorName: analyst.name,
        query: "DeviceInfo | take 1",
        queryHash: "0".repeat(64),
        timespan: "P7D",
        rowCount: 1,
        durationMs: 10,
        outcome: "ok",
      },
    });
    // A channel, a rule, an event routed to it and the attempt the delivery log shows (e-mail is not configured here,
    // so the attempt fails at once).
    const channel = await createChannel(audit, {
      kind: "email",
      name: "SOC",
      target: "soc@contoso.example",
      enabled: true,
    });
    await createRule(
      audit,
      RuleInput.parse({ name: "Everything High", eventType: "alert.created", channelIds: [channel.id] }),
    );
    await p.$transaction((tx) =>
      recordNotificationEvent(tx, {
        type: "alert.created",
        dedupeKey: "alert.created:tenancy",
        payload: { title: "High alert", summary: "", path: "/alerts/x", severity: "High" },
      }),
    );
    await runNotificationPass(p, { owner: "tenancy" });
    // ASR: hits as a refresh writes them, and an accepted exclusion.
    await replaceAsrHits(
      p,
      asrHitRows(
        [
          {
            ActionType: "AsrObfuscatedScriptAudited",
            DeviceId: device.mdeMachineId,
            DeviceName: device.name,
            FileName: "a.ps1",
            FolderPath: "C:\\Tools\\a.ps1",
            InitiatingProcessFileName: "powershell.exe",
            Hits14: 2,
            Hits30: 5,
            LastAt: NOW.toISOString(),
          },
        ],
        NOW.toISOString(),
      ),
      NOW,
    );
    await setAsrExclusions(audit, { paths: ["C:\\Other"] });
    expect((await listDeliveryLog({ limit: 5 })).length).toBeGreaterThan(0);
    // A custom detection rule whose detectorId is an alert's, so the list counts that alert.
    const detected = await p.alert.findFirstOrThrow({ where: { ...scope, detectorId: { not: null } } });
    await p.detectionRule.create({
      data: {
        ...scope,
        id: "tenancy-rule",
        displayName: "Tenancy rule",
        status: "enabled",
        detectorId: detected.detectorId,
        rule: { queryText: "DeviceInfo", alertTemplate: { title: "Tenancy", tactics: [], entityMappings: {} } },
        syncedAt: NOW,
      },
    });
    ids = {
      huntingQuery: huntingQuery.id,
      alert: (
        await p.alert.findFirstOrThrow({ where: { ...scope, incidentId: { not: null } }, orderBy: { id: "asc" } })
      ).id,
      device: device.id,
      machine: device.mdeMachineId!,
      incident: String((await p.incident.findFirstOrThrow({ where: scope, orderBy: { id: "asc" } })).id),
      cve: (await p.cveExposure.findFirstOrThrow({ where: { ...scope, scope: "" }, orderBy: { cveId: "asc" } })).cveId,
      recommendation: recommendation.id,
      action: machineAction.id,
      group: device.rbacGroupName!,
      remediationRequest: remediationRequest.id,
    };
    for (const [name, query] of Object.entries(QUERIES)) before[name] = await query(ids);
    await copyToOtherTenant(database);
  }, 300_000);
  afterAll(async () => {
    await database?.close();
  });

  it("the other tenant holds a copy of every cached table (so every query below meets colliding ids)", async () => {
    for (const table of TENANT_TABLES) {
      const [row] = await database.prisma.$queryRawUnsafe<{ n: number }[]>(
        `SELECT COUNT(*)::int AS n FROM "${table}" WHERE "tenantId" = $1`,
        OTHER,
      );
      expect(row.n, table).toBeGreaterThan(0);
    }
  });

  it("every list, detail, count, export and dashboard answers exactly what it did without them", async () => {
    // Past the minute the filter menus are kept for, so they are read again.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 2 * 60_000 });
    try {
      // Soft: one run names every query that leaks, not just the first.
      for (const [name, query] of Object.entries(QUERIES)) expect.soft(await query(ids), name).toEqual(before[name]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("triage written through to the cache changes the configured tenant's alert and incident, not the other's", async () => {
    const untouched = await otherTenantRows(database);
    alertWriter.replaceForTests(defenderAlertWriter(tenant.defenderClient()));
    incidentWriter.replaceForTests(defenderIncidentWriter(tenant.defenderClient()));
    try {
      expect((await triageAlert(audit, ids.alert, { assignedTo: "tenancy@contoso.example" })).assignedTo).toBe(
        "tenancy@contoso.example",
      );
      await bulkTriageAlerts(audit, [ids.alert], { status: "InProgress" });
      expect((await triageIncident(audit, ids.incident, { assignedTo: "tenancy@contoso.example" })).assignedTo).toBe(
        "tenancy@contoso.example",
      );
    } finally {
      alertWriter.replaceForTests(undefined);
      incidentWriter.replaceForTests(undefined);
    }
    expect(await otherTenantRows(database)).toEqual(untouched);
  });

  it("a remediation request edited, closed, reopened and deleted is the configured tenant's, not the other's copy", async () => {
    const untouched = await otherTenantRows(database);
    const id = ids.remediationRequest;
    expect((await updateRemediationRequest(audit, id, { owner: "Tenancy team" }, NOW)).owner).toBe("Tenancy team");
    expect((await closeRemediationRequest(audit, id, NOW)).status).toBe("Closed");
    expect((await reopenRemediationRequest(audit, id, NOW)).status).not.toBe("Closed");
    await deleteRemediationRequest(audit, id);
    expect(await listRemediationRequests({ id }, NOW)).toEqual([]);
    expect(await otherTenantRows(database)).toEqual(untouched);
  });

  it("a full sync of the configured tenant leaves every row of the other tenant as it was", async () => {
    const untouched = await otherTenantRows(database);
    await tenant.control("live/tick", {});
    const summaries = await runSync({ db: database.prisma, sources: tenant.sources(), full: true });
    expect(summaries.filter((s) => s.status === "failed")).toEqual([]);
    expect(await otherTenantRows(database)).toEqual(untouched);
  });
});
