import type { AuditContext } from "../auth/actor";
import type { AuditAction } from "../audit";
import { recordAudit } from "../audit";
import { db } from "../db";
import { AppError } from "../http/errors";
import { logger } from "../log";
import { requestAction, sendToDefender } from "./mutations";
import type { ActionRequestInput, BulkIsolateInput, BulkScanInput, BulkScanItem, BulkScanResult } from "./schemas";

// One action on many devices (a scan, an isolation). Each device gets its own request through the single-device
// path (idempotency key = the batch key + device id, so a resubmitted batch creates nothing twice; the same
// per-device lock and pending check; four-eyes approval when it applies to the action), recorded and audited at
// once as Queued — or AwaitingApproval, when a second person must approve it; a background drain then sends the
// queued ones one by one through the pacer, under Defender's per-minute limit. Per-device results are the requests
// themselves: the action center shows them (filter batch=<key>) as they move from Queued to Succeeded.

export function bulkScan(ctx: AuditContext, input: BulkScanInput): Promise<BulkScanResult> {
  return bulkRequest(ctx, input, { type: "RunAntiVirusScan", scope: input.scanType }, "action.bulk_scan", {
    scanType: input.scanType,
  });
}

export function bulkIsolate(ctx: AuditContext, input: BulkIsolateInput): Promise<BulkScanResult> {
  return bulkRequest(ctx, input, { type: "Isolate", scope: input.isolationType }, "action.bulk_isolate", {
    isolationType: input.isolationType,
  });
}

type PerDevice =
  { type: "RunAntiVirusScan"; scope: "Quick" | "Full" } | { type: "Isolate"; scope: "Full" | "Selective" };

async function bulkRequest(
  ctx: AuditContext,
  input: { deviceIds: string[]; comment: string; idempotencyKey: string },
  action: PerDevice,
  audit: AuditAction,
  auditParams: Record<string, unknown>,
): Promise<BulkScanResult> {
  const deviceIds = [...new Set(input.deviceIds)];
  const names = new Map(
    (await db().device.findMany({ where: { id: { in: deviceIds } }, select: { id: true, name: true } })).map((d) => [
      d.id,
      d.name,
    ]),
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
      const request: ActionRequestInput = {
        ...action,
        comment: input.comment,
        idempotencyKey: `${input.idempotencyKey}:${deviceId}`,
      };
      const { action: made, replayed } = await requestAction(ctx, deviceId, request, { queued: true });
      const awaiting = made.status === "AwaitingApproval";
      items.push({
        deviceId,
        deviceName: names.get(deviceId)!,
        result: awaiting ? "awaiting_approval" : "queued",
        actionId: made.id,
        message: replayed ? "already requested by this batch" : null,
      });
      if (!replayed && made.status === "Queued") toSend.push(made.id);
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
  const awaitingApproval = items.filter((i) => i.result === "awaiting_approval").length;
  await db().$transaction((tx) =>
    recordAudit(
      tx,
      ctx,
      {
        action: audit,
        targetType: "batch",
        targetId: input.idempotencyKey,
        params: { ...auditParams, comment: input.comment, devices: deviceIds.length, queued, awaitingApproval },
      },
      "success",
    ),
  );
  void drain(ctx, toSend);
  return {
    batch: input.idempotencyKey,
    queued,
    awaitingApproval,
    refused: items.length - queued - awaitingApproval,
    items,
  };
}

/** Sends queued requests in order, each once; a failure is stored on its request (SendFailed) and the rest go on. */
async function drain(ctx: AuditContext, requestIds: string[]): Promise<void> {
  for (const id of requestIds) {
    try {
      const claimed = await db().actionRequest.updateMany({
        where: { id, state: "Queued" },
        data: { state: "Sending" },
      });
      if (claimed.count === 0) continue;
      await sendToDefender(ctx, await db().actionRequest.findUniqueOrThrow({ where: { id } }));
    } catch (error) {
      logger.warn("bulk action: one device's action was not sent", {
        requestId: ctx.requestId,
        actionRequestId: id,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
