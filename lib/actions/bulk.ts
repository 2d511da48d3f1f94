import type { AuditContext } from "../auth/actor";
import { recordAudit } from "../audit";
import { db } from "../db";
import { tenantKey, tenantScope } from "../cache/tenant";
import { AppError } from "../http/errors";
import { logger } from "../log";
import { requestAction, sendToDefender } from "./mutations";
import type { BulkScanInput, BulkScanItem, BulkScanResult } from "./schemas";

// A scan on many devices. Each device gets its own request (idempotency key = the batch key + device id, so a
// resubmitted batch creates nothing twice), recorded and audited at once as Queued; a background drain then
// sends them one by one through the pacer, under Defender's per-minute limit. Per-device results are the
// requests themselves: the action center shows them (filter batch=<key>) as they move from Queued to Succeeded.

export async function bulkScan(ctx: AuditContext, input: BulkScanInput): Promise<BulkScanResult> {
  const deviceIds = [...new Set(input.deviceIds)];
  const names = new Map(
    (
      await db().device.findMany({
        where: { ...tenantScope(), id: { in: deviceIds } },
        select: { id: true, name: true },
      })
    ).map((d) => [d.id, d.name]),
  );
  const items: BulkScanItem[] = [];
  const toSend: string[] = [];
  for (const deviceId of deviceIds) {
    if (!names.has(deviceId)) {
      items.push({
        deviceId,
        deviceName: null,
        result: "not_found",
        actionId: null,
        message: "not in the console's cache",
      });
      continue;
    }
    try {
      const { action, replayed } = await requestAction(
        ctx,
        deviceId,
        {
          type: "RunAntiVirusScan",
          scope: input.scanType,
          comment: input.comment,
          idempotencyKey: `${input.idempotencyKey}:${deviceId}`,
        },
        { queued: true },
      );
      items.push({
        deviceId,
        deviceName: names.get(deviceId)!,
        result: "queued",
        actionId: action.id,
        message: replayed ? "already requested by this batch" : null,
      });
      if (!replayed) toSend.push(action.id);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      items.push({
        deviceId,
        deviceName: names.get(deviceId)!,
        result: "refused",
        actionId: null,
        message: err.message,
      });
    }
  }
  const queued = items.filter((i) => i.result === "queued").length;
  await db().$transaction((tx) =>
    recordAudit(
      tx,
      ctx,
      {
        action: "action.bulk_scan",
        targetType: "batch",
        targetId: input.idempotencyKey,
        params: { scanType: input.scanType, comment: input.comment, devices: deviceIds.length, queued },
      },
      "success",
    ),
  );
  void drain(ctx, toSend);
  return { batch: input.idempotencyKey, queued, refused: items.length - queued, items };
}

/** Sends queued requests in order, each once; a failure is stored on its request (SendFailed) and the rest go on. */
async function drain(ctx: AuditContext, requestIds: string[]): Promise<void> {
  for (const id of requestIds) {
    try {
      const claimed = await db().actionRequest.updateMany({
        where: { ...tenantScope(), id, state: "Queued" },
        data: { state: "Sending" },
      });
      if (claimed.count === 0) continue;
      await sendToDefender(ctx, await db().actionRequest.findUniqueOrThrow({ where: tenantKey(id) }));
    } catch (error) {
      logger.warn("bulk scan: one device's scan was not sent", {
        requestId: ctx.requestId,
        actionRequestId: id,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
