import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor, AuditContext } from "../auth/actor";
import { permissionsOf } from "../auth/permissions";
import { getDatabase } from "../db";
import { openDatabase } from "../db/open";
import { availableTestDatabases, createTestDatabase, type TestDatabase } from "../db/testing";
import { DEFAULT_PRIORITY_RULES, DEFAULT_SLA_MINUTES } from "../cache/alert-priority";
import type { SourceAlert } from "../cache/source-types";
import { syncAlerts } from "../sync/jobs/alerts";
import type { JobContext } from "../sync/types";
import type { SyncSources } from "../sync/source-types";
import {
  claimDue,
  createChannel,
  createRule,
  listDeliveryLog,
  recordNotificationEvent,
  recordApprovalRequestedEvent,
  resetSmtpTransport,
  routeEvents,
  runNotificationPass,
  sweepTimedEvents,
} from ".";
import { cacheTenantId } from "../cache/tenant";
import { RuleInput } from "./schemas";
import { setTestEnv } from "../config/env";
import { startSmtpCatcher, startWebhookReceiver } from "./testing";

// Real receivers: an SMTP server on a port in this process and an HTTP receiver that verifies the signature. The
// configuration is read once per process, so the catcher's port is set before anything reads it.
const smtp = await startSmtpCatcher();
const restoreEnv = setTestEnv({
  SMTP_HOST: "127.0.0.1",
  SMTP_PORT: String(smtp.port),
  SMTP_SECURITY: "none",
  NOTIFY_ALLOW_PRIVATE_TARGETS: "true",
  CONSOLE_URL: "https://soc.contoso.example",
});

const kinds = await availableTestDatabases();
const admin: Actor = {
  type: "user",
  id: "oid-admin",
  name: "ada@contoso.example",
  roles: ["Admin"],
  permissions: permissionsOf(["Admin"]),
};
const ctx: AuditContext = { actor: admin, requestId: "req-notify", ip: null };

let secret: string | undefined;
const hook = await startWebhookReceiver(() => secret);

afterAll(async () => {
  // The process may run other test files next: give them the environment they started with.
  restoreEnv();
  resetSmtpTransport();
  await hook.close();
  await smtp.close();
});

function highAlert(id: string, severity = "High"): SourceAlert {
  const now = new Date().toISOString();
  return {
    id,
    title: `Suspicious PowerShell ${id}`,
    severity,
    status: "New",
    category: "Execution",
    detectionSource: "WindowsDefenderAtp",
    computerDnsName: "ws-042.contoso.example",
    rbacGroupName: "Finance",
    mitreTechniques: ["T1059.001"],
    alertCreationTime: now,
    lastUpdateTime: now,
    evidence: [],
  } as unknown as SourceAlert;
}

/** One sync pass of the alerts job over these alerts, as the scheduler runs it. */
async function syncThese(database: TestDatabase, alerts: SourceAlert[]): Promise<void> {
  const sources = {
    async *alertPages() {
      yield { items: alerts, skipped: [] };
    },
  } as unknown as SyncSources;
  const jobCtx: JobContext = {
    db: database.prisma,
    sources,
    mode: "incremental",
    watermark: null,
    lastSuccessAt: null,
    runStartedAt: new Date(),
    overlapMs: 0,
    rules: DEFAULT_PRIORITY_RULES,
    sla: DEFAULT_SLA_MINUTES,
    heartbeat: async () => {},
  };
  await syncAlerts(jobCtx);
}

