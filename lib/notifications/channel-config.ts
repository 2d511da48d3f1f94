import { randomUUID } from "node:crypto";
import { withAudit } from "../audit";
import type { AuditContext } from "../auth/actor";
import { db } from "../db";
import { cacheTenantId } from "../cache/tenant";
import { AppError, Conflict, NotFound } from "../http/errors";
import { withUniqueName } from "./unique-name";
import { maskUrl, sendThrough, DeliveryError, type ChannelRecord } from "./channels";
import { buildMessage } from "./message";
import type { ChannelInput, ChannelKind, ChannelView } from "./schemas";
import { newWebhookSecret } from "./signature";
import { checkTargetUrl, TargetRefused } from "./target-guard";

// Channels (Admins): saved only once their URL passes the network guard; a webhook's signing key is made here,
// answered once, and never read back.

type ChannelRow = Awaited<ReturnType<ReturnType<typeof db>["notificationChannel"]["findFirstOrThrow"]>>;

function toView(c: ChannelRow): ChannelView {
  return {
    id: c.id,
    name: c.name,
    kind: c.kind as ChannelKind,
    // A Teams or webhook URL may carry its own credential (Teams' sig=…): only its host is shown.
    target: c.kind === "email" ? c.target : maskUrl(c.target),
    enabled: c.enabled,
    updatedAt: c.updatedAt.toISOString(),
    updatedBy: c.updatedBy,
  };
}

async function checkInput(input: ChannelInput): Promise<void> {
  if (input.kind === "email") return;
  try {
    await checkTargetUrl(input.target);
  } catch (err) {
    if (err instanceof TargetRefused)
      throw new AppError(400, "bad_request", err.message, { issues: [{ path: "target", message: err.message }] });
    throw err;
  }
}

export async function listChannels(): Promise<ChannelView[]> {
  const rows = await db().notificationChannel.findMany({
    where: { tenantId: cacheTenantId() },
    orderBy: { name: "asc" },
  });
  return rows.map(toView);
}

/** Creates a channel; a webhook's signing key is in this answer and nowhere else afterwards. */
export async function createChannel(
  ctx: AuditContext,
  input: ChannelInput,
): Promise<ChannelView & { secret?: string }> {
  await checkInput(input);
  const secret = input.kind === "webhook" ? newWebhookSecret() : null;
  return withUniqueName("channel", input.name, () =>
    withAudit(ctx, { action: "notifications.channel.create", targetType: "notificationChannel" }, async (tx) => {
      const row = await tx.notificationChannel.create({
        data: { tenantId: cacheTenantId(), id: randomUUID(), ...input, secret, updatedBy: ctx.actor.name },
      });
      return {
        result: { ...toView(row), ...(secret ? { secret } : {}) },
        targetId: row.id,
        params: { name: row.name, kind: row.kind },
      };
    }),
  );
}

export async function updateChannel(ctx: AuditContext, id: string, input: ChannelInput): Promise<ChannelView> {
  await checkInput(input);
  const where = { tenantId_id: { tenantId: cacheTenantId(), id } };
  return withUniqueName("channel", input.name, () =>
    withAudit(
      ctx,
      { action: "notifications.channel.update", targetType: "notificationChannel", targetId: id },
      async (tx) => {
        const before = await tx.notificationChannel.findUnique({ where });
        if (!before) throw new NotFound(`Notification channel ${id} does not exist.`);
        if (before.kind !== input.kind)
          throw new AppError(400, "bad_request", "A channel's kind cannot change; create a new channel instead.", {
            issues: [{ path: "kind", message: `stays ${before.kind}` }],
          });
        const row = await tx.notificationChannel.update({ where, data: { ...input, updatedBy: ctx.actor.name } });
        return { result: toView(row), params: { name: row.name, kind: row.kind, enabled: row.enabled } };
      },
    ),
  );
}

export async function deleteChannel(ctx: AuditContext, id: string): Promise<{ deleted: true }> {
  const where = { tenantId_id: { tenantId: cacheTenantId(), id } };
  return withAudit(
    ctx,
    { action: "notifications.channel.delete", targetType: "notificationChannel", targetId: id },
    async (tx) => {
      const row = await tx.notificationChannel.findUnique({ where });
      if (!row) throw new NotFound(`Notification channel ${id} does not exist.`);
      const rules = await tx.notificationRule.findMany({
        where: { tenantId: cacheTenantId(), channelIds: { has: id } },
        select: { name: true },
      });
      if (rules.length)
        throw new Conflict(
          `Rules still send to this channel: ${rules.map((r) => `“${r.name}”`).join(", ")}. Remove it from them first.`,
        );
      await tx.notificationChannel.delete({ where });
      return { result: { deleted: true as const }, params: { name: row.name, kind: row.kind } };
    },
  );
}

/**
 * Sends a test message now, bypassing the outbox (the person is waiting for the answer), and names what went wrong:
 * an unreachable SMTP server, a refused or unreachable URL, a receiver's error status.
 */
export async function testChannel(
  ctx: AuditContext,
  id: string,
  /** A rule's test-send: the rule the message is sent for (named in it). */
  forRule?: string,
): Promise<{ sent: true; channel: string }> {
  const row = await db().notificationChannel.findUnique({ where: { tenantId_id: { tenantId: cacheTenantId(), id } } });
  if (!row) throw new NotFound(`Notification channel ${id} does not exist.`);
  const channel: ChannelRecord = row;
  const message = buildMessage(`test:${randomUUID()}`, [
    {
      id: `test-${randomUUID()}`,
      type: "test",
      occurredAt: new Date(),
      payload: {
        title: forRule
          ? `Test message from the SOC console (rule “${forRule}”, ${row.name})`
          : `Test message from the SOC console (${row.name})`,
        summary: `${ctx.actor.name} sent this to check the channel. Nothing needs doing.`,
        path: forRule ? "/notifications" : "/settings#notifications",
      },
    },
  ]);
  const audit = {
    action: "notifications.channel.test" as const,
    targetType: "notificationChannel",
    targetId: id,
    params: { name: row.name, kind: row.kind },
  };
  try {
    if (row.kind !== "email") await checkTargetUrl(row.target);
    await sendThrough(channel, message);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    // 422: the request was fine, the channel's configuration or its receiver is not; the route records the failure.
    throw new AppError(
      422,
      err instanceof DeliveryError || err instanceof TargetRefused ? "delivery_failed" : "error",
      `The test message was not delivered: ${reason}`,
    );
  }
  return withAudit(ctx, audit, async () => ({ result: { sent: true as const, channel: row.name } }));
}
