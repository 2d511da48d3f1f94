import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableTestDatabases, createTestDatabase, type TestDatabase, type TestDatabaseKind } from "./testing";
import { deployMigrations, migrationStatus } from "./migrate";
import type { PrismaClient } from "../generated/prisma/client";
import { claimUntenantedRows, syncStateKey, TENANT_TABLES, tenantKey, tenantScope } from "../cache/tenant";

// Applies every migration to an empty PGlite and an empty PostgreSQL database, then writes and reads back one
// row in every table. A model added to the schema without a fixture here fails the suite.

const t0 = new Date("2026-01-02T03:04:05.000Z");

type Fixture = { create: (db: PrismaClient) => Promise<unknown>; read: (db: PrismaClient) => Promise<unknown> };

const FIXTURES: Record<string, Fixture> = {
  User: {
    create: (db) =>
      db.user.create({ data: { id: "oid-1", upn: "ana@contoso.example", name: "Ana", roles: ["Analyst"] } }),
    read: (db) => db.user.findUniqueOrThrow({ where: { id: "oid-1" } }),
  },
  Session: {
    create: (db) => db.session.create({ data: { id: "s-hash", userId: "oid-1", roles: ["Analyst"], expiresAt: t0 } }),
    read: (db) => db.session.findUniqueOrThrow({ where: { id: "s-hash" }, include: { user: true } }),
  },
  ApiToken: {
    create: (db) =>
      db.apiToken.create({
        data: {
          id: "tok-1",
          name: "soar",
          tokenHash: "h",
          prefix: "soc_ab",
          role: "Analyst",
          createdById: "oid-1",
          expiresAt: t0,
        },
      }),
    read: (db) => db.apiToken.findUniqueOrThrow({ where: { tokenHash: "h" } }),
  },
  SavedView: {
    create: (db) =>
      db.savedView.create({
        data: { ownerId: "oid-1", page: "alerts", name: "High new", query: "severity=High&status=New" },
      }),
    read: (db) => db.savedView.findFirstOrThrow({ where: { name: "High new" } }),
  },
  Setting: {
    create: (db) => db.setting.create({ data: { key: "sla", value: { Critical: 15 } } }),
    read: (db) => db.setting.findUniqueOrThrow({ where: { key: "sla" } }),
  },
  IdempotentRequest: {
    create: (db) =>
      db.idempotentRequest.create({ data: { actorKey: "user:oid-1", key: "k-1", fingerprint: "f", status: 200 } }),
    read: (db) =>
      db.idempotentRequest.findUniqueOrThrow({ where: { actorKey_key: { actorKey: "user:oid-1", key: "k-1" } } }),
  },
  ProviderCall: {
    create: (db) =>
      db.providerCall.create({ data: { tenantId: "t-1", family: "defender.machineActions.post", takenAt: t0 } }),
    read: (db) => db.providerCall.findFirstOrThrow({ where: { tenantId: "t-1" } }),
  },
  Alert: {
    create: (db) =>
      db.alert.create({
        data: {
          ...tenantScope(),
          id: "da637472900382838869_1364969609",
          incidentId: 1126093n,
          title: "Ransomware behavior detected",
          severity: "High",
          status: "New",
          mitreTechniques: ["T1486"],
          comments: [{ comment: "c", createdBy: "x", createdTime: t0.toISOString() }],
          alertCreationTime: t0,
          lastUpdateTime: t0,
          priority: "Critical",
          priorityRule: "ransomware",
        },
      }),
    read: (db) => db.alert.findUniqueOrThrow({ where: tenantKey("da637472900382838869_1364969609") }),
  },
  AlertEvidence: {
    create: (db) =>
      db.alertEvidence.create({
        data: {
          ...tenantScope(),
          alertId: "da637472900382838869_1364969609",
          ordinal: 0,
          entityType: "File",
          sha256: "ab".repeat(32),
        },
      }),
    read: (db) => db.alertEvidence.findFirstOrThrow({ include: { alert: true } }),
  },
  Incident: {
    create: (db) =>
      db.incident.create({
        data: {
          ...tenantScope(),
          id: 1126093n,
          name: "Multi-stage incident",
          status: "Active",
          severity: "High",
          tags: ["ransomware"],
          createdTime: t0,
          lastUpdateTime: t0,
        },
      }),
    read: (db) => db.incident.findUniqueOrThrow({ where: tenantKey(1126093n) }),
  },
  Device: {
    create: (db) =>
      db.device.create({
        data: {
          ...tenantScope(),
          id: "dev-1",
          mdeMachineId: "7b1f4967d9728e5aa3c06a9e617a22a4a5a17378",
          intuneDeviceId: "i-1",
          name: "fin-lt-0042",
          platform: "Windows",
          osBuild: 22631n,
          machineTags: ["VIP"],
          inMde: true,
          inIntune: true,
        },
      }),
    read: (db) =>
      db.device.findUniqueOrThrow({
        where: {
          tenantId_mdeMachineId: { ...tenantScope(), mdeMachineId: "7b1f4967d9728e5aa3c06a9e617a22a4a5a17378" },
        },
      }),
  },
  DeviceLogonUser: {
    create: (db) =>
      db.deviceLogonUser.create({
        data: { ...tenantScope(), deviceId: "dev-1", accountName: "ana", accountDomain: "CONTOSO" },
      }),
    read: (db) => db.deviceLogonUser.findFirstOrThrow(),
  },
  MachineAction: {
    create: (db) =>
      db.machineAction.create({
        data: {
          ...tenantScope(),
          id: "5382f7ea-7557-4ab7-9782-d50480024a4e",
          type: "Isolate",
          scope: "Full",
          status: "Pending",
          machineId: "7b1f",
          creationDateTimeUtc: t0,
        },
      }),
    read: (db) => db.machineAction.findUniqueOrThrow({ where: tenantKey("5382f7ea-7557-4ab7-9782-d50480024a4e") }),
  },
  ActionRequest: {
    create: (db) =>
      db.actionRequest.create({
        data: {
          ...tenantScope(),
          idempotencyKey: "k-1",
          deviceId: "dev-1",
          type: "Isolate",
          comment: "ransomware",
          state: "Sent",
          requestedById: "oid-1",
          requestedByName: "Ana",
          machineActionId: "5382f7ea-7557-4ab7-9782-d50480024a4e",
        },
      }),
    read: (db) =>
      db.actionRequest.findUniqueOrThrow({
        where: {
          tenantId_requestedById_idempotencyKey: { ...tenantScope(), requestedById: "oid-1", idempotencyKey: "k-1" },
        },
        include: { machineAction: true },
      }),
  },
  RunbookTemplate: {
    create: (db) =>
      db.runbookTemplate.create({
        data: {
          ...tenantScope(),
          id: "rb-1",
          name: "Ransomware",
          category: "Ransomware",
          tasks: [{ title: "Isolate", kind: "isolate" }],
        },
      }),
    read: (db) => db.runbookTemplate.findUniqueOrThrow({ where: tenantKey("rb-1") }),
  },
  RunbookTask: {
    create: (db) =>
      db.runbookTask.create({
        data: {
          ...tenantScope(),
          id: "rt-1",
          incidentId: 1n,
          templateId: "rb-1",
          runbookName: "Ransomware",
          position: 0,
          title: "Isolate",
          kind: "isolate",
          actionRequestId: "r-1",
        },
      }),
    read: (db) => db.runbookTask.findUniqueOrThrow({ where: tenantKey("rt-1") }),
  },
  Vulnerability: {
    create: (db) =>
      db.vulnerability.create({
        data: {
          ...tenantScope(),
          id: "CVE-2019-0608",
          name: "CVE-2019-0608",
          severity: "Medium",
          cvssV3: 4.3,
          exploitTypes: ["Local"],
          isZeroDay: true,
        },
      }),
    read: (db) => db.vulnerability.findUniqueOrThrow({ where: tenantKey("CVE-2019-0608") }),
  },
  Software: {
    create: (db) =>
      db.software.create({
        data: {
          ...tenantScope(),
          id: "microsoft-_-edge",
          name: "edge",
          vendor: "microsoft",
          weaknesses: 3,
          impactScore: 1.5,
        },
      }),
    read: (db) => db.software.findUniqueOrThrow({ where: tenantKey("microsoft-_-edge") }),
  },
  DeviceVulnerability: {
    create: (db) =>
      db.deviceVulnerability.create({
        data: {
          ...tenantScope(),
          id: "7b1f-_-CVE-2019-0608-_-microsoft-_-edge-_-1.0-_-",
          machineId: "7b1f",
          cveId: "CVE-2019-0608",
          productName: "edge",
          productVendor: "microsoft",
          productVersion: "1.0",
          severity: "Medium",
        },
      }),
    read: (db) => db.deviceVulnerability.findFirstOrThrow({ where: { cveId: "CVE-2019-0608" } }),
  },
  Recommendation: {
    create: (db) =>
      db.recommendation.create({
        data: {
          ...tenantScope(),
          id: "va-_-microsoft-_-windows_10",
          recommendationName: "Update Windows 10",
          exposureImpact: 2.5,
        },
      }),
    read: (db) => db.recommendation.findUniqueOrThrow({ where: tenantKey("va-_-microsoft-_-windows_10") }),
  },
  ScoreSnapshot: {
    create: (db) =>
      db.scoreSnapshot.create({
        data: { ...tenantScope(), kind: "exposure", scope: "", day: new Date("2026-01-02"), score: 33.5, time: t0 },
      }),
    read: (db) => db.scoreSnapshot.findFirstOrThrow({ where: { kind: "exposure" } }),
  },
  CveExposure: {
    create: (db) =>
      db.cveExposure.create({ data: { ...tenantScope(), scope: "", cveId: "CVE-2019-0608", exposedDevices: 3 } }),
    read: (db) =>
      db.cveExposure.findUniqueOrThrow({
        where: { tenantId_scope_cveId: { ...tenantScope(), scope: "", cveId: "CVE-2019-0608" } },
      }),
  },
  SoftwareExposure: {
    create: (db) =>
      db.softwareExposure.create({
        data: {
          ...tenantScope(),
          scope: "Finance",
          softwareId: "microsoft-_-edge",
          vendor: "microsoft",
          name: "edge",
          vulnerabilities: 4,
          critical: 1,
          exposedDevices: 2,
        },
      }),
    read: (db) =>
      db.softwareExposure.findUniqueOrThrow({
        where: { tenantId_scope_softwareId: { ...tenantScope(), scope: "Finance", softwareId: "microsoft-_-edge" } },
      }),
  },
  VulnerabilityCountSnapshot: {
    create: (db) =>
      db.vulnerabilityCountSnapshot.create({
        data: {
          ...tenantScope(),
          day: new Date("2026-01-02"),
          scope: "",
          critical: 1,
          high: 2,
          medium: 3,
          low: 4,
          exposedDevices: 5,
          zeroDay: 0,
          exploitable: 1,
          time: t0,
        },
      }),
    read: (db) => db.vulnerabilityCountSnapshot.findFirstOrThrow({ where: { scope: "" } }),
  },
  RemediationRequest: {
    create: (db) =>
      db.remediationRequest.create({
        data: {
          ...tenantScope(),
          id: "00000000-0000-4000-8000-0000000000a1",
          recommendationId: "va-_-microsoft-_-windows_10",
          recommendationName: "Update Windows 10",
          owner: "it-ops@contoso.example",
          dueOn: new Date("2026-02-01"),
          baselineExposed: 12,
          createdById: "oid-1",
          createdByName: "Ana",
          closedAt: t0,
          closedByName: "Ana",
        },
      }),
    read: (db) => db.remediationRequest.findUniqueOrThrow({ where: tenantKey("00000000-0000-4000-8000-0000000000a1") }),
  },
  RemediationProgress: {
    create: (db) =>
      db.remediationProgress.create({
        data: {
          ...tenantScope(),
          requestId: "00000000-0000-4000-8000-0000000000a1",
          day: new Date("2026-01-03"),
          exposedDevices: 9,
          time: t0,
        },
      }),
    read: (db) =>
      db.remediationProgress.findFirstOrThrow({ where: { requestId: "00000000-0000-4000-8000-0000000000a1" } }),
  },
  DeviceAvHealth: {
    create: (db) =>
      db.deviceAvHealth.create({
        data: {
          ...tenantScope(),
          machineId: "m1",
          avMode: "1",
          signatureUpToDate: "False",
          tamperCompliant: false,
          syncedAt: t0,
        },
      }),
    read: (db) => db.deviceAvHealth.findFirstOrThrow({ where: { machineId: "m1" } }),
  },
  IntuneProtectionState: {
    create: (db) =>
      db.intuneProtectionState.create({
        data: { ...tenantScope(), managedDeviceId: "i1", realTimeProtection: false, lastReportedAt: t0, syncedAt: t0 },
      }),
    read: (db) => db.intuneProtectionState.findFirstOrThrow({ where: { managedDeviceId: "i1" } }),
  },
  PosturePolicy: {
    create: (db) =>
      db.posturePolicy.create({
        data: {
          ...tenantScope(),
          id: "pol-1",
          kind: "configuration",
          name: "ASR",
          settingIds: ["a", "b"],
          asrModes: { "5beb7efe-fd9a-4556-801d-275e5ffc04cc": "audit" },
          groupIds: ["g1"],
          excludedGroupIds: [],
          syncedAt: t0,
        },
      }),
    read: (db) => db.posturePolicy.findFirstOrThrow({ where: { id: "pol-1" } }),
  },
  PostureDeviceState: {
    create: (db) =>
      db.postureDeviceState.create({
        data: { ...tenantScope(), kind: "onboarding", subject: "i1", state: "nonCompliant", syncedAt: t0 },
      }),
    read: (db) => db.postureDeviceState.findFirstOrThrow({ where: { kind: "onboarding" } }),
  },
  PostureGroupMember: {
    create: (db) =>
      db.postureGroupMember.create({ data: { ...tenantScope(), groupId: "g1", aadDeviceId: "aad-1", syncedAt: t0 } }),
    read: (db) => db.postureGroupMember.findFirstOrThrow({ where: { groupId: "g1" } }),
  },
  PostureConnector: {
    create: (db) =>
      db.postureConnector.create({
        data: {
          ...tenantScope(),
          id: "c1",
          partnerState: "enabled",
          lastHeartbeatAt: t0,
          thresholdDays: 7,
          syncedAt: t0,
        },
      }),
    read: (db) => db.postureConnector.findFirstOrThrow({ where: { id: "c1" } }),
  },
  PostureLicence: {
    create: (db) =>
      db.postureLicence.create({
        data: { ...tenantScope(), skuId: "sku-1", servicePlans: ["WINDEFATP"], syncedAt: t0 },
      }),
    read: (db) => db.postureLicence.findFirstOrThrow({ where: { skuId: "sku-1" } }),
  },
  DetectionRule: {
    create: (db) =>
      db.detectionRule.create({
        data: {
          ...tenantScope(),
          id: "rule-1",
          displayName: "LSASS dump",
          status: "enabled",
          frequency: "PT1H",
          detectorId: "det-1",
          rule: { queryText: "DeviceProcessEvents" },
          syncedAt: t0,
        },
      }),
    read: (db) => db.detectionRule.findFirstOrThrow({ where: { id: "rule-1" } }),
  },
  PostureSnapshot: {
    create: (db) =>
      db.postureSnapshot.create({
        data: {
          ...tenantScope(),
          day: new Date("2026-01-02"),
          mdeDevices: 10,
          intuneDevices: 11,
          enrolledNotOnboarded: 1,
          signaturesOutOfDate: 2,
          passiveMode: 1,
          realTimeProtectionOff: 1,
          tamperProtectionOff: 1,
          mobileAboveAllowed: 1,
          time: t0,
        },
      }),
    read: (db) => db.postureSnapshot.findFirstOrThrow({ where: { mdeDevices: 10 } }),
  },
  AsrHit: {
    create: (db) =>
      db.asrHit.create({
        data: {
          ...tenantScope(),
          actionType: "AsrObfuscatedScriptAudited",
          ruleGuid: "5beb7efe-fd9a-4556-801d-275e5ffc04cc",
          mode: "audited",
          deviceId: "m1",
          fileName: "a.ps1",
          folderPath: "C:\\Tools\\a.ps1",
          processName: "powershell.exe",
          hits14: 2,
          hits30: 5,
          lastAt: t0,
          syncedAt: t0,
        },
      }),
    read: (db) => db.asrHit.findFirstOrThrow({ where: { deviceId: "m1" } }),
  },
  AsrHitRefresh: {
    create: (db) => db.asrHitRefresh.create({ data: { ...tenantScope(), refreshedAt: t0, attemptedAt: t0, rows: 1 } }),
    read: (db) => db.asrHitRefresh.findFirstOrThrow({ where: { rows: 1 } }),
  },
  AsrExclusion: {
    create: (db) =>
      db.asrExclusion.create({
        data: { ...tenantScope(), path: "C:\\Tools", createdAt: t0, createdByName: "Ana" },
      }),
    read: (db) => db.asrExclusion.findFirstOrThrow({ where: { path: "C:\\Tools" } }),
  },
  Investigation: {
    create: (db) =>
      db.investigation.create({
        data: {
          ...tenantScope(),
          id: "63017",
          state: "PendingApproval",
          startTime: t0,
          machineId: "m1",
          triggeringAlertId: "da1",
          startedBy: "ana@contoso.example",
          syncedAt: t0,
        },
      }),
    read: (db) => db.investigation.findFirstOrThrow({ where: { id: "63017" } }),
  },
  Indicator: {
    create: (db) =>
      db.indicator.create({
        data: {
          ...tenantScope(),
          id: "995",
          indicatorValue: "12.13.14.15",
          indicatorType: "IpAddress",
          action: "Block",
          generateAlert: true,
          expirationTime: t0,
          rbacGroupNames: ["Tier 0"],
          syncedAt: t0,
        },
      }),
    read: (db) => db.indicator.findFirstOrThrow({ where: { id: "995" } }),
  },
  HuntingQuery: {
    create: (db) =>
      db.huntingQuery.create({
        data: {
          ...tenantScope(),
          id: "hq-1",
          ownerId: "oid-1",
          name: "Encoded PowerShell",
          tags: ["execution"],
          query: "DeviceProcessEvents | take 10",
          shared: true,
        },
      }),
    read: (db) => db.huntingQuery.findUniqueOrThrow({ where: tenantKey("hq-1"), include: { owner: true } }),
  },
  HuntingRun: {
    create: (db) =>
      db.huntingRun.create({
        data: {
          ...tenantScope(),
          id: "hr-1",
          actorId: "oid-1",
          actorName: "Ana",
          query: "DeviceProcessEvents | take 10",
          queryHash: "0".repeat(64),
          timespan: "P7D",
          rowCount: 10,
          durationMs: 120,
          outcome: "ok",
        },
      }),
    read: (db) => db.huntingRun.findUniqueOrThrow({ where: tenantKey("hr-1") }),
  },
  HuntingThrottle: {
    create: (db) => db.huntingThrottle.create({ data: { ...tenantScope(), limit: "cpu", until: t0 } }),
    read: (db) =>
      db.huntingThrottle.findUniqueOrThrow({ where: { tenantId_limit: { ...tenantScope(), limit: "cpu" } } }),
  },
  SyncState: {
    create: (db) =>
      db.syncState.create({ data: { ...tenantScope(), entity: "alerts", watermark: t0, lastSummary: { fetched: 1 } } }),
    read: (db) => db.syncState.findUniqueOrThrow({ where: syncStateKey("alerts") }),
  },
  NotificationChannel: {
    create: (db) =>
      db.notificationChannel.create({
        data: {
          ...tenantScope(),
          id: "00000000-0000-4000-8000-0000000000c1",
          name: "SOC mailbox",
          kind: "email",
          target: "soc@contoso.example",
          updatedBy: "Ana",
        },
      }),
    read: (db) =>
      db.notificationChannel.findUniqueOrThrow({ where: tenantKey("00000000-0000-4000-8000-0000000000c1") }),
  },
  NotificationRule: {
    create: (db) =>
      db.notificationRule.create({
        data: {
          ...tenantScope(),
          id: "00000000-0000-4000-8000-0000000000d1",
          name: "High alerts",
          eventType: "alert.created",
          filter: { severities: ["High"] },
          channelIds: ["00000000-0000-4000-8000-0000000000c1"],
          digest: "15m",
          quietHours: { start: "22:00", end: "07:00" },
          timeZone: "Europe/Paris",
        },
      }),
    read: (db) => db.notificationRule.findUniqueOrThrow({ where: tenantKey("00000000-0000-4000-8000-0000000000d1") }),
  },
  NotificationEvent: {
    create: (db) =>
      db.notificationEvent.create({
        data: {
          ...tenantScope(),
          id: "00000000-0000-4000-8000-0000000000e1",
          type: "alert.created",
          dedupeKey: "alert.created:a1",
          payload: { title: "High alert", summary: "", path: "/alerts/a1" },
          occurredAt: t0,
        },
      }),
    read: (db) => db.notificationEvent.findUniqueOrThrow({ where: tenantKey("00000000-0000-4000-8000-0000000000e1") }),
  },
  NotificationDelivery: {
    create: (db) =>
      db.notificationDelivery.create({
        data: {
          ...tenantScope(),
          eventId: "00000000-0000-4000-8000-0000000000e1",
          channelId: "00000000-0000-4000-8000-0000000000c1",
          ruleId: "00000000-0000-4000-8000-0000000000d1",
          state: "retrying",
          attempts: 1,
          nextAttemptAt: t0,
          lastError: "The receiver answered HTTP 500.",
        },
      }),
    read: (db) =>
      db.notificationDelivery.findFirstOrThrow({ where: { eventId: "00000000-0000-4000-8000-0000000000e1" } }),
  },
  NotificationAttempt: {
    create: (db) =>
      db.notificationAttempt.create({
        data: {
          ...tenantScope(),
          id: "00000000-0000-4000-8000-0000000000f1",
          eventId: "00000000-0000-4000-8000-0000000000e1",
          channelId: "00000000-0000-4000-8000-0000000000c1",
          attempt: 1,
          outcome: "retrying",
          error: "The receiver answered HTTP 500.",
          nextAttemptAt: t0,
          durationMs: 12,
        },
      }),
    read: (db) =>
      db.notificationAttempt.findUniqueOrThrow({ where: tenantKey("00000000-0000-4000-8000-0000000000f1") }),
  },
  AuditEvent: {
    create: (db) =>
      db.auditEvent.create({
        data: {
          actorType: "user",
          actorId: "oid-1",
          actorName: "Ana",
          action: "alert.triage",
          targetType: "alert",
          targetId: "a1",
          params: { status: "Resolved" },
          result: "success",
          requestId: "r1",
        },
      }),
    read: (db) => db.auditEvent.findFirstOrThrow({ where: { action: "alert.triage" } }),
  },
};