async function drain(database: TestDatabase, owner: string, opts: { backoffBaseMs?: number } = {}) {
  let sent = 0;
  for (let i = 0; i < 20; i++) {
    const pass = await runNotificationPass(database.prisma, { owner, ...opts });
    sent += pass.sent;
    if (pass.routed === 0 && pass.claimed === 0) break;
  }
  return sent;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(kinds)("notifications on %s", (kind) => {
  let database: TestDatabase;
  let emailId: string;
  let webhookId: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    getDatabase.replaceForTests(database);
    const email = await createChannel(ctx, {
      kind: "email",
      name: "SOC mailbox",
      target: "soc@contoso.example",
      enabled: true,
    });
    const webhook = await createChannel(ctx, { kind: "webhook", name: "SOAR", target: hook.url, enabled: true });
    secret = webhook.secret;
    emailId = email.id;
    webhookId = webhook.id;
    await createRule(ctx, {
      name: "High alerts",
      enabled: true,
      eventType: "alert.created",
      filter: {
        priorities: [],
        severities: ["High"],
        categories: [],
        deviceGroups: [],
        detectionSources: [],
        toApprovers: false,
      },
      channelIds: [emailId, webhookId],
      digest: "immediate",
      quietHours: null,
      timeZone: "UTC",
    });
  });
  afterAll(async () => {
    getDatabase.replaceForTests(undefined);
    await database?.close();
  });
  beforeEach(() => {
    smtp.messages.length = 0;
    hook.received.length = 0;
    hook.state.failNext = 0;
  });

  it("a High alert arriving through the sync produces exactly one e-mail and one signed webhook", async () => {
    const id = `da-${kind}-high`;
    // The same alert read twice (the sync's overlap re-reads it) and a Low one that no rule wants.
    await syncThese(database, [highAlert(id), highAlert(`da-${kind}-low`, "Low")]);
    await syncThese(database, [highAlert(id)]);
    expect(await drain(database, "worker-a")).toBe(2);
    expect(await drain(database, "worker-a")).toBe(0);

    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0].to).toEqual(["soc@contoso.example"]);
    expect(smtp.messages[0].subject).toContain(`Suspicious PowerShell ${id}`);
    expect(smtp.messages[0].raw).toContain(`https://soc.contoso.example/alerts/${id}`);
    expect(hook.received).toHaveLength(1);
    expect(hook.received[0].signatureValid).toBe(true);
    expect(hook.received[0].body.events[0].url).toBe(`https://soc.contoso.example/alerts/${id}`);
    // The message carries no credential: neither the signing key nor the SMTP settings.
    expect(JSON.stringify(hook.received[0].body)).not.toContain(secret!);
    const log = await listDeliveryLog({ limit: 10 });
    expect(log.filter((l) => l.eventId === hook.received[0].body.events[0].eventId).map((l) => l.outcome)).toEqual([
      "sent",
      "sent",
    ]);
  });

  it("an event whose transaction rolls back is never sent", async () => {
    await database.prisma
      .$transaction(async (tx) => {
        await recordNotificationEvent(tx, {
          type: "alert.created",
          dedupeKey: `alert.created:rolled-back-${kind}`,
          payload: { title: "never", summary: "", path: "/alerts/x", severity: "High" },
        });
        throw new Error("the change failed");
      })
      .catch(() => {});
    expect(await drain(database, "worker-a")).toBe(0);
    expect(hook.received).toHaveLength(0);
  });

  it("a worker stopped after claiming is taken over when its lease ends, and each message goes out once", async () => {
    await syncThese(database, [highAlert(`da-${kind}-crash`)]);
    await routeEvents(database.prisma);
    // Worker A claims both deliveries, then stops (killed between the claim and the send).
    const claimedByA = await claimDue(database.prisma, "worker-a", { leaseMs: 300 });
    expect(claimedByA).toHaveLength(2);
    // While A's lease runs, B finds nothing to do.
    expect((await runNotificationPass(database.prisma, { owner: "worker-b" })).claimed).toBe(0);
    await sleep(400);
    expect(await drain(database, "worker-b")).toBe(2);
    expect(await drain(database, "worker-b")).toBe(0);
    expect(smtp.messages).toHaveLength(1);
    expect(hook.received).toHaveLength(1);
    expect(hook.received[0].signatureValid).toBe(true);
  });

  it("a failing receiver (500, then 200) is retried with backoff and shows in the delivery log", async () => {
    hook.state.failNext = 1;
    await syncThese(database, [highAlert(`da-${kind}-flaky`)]);
    const first = await runNotificationPass(database.prisma, { owner: "worker-a", backoffBaseMs: 500 });
    expect(first.claimed).toBe(2);
    expect(first.sent).toBe(1); // the e-mail; the webhook got a 500
    const [retry] = await listDeliveryLog({ limit: 1, outcome: "retrying" });
    expect(retry.error).toContain("HTTP 500");
    expect(retry.channelName).toBe("SOAR");
    const waitMs = Date.parse(retry.nextAttemptAt!) - Date.parse(retry.at);
    expect(waitMs).toBeGreaterThanOrEqual(350);
    // Not due yet: nothing is claimed before the backoff ends.
    expect((await runNotificationPass(database.prisma, { owner: "worker-a" })).claimed).toBe(0);
    await sleep(waitMs + 100);
    expect(await drain(database, "worker-a")).toBe(1);
    expect(hook.received).toHaveLength(1);
    expect(hook.state.failures).toBeGreaterThanOrEqual(1);
    const log = await listDeliveryLog({ limit: 50 });
    const forWebhook = log.filter((l) => l.eventId === retry.eventId && l.channelId === webhookId);
    expect(forWebhook.map((l) => [l.attempt, l.outcome])).toEqual([
      [2, "sent"],
      [1, "retrying"],
    ]);
  });

  it("two console instances on one database deliver each event once", async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `da-${kind}-burst-${i}`);
    await syncThese(
      database,
      ids.map((id) => highAlert(id)),
    );
    // A second instance: its own connection pool to the same database (PGlite has one connection: the same one).
    const second = kind === "postgresql" ? openDatabase({ kind: "postgresql", url: database.url! }) : null;
    const other = second ? { ...database, prisma: second.prisma } : database;
    try {
      const [a, b] = await Promise.all([drain(database, "instance-1"), drain(other, "instance-2")]);
      expect(a + b).toBe(60);
    } finally {
      await second?.close();
    }
    const hookIds = hook.received.map((r) => r.body.events[0].eventId);
    expect(hookIds).toHaveLength(30);
    expect(new Set(hookIds).size).toBe(30);
    expect(smtp.messages).toHaveLength(30);
    expect(new Set(smtp.messages.map((m) => m.messageId)).size).toBe(30);
  });

  it("an SLA breach and a sync failing longer than the rule's minutes each notify once", async () => {
    await createRule(ctx, RuleInput.parse({ name: "Breaches", eventType: "sla.breached", channelIds: [webhookId] }));
    await createRule(
      ctx,
      RuleInput.parse({
        name: "Sync down 30 min",
        eventType: "sync.failing",
        filter: { syncFailingMinutes: 30 },
        channelIds: [webhookId],
      }),
    );
    const id = `da-${kind}-late`;
    await syncThese(database, [highAlert(id)]);
    await drain(database, "worker-a");
    hook.received.length = 0;
    smtp.messages.length = 0;
    const now = Date.now();
    await database.prisma.alert.update({
      where: { tenantId_id: { tenantId: cacheTenantId(), id } },
      data: { slaDueAt: new Date(now - 10 * 60_000) },
    });
    await database.prisma.syncState.create({
      data: {
        tenantId: cacheTenantId(),
        entity: "incidents",
        lastError: "Defender answered HTTP 503",
        lastSuccessAt: new Date(now - 45 * 60_000),
      },
    });
    expect(await sweepTimedEvents(database.prisma)).toBe(2);
    expect(await sweepTimedEvents(database.prisma)).toBe(0);
    expect(await drain(database, "worker-a")).toBe(2);
    expect(hook.received.map((r) => r.body.events[0].title).sort()).toEqual([
      `Alert breached its SLA: Suspicious PowerShell ${id}`,
      "Sync of incidents has been failing for 45 minutes",
    ]);
    expect(smtp.messages).toHaveLength(0);
  });

  it("an approval request e-mails the channel and, when the rule says so, the people who may approve", async () => {
    await database.prisma.user.create({
      data: { id: `oid-mgr-${kind}`, upn: "mia.manager@contoso.example", name: "Mia Manager", roles: ["Manager"] },
    });
    await createRule(
      ctx,
      RuleInput.parse({
        name: "Approvals",
        eventType: "approval.requested",
        filter: { toApprovers: true },
        channelIds: [emailId],
      }),
    );
    await database.prisma.$transaction((tx) =>
      recordApprovalRequestedEvent(tx, {
        id: `req-${kind}`,
        type: "Isolate",
        deviceId: "dev-1",
        deviceName: "ws-042",
        requestedByName: "Rae Responder",
        requestedById: `oid-rae-${kind}`,
      }),
    );
    expect(await drain(database, "worker-a")).toBe(1);
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0].to.sort()).toEqual(["mia.manager@contoso.example", "soc@contoso.example"]);
    expect(smtp.messages[0].subject).toContain("Approval needed");
  });
});
