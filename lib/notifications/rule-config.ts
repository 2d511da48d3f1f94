import { randomUUID } from "node:crypto";
import { withAudit } from "../audit";
import type { AuditContext } from "../auth/actor";
import { db, Prisma } from "../db";
import { cacheTenantId } from "../cache/tenant";
import { AppError, NotFound } from "../http/errors";
import { testChannel } from "./channel-config";
import { withUniqueName } from "./unique-name";
import {
  RuleFilter,
  type Digest,
  type NotificationEventType,
  type QuietHours,
  type RuleInput,
  type RuleView,
} from "./schemas";

// Rules (Managers and Admins): which events go to which channels, how often, and when not.

type RuleRow = Awaited<ReturnType<ReturnType<typeof db>["notificationRule"]["findFirstOrThrow"]>>;

function toView(r: RuleRow): RuleView {
  return {
    id: r.id,
    name: r.name,
    enabled: r.enabled,
    eventType: r.eventType as NotificationEventType,
    filter: RuleFilter.parse(r.filter ?? {}),
    channelIds: r.channelIds,
    digest: r.digest as Digest,
    quietHours: (r.quietHours as QuietHours | null) ?? null,
    timeZone: r.timeZone,
    updatedAt: r.updatedAt.toISOString(),
    updatedBy: r.updatedBy,
  };
}

const tenant = () => cacheTenantId();

async function assertChannelsExist(tx: Prisma.TransactionClient, ids: string[]): Promise<void> {
  const found = await tx.notificationChannel.findMany({
    where: { tenantId: tenant(), id: { in: ids } },
    select: { id: true },
  });
  const missing = ids.filter((id) => !found.some((f) => f.id === id));
  if (missing.length)
    throw new AppError(400, "bad_request", `No channel ${missing.join(", ")}.`, {
      issues: [{ path: "channelIds", message: `unknown channel ${missing.join(", ")}` }],
    });
}

function data(input: RuleInput, by: string) {
  return {
    ...input,
    filter: input.filter as Prisma.InputJsonValue,
    quietHours: input.quietHours ?? Prisma.DbNull,
    updatedBy: by,
  };
}

const auditParams = (r: RuleInput) => ({
  name: r.name,
  eventType: r.eventType,
  enabled: r.enabled,
  channels: r.channelIds.length,
  digest: r.digest,
});

export async function listRules(): Promise<RuleView[]> {
  const rows = await db().notificationRule.findMany({ where: { tenantId: tenant() }, orderBy: { name: "asc" } });
  return rows.map(toView);
}

export async function createRule(ctx: AuditContext, input: RuleInput): Promise<RuleView> {
  return withUniqueName("rule", input.name, () =>
    withAudit(ctx, { action: "notifications.rule.create", targetType: "notificationRule" }, async (tx) => {
      await assertChannelsExist(tx, input.channelIds);
      const row = await tx.notificationRule.create({
        data: { tenantId: tenant(), id: randomUUID(), ...data(input, ctx.actor.name) },
      });
      return { result: toView(row), targetId: row.id, params: auditParams(input) };
    }),
  );
}

export async function updateRule(ctx: AuditContext, id: string, input: RuleInput): Promise<RuleView> {
  const where = { tenantId_id: { tenantId: tenant(), id } };
  return withUniqueName("rule", input.name, () =>
    withAudit(
      ctx,
      { action: "notifications.rule.update", targetType: "notificationRule", targetId: id },
      async (tx) => {
        if (!(await tx.notificationRule.findUnique({ where })))
          throw new NotFound(`Notification rule ${id} does not exist.`);
        await assertChannelsExist(tx, input.channelIds);
        const row = await tx.notificationRule.update({ where, data: data(input, ctx.actor.name) });
        return { result: toView(row), params: auditParams(input) };
      },
    ),
  );
}

export async function deleteRule(ctx: AuditContext, id: string): Promise<{ deleted: true }> {
  const where = { tenantId_id: { tenantId: tenant(), id } };
  return withAudit(
    ctx,
    { action: "notifications.rule.delete", targetType: "notificationRule", targetId: id },
    async (tx) => {
      const row = await tx.notificationRule.findUnique({ where });
      if (!row) throw new NotFound(`Notification rule ${id} does not exist.`);
      await tx.notificationRule.delete({ where });
      return { result: { deleted: true as const }, params: { name: row.name, eventType: row.eventType } };
    },
  );
}

/**
 * A rule's test-send: a test message through each of its channels now (each recorded as that channel's test), so a
 * Manager sees whether the people the rule writes to would hear. Answers which channels took it and why others did
 * not.
 */
export async function testRule(
  ctx: AuditContext,
  id: string,
): Promise<{ sent: string[]; failed: { channel: string; error: string }[] }> {
  const rule = await db().notificationRule.findUnique({ where: { tenantId_id: { tenantId: tenant(), id } } });
  if (!rule) throw new NotFound(`Notification rule ${id} does not exist.`);
  const sent: string[] = [];
  const failed: { channel: string; error: string }[] = [];
  for (const channelId of rule.channelIds) {
    try {
      sent.push((await testChannel(ctx, channelId, rule.name)).channel);
    } catch (err) {
      failed.push({ channel: channelId, error: err instanceof Error ? err.message : String(err) });
    }
  }
  if (!sent.length && failed.length) throw new AppError(422, "delivery_failed", failed.map((f) => f.error).join(" "));
  return { sent, failed };
}