const schemaModels = [...readFileSync("prisma/schema.prisma", "utf8").matchAll(/^model (\w+) \{/gm)].map((m) => m[1]);
const kinds = await availableTestDatabases();

describe("schema fixtures", () => {
  it("cover every model in prisma/schema.prisma", () => {
    expect(Object.keys(FIXTURES).sort()).toEqual([...schemaModels].sort());
  });
});

describe.each(kinds)("migrations on an empty %s database", (kind: TestDatabaseKind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.close();
  });

  it("applies every migration and reports none pending", async () => {
    const status = await migrationStatus({
      location: kind === "pglite" ? { kind: "pglite-memory" } : { kind: "postgresql", url: "" },
      adapterFactory: database.adapterFactory,
    });
    expect(status.pending).toEqual([]);
    expect(status.applied).toBeGreaterThan(0);
  });

  it("round-trips a row in every table", async () => {
    for (const [model, fixture] of Object.entries(FIXTURES)) {
      const created = (await fixture.create(database.prisma)) as Record<string, unknown>;
      const read = (await fixture.read(database.prisma)) as Record<string, unknown>;
      for (const [key, value] of Object.entries(created)) {
        expect(read[key], `${model}.${key}`).toEqual(value);
      }
    }
  });
});

describe.each(kinds)("a %s database cached before tenant scoping", (kind: TestDatabaseKind) => {
  const TENANT_SCOPING = "20261205211700_tenant_scoped_cache";
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind, TENANT_SCOPING);
  });
  afterAll(async () => {
    await database?.close();
  });

  it("keeps every row, parents and children, and gives them to the configured tenant", async () => {
    const sql = (text: string) => database.prisma.$executeRawUnsafe(text);
    await sql(`INSERT INTO "Alert" (id, title, severity, status, priority, "alertCreationTime", "lastUpdateTime")
               VALUES ('da1', 'Old alert', 'High', 'New', 'High', now(), now())`);
    await sql(`INSERT INTO "AlertEvidence" ("alertId", ordinal, "entityType") VALUES ('da1', 0, 'File')`);
    await sql(`INSERT INTO "MachineAction" (id, type, status, "machineId", "creationDateTimeUtc")
               VALUES ('ma1', 'Isolate', 'Succeeded', 'm1', now())`);
    await sql(`INSERT INTO "ActionRequest" (id, "idempotencyKey", "deviceId", type, comment, state, "requestedById",
               "requestedByName", "machineActionId", "updatedAt") VALUES ('r1', 'k1', 'dev-1', 'Isolate', 'c', 'Sent',
               'oid-1', 'Ana', 'ma1', now())`);
    await sql(`INSERT INTO "RemediationRequest" (id, "recommendationId", "recommendationName", owner, "dueOn",
               "baselineExposed", "createdById", "createdByName") VALUES ('rr1', 'rec', 'Update', 'IT', now(), 3, 'o', 'O')`);
    await sql(
      `INSERT INTO "RemediationProgress" ("requestId", day, "exposedDevices", time) VALUES ('rr1', now(), 2, now())`,
    );
    await sql(`INSERT INTO "SyncState" (entity, watermark) VALUES ('alerts', now())`);

    await deployMigrations({
      location: kind === "pglite" ? { kind: "pglite-memory" } : { kind: "postgresql", url: database.url! },
      adapterFactory: database.adapterFactory,
    });
    expect(await database.prisma.alert.count({ where: { tenantId: "" } })).toBe(1);
    // Children follow their parent's tenant through the composite foreign keys (ON UPDATE CASCADE), uncounted.
    expect(await claimUntenantedRows(database.prisma, "tenant-a")).toBeGreaterThan(0);
    expect(await claimUntenantedRows(database.prisma, "tenant-b")).toBe(0);

    const byTenant = (tenantId: string) => ({ tenantId });
    const alert = await database.prisma.alert.findUniqueOrThrow({
      where: { tenantId_id: { tenantId: "tenant-a", id: "da1" } },
      include: { evidence: true },
    });
    expect(alert.evidence.map((e) => [e.tenantId, e.entityType])).toEqual([["tenant-a", "File"]]);
    const request = await database.prisma.actionRequest.findFirstOrThrow({
      where: byTenant("tenant-a"),
      include: { machineAction: true },
    });
    expect(request.machineAction?.status).toBe("Succeeded");
    const remediation = await database.prisma.remediationRequest.findFirstOrThrow({
      where: byTenant("tenant-a"),
      include: { samples: true },
    });
    expect(remediation.samples.map((s) => s.exposedDevices)).toEqual([2]);
    expect(await database.prisma.syncState.count({ where: byTenant("tenant-a") })).toBe(1);
    for (const table of TENANT_TABLES) {
      const [left] = await database.prisma.$queryRawUnsafe<{ n: number }[]>(
        `SELECT COUNT(*)::int AS n FROM "${table}" WHERE "tenantId" <> 'tenant-a'`,
      );
      expect(left.n, table).toBe(0);
    }
  });
});
