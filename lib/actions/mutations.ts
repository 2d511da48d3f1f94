import type { AuditContext } from "../auth/actor";
import { recordAudit, withAudit, withExternalChange, type AuditEntry } from "../audit";
import { db, Prisma } from "../db";
import { isUniqueViolation } from "../db/unique-violation";
import {
  describeLiveResponseRefusal,
  isAlreadyInProgress,
  type ResponseAction,
  type ResponseActionBody,
} from "../defender";
import { describeFailedRead, describeProviderError, ProviderError } from "../microsoft";
import { logger } from "../log";
import { formatUtc } from "../time";
import { AppError, Conflict, Forbidden, NotFound } from "../http/errors";
import { writeMachineAction } from "../cache/machine-actions";
import { tenantKey, tenantScope } from "../cache/tenant";
import { recordApprovalRequestedEvent, recordSendFailedEvent } from "../notifications";
import { actionPacer } from "../budgets";
import { linkTaskToAction } from "../runbooks";
import { statusReads, type ReadPlan } from "./status-reads";
import { getAction } from "./queries";
import { getActionSettings } from "./settings";
import {
  ACTION_CONFLICTS,
  ACTION_LABELS,
  APPROVAL_TYPES,
  awaitsOutput,
  canCancel,
  supportsAction,
  type ActionRequestInput,
  type ActionType,
  type ActionView,
  type LiveResponseRequestInput,
  type RequestType,
} from "./schemas";
import { collectLiveResponseOutput, liveResponseBody } from "./live-response";
import { actionWriter, liveResponseWriter, type MachineAction } from "./writer";

// Response actions, exactly once. Two transactions around the Defender call (docs/conventions.md): the request is
// recorded and audited first, under a per-device lock that refuses a second contending action; then Defender is
// called once (never retried after a 5xx or timeout); then its answer is stored and audited. A double click or
// a retried request carries the same idempotency key and gets the first request back; a second tab or responder
// meets the pending check; whatever slips past both meets Defender's own "already in progress".

const PATH: Record<ActionType, ResponseAction> = {
  Isolate: "isolate",
  Unisolate: "unisolate",
  RunAntiVirusScan: "runAntiVirusScan",
  RestrictCodeExecution: "restrictCodeExecution",
  UnrestrictCodeExecution: "unrestrictCodeExecution",
  CollectInvestigationPackage: "collectInvestigationPackage",
};

/** A single action may wait this long for a free slot under Defender's per-minute limit. */
const SINGLE_MAX_WAIT_MS = 10_000;

type Tx = Prisma.TransactionClient;
type RequestRow = Prisma.ActionRequestGetPayload<object>;

const when = (d: Date) => formatUtc(d);

/** Serialises requests for one device across connections (and instances sharing the database). */
async function lockDevice(tx: Tx, deviceId: string): Promise<void> {
  await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1))::text AS locked`, `device-action:${deviceId}`);
}

/** A contending action already on its way for this device: the console's own, or one Defender reported. */
async function pendingConflict(tx: Tx, deviceId: string, machineId: string, type: RequestType): Promise<string | null> {
  const types = ACTION_CONFLICTS[type];
  const mine = await tx.actionRequest.findFirst({
    where: {
      ...tenantScope(),
      deviceId,
      type: { in: types },
      OR: [
        { state: { in: ["AwaitingApproval", "Queued", "Sending"] } },
        { state: "Sent", machineAction: { status: { in: ["Pending", "InProgress"] } } },
      ],
    },
    orderBy: { createdAt: "desc" },
    include: { machineAction: true },
  });
  if (mine) {
    const status =
      mine.state === "Sent"
        ? (mine.machineAction?.status ?? "Pending")
        : mine.state === "AwaitingApproval"
          ? "awaiting approval"
          : mine.state.toLowerCase();
    if (type === "LiveResponse")
      return `Another live response session is already ${status} on this device (started by ${mine.requestedByName} at ${when(mine.createdAt)}); a device takes one session at a time. Wait for it to finish or cancel it. Nothing new was sent.`;
    return `${ACTION_LABELS[mine.type as ActionType] ?? mine.type} is already ${status} on this device (requested by ${mine.requestedByName} at ${when(mine.createdAt)}). Nothing new was sent; follow or cancel that one.`;
  }
  const theirs = await tx.machineAction.findFirst({
    where: { ...tenantScope(), machineId, type: { in: types }, status: { in: ["Pending", "InProgress"] } },
    orderBy: { creationDateTimeUtc: "desc" },
  });
  if (theirs) {
    return `Defender already has a ${theirs.type} ${theirs.status} on this device (requested by ${theirs.requestor ?? "someone"} at ${when(theirs.creationDateTimeUtc)}). Nothing new was sent.`;
  }
  return null;
}

async function viewOf(id: string): Promise<ActionView> {
  const view = await getAction(id);
  if (!view) throw new NotFound(`Action ${id} is not known.`);
  return view;
}

/** The same key must mean the same action: a key reused for something else is refused, not silently replayed. */
function assertSameRequest(existing: RequestRow, deviceId: string, input: AnyRequestInput): void {
  if (existing.deviceId !== deviceId || existing.type !== input.type) {
    throw new Conflict(
      "This idempotency key was already used for a different action. Open the dialog again to make a new request.",
    );
  }
}

/**
 * An idempotency key is its requester's: someone else presenting it (a bulk batch key read from a URL, a SOAR
 * client's deterministic key) is refused, instead of being handed the first person's request with their own
 * comment and intent silently dropped.
 */
async function assertKeyNotOthers(ctx: AuditContext, idempotencyKey: string): Promise<void> {
  const other = await db().actionRequest.findFirst({
    where: { ...tenantScope(), idempotencyKey, requestedById: { not: ctx.actor.id } },
    select: { id: true },
  });
  if (other)
    throw new Conflict(
      "This idempotency key was already used by someone else. Open the dialog again to make a new request.",
    );
}

export interface RequestedAction {
  action: ActionView;
  /** True when this call replayed an earlier request with the same idempotency key (nothing new happened). */
  replayed: boolean;
}

/** What requestAction takes: a response action, or a live response session (POST /api/devices/[id]/live-response). */
export type AnyRequestInput = ActionRequestInput | LiveResponseRequestInput;

/** POST /api/devices/[id]/actions: one response action on one device. */
export async function requestAction(
  ctx: AuditContext,
  deviceId: string,
  input: AnyRequestInput,
  opts: { queued?: boolean } = {},
): Promise<RequestedAction> {
  const device = await db().device.findUnique({
    where: tenantKey(deviceId),
    select: { id: true, name: true, mdeMachineId: true, inMde: true, platform: true, healthStatus: true },
  });
  if (!device) throw new NotFound(`Device ${deviceId} is not in the console's cache.`);
  const live = input.type === "LiveResponse";
  if (!device.mdeMachineId || !device.inMde) {
    throw new AppError(
      422,
      "not_in_defender",
      `${device.name} is not onboarded to Defender for Endpoint, so Defender cannot act on it.`,
    );
  }
  if (live && device.healthStatus !== null && device.healthStatus !== "Active") {
    // Defender would queue the session until the device reports again, then time it out ("Run live response
    // commands on a device": the device must be online); say so now instead.
    throw new AppError(
      422,
      "device_offline",
      `${device.name} is not reporting to Defender (sensor ${device.healthStatus}); live response needs the device online. Nothing was sent.`,
    );
  }
  if (live ? !supportsAction(device.platform, "RunAntiVirusScan") : !supportsAction(device.platform, input.type)) {
    throw new AppError(
      422,
      "unsupported_action",
      `Defender offers no "${live ? "Live response" : ACTION_LABELS[input.type]}" for ${device.platform} devices.`,
    );
  }
  const ownKey = {
    tenantId_requestedById_idempotencyKey: {
      ...tenantScope(),
      requestedById: ctx.actor.id,
      idempotencyKey: input.idempotencyKey,
    },
  };
  const before = await db().actionRequest.findUnique({ where: ownKey });
  if (!before) await assertKeyNotOthers(ctx, input.idempotencyKey);
  if (before) {
    assertSameRequest(before, deviceId, input);
    return { action: await viewOf(before.id), replayed: true };
  }
  const scope = "scope" in input ? input.scope : null;
  const needsApproval = APPROVAL_TYPES.includes(input.type) && (await getActionSettings()).fourEyes;
  const machineId = device.mdeMachineId;
  let created: RequestRow;
  try {
    const outcome = await db().$transaction(async (tx) => {
      await lockDevice(tx, deviceId);
      const again = await tx.actionRequest.findUnique({ where: ownKey });
      if (again) return { replay: again };
      const conflict = await pendingConflict(tx, deviceId, machineId, input.type);
      if (conflict) throw new Conflict(conflict);
      const row = await tx.actionRequest.create({
        data: {
          ...tenantScope(),
          idempotencyKey: input.idempotencyKey,
          deviceId,
          type: input.type,
          scope,
          comment: input.comment,
          commands: live ? input.commands : undefined,
          runbookTaskId: live ? (input.runbookTaskId ?? null) : null,
          state: needsApproval ? "AwaitingApproval" : opts.queued ? "Queued" : "Sending",
          requestedById: ctx.actor.id,
          requestedByName: ctx.actor.name,
        },
      });
      await recordAudit(
        tx,
        ctx,
        {
          action: needsApproval ? "action.request_approval" : "action.request",
          targetType: "device",
          targetId: deviceId,
          params: {
            type: input.type,
            scope,
            comment: input.comment,
            actionRequestId: row.id,
            ...(live ? { commands: input.commands, runbookTaskId: input.runbookTaskId ?? null } : {}),
          },
        },
        "success",
      );
      if (live && input.runbookTaskId) await linkTaskToAction(tx, input.runbookTaskId, row.id);
      if (needsApproval) await recordApprovalRequestedEvent(tx, { ...row, deviceName: device.name });
      return { created: row };
    });
    if ("replay" in outcome && outcome.replay) {
      assertSameRequest(outcome.replay, deviceId, input);
      return { action: await viewOf(outcome.replay.id), replayed: true };
    }
    created = (outcome as { created: RequestRow }).created;
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // Two identical requests raced past the first look: the other one won; answer with it.
    const winner = await db().actionRequest.findUniqueOrThrow({ where: ownKey });
    assertSameRequest(winner, deviceId, input);
    return { action: await viewOf(winner.id), replayed: true };
  }
  if (needsApproval || opts.queued) return { action: await viewOf(created.id), replayed: false };
  await sendToDefender(ctx, created, { maxWaitMs: SINGLE_MAX_WAIT_MS });
  return { action: await viewOf(created.id), replayed: false };
}

function defenderBody(req: RequestRow, approvedBy?: string | null): ResponseActionBody {
  // Defender records the app as requestor; the comment names the person (and the approver) for its portal.
  const by = approvedBy ? `${req.requestedByName}, approved by ${approvedBy}` : req.requestedByName;
  const body: ResponseActionBody = { Comment: `${req.comment} [${by} via SOC console]`.slice(0, 1000) };
  if (req.type === "Isolate") body.IsolationType = (req.scope as "Full" | "Selective" | null) ?? "Full";
  if (req.type === "RunAntiVirusScan") body.ScanType = (req.scope as "Quick" | "Full" | null) ?? "Quick";
  return body;
}

function defenderFailure(err: unknown, deviceName: string, label: string): Error {
  return describeProviderError(err, {
    what: deviceName,
    act: `${label} request`,
    nothingDone: "Nothing was sent.",
    sentOnce: true,
  });
}

/** Sends a recorded request (state Sending) to Defender once, then stores and audits the answer. */
export async function sendToDefender(
  ctx: AuditContext,
  req: RequestRow,
  opts: { maxWaitMs?: number; approvedBy?: string | null } = {},
): Promise<void> {
  const device = await db().device.findUniqueOrThrow({
    where: tenantKey(req.deviceId),
    select: { name: true, mdeMachineId: true },
  });
  const live = req.type === "LiveResponse";
  const label = live ? "live response" : (ACTION_LABELS[req.type as ActionType] ?? req.type).toLowerCase();
  const audit = (result: "success" | "failure", params: Record<string, unknown>): AuditEntry => ({
    action: "action.send",
    targetType: "device",
    targetId: req.deviceId,
    params: { type: req.type, scope: req.scope, actionRequestId: req.id, result, ...params },
  });
  let sent: MachineAction;
  try {
    await actionPacer().take(opts.maxWaitMs);
    sent = live
      ? await liveResponseWriter().liveResponse(
          device.mdeMachineId!,
          liveResponseBody(req, defenderBody(req, opts.approvedBy)),
        )
      : await actionWriter().request(
          device.mdeMachineId!,
          PATH[req.type as ActionType],
          defenderBody(req, opts.approvedBy),
        );
  } catch (err) {
    let failure = live ? describeLiveResponseRefusal(err, device.name) : defenderFailure(err, device.name, label);
    let pending: MachineAction[] = [];
    if (!live && isAlreadyInProgress(err)) {
      pending = await actionWriter()
        .pending(device.mdeMachineId!)
        .catch(() => []);
      const other =
        pending.find((p) => ACTION_CONFLICTS[req.type as ActionType]?.includes(p.type as ActionType)) ?? pending[0];
      failure = new Conflict(
        other
          ? `Defender already has a ${other.type} ${other.status} on ${device.name} (requested by ${other.requestor ?? "someone"} at ${when(new Date(other.creationDateTimeUtc))}). Nothing new was sent; follow or cancel that one.`
          : `Defender says an action is already in progress on ${device.name}. Nothing new was sent.`,
        other ? { machineActionId: other.id } : undefined,
      );
    }
    await db().$transaction(async (tx) => {
      for (const p of pending) await writeMachineAction(tx, p);
      await tx.actionRequest.update({
        where: tenantKey(req.id),
        data: { state: "SendFailed", error: failure.message.slice(0, 2000) },
      });
      await recordAudit(tx, ctx, audit("failure", {}), "failure", failure.message);
      // An "already in progress" conflict is Defender keeping the first request, not a failure anyone must chase.
      if (!(failure instanceof Conflict))
        await recordSendFailedEvent(tx, { ...req, deviceName: device.name }, failure.message);
    });
    throw failure;
  }
  await db().$transaction(async (tx) => {
    await writeMachineAction(tx, sent);
    await tx.actionRequest.update({
      where: tenantKey(req.id),
      data: { state: "Sent", machineActionId: sent.id, error: null },
    });
    await recordAudit(tx, ctx, audit("success", { machineActionId: sent.id, status: sent.status }), "success");
  });
}

/** Why a status could not be read, for the responder: nothing was sent, so none of defenderFailure's warnings apply. */
function statusUnavailable(err: unknown): string {
  return describeFailedRead(err, { act: "status read", permission: "Machine.Read.All" });
}

/** An action as the console knows it, and why Defender could not be asked about it just now (null: it was, or need not be). */
export interface FollowedAction {
  view: ActionView;
  refreshError: string | null;
}

/**
 * Follows an action: asks Defender for its status when a read is due (status-reads.ts: however many tabs watch
 * it, and within the budget response actions leave), stores it, and re-derives the device's isolation/restriction
 * when it succeeded. A failed read keeps the cached status and says why, so the responder sees that the status
 * shown may be behind (polling goes on).
 */
export async function refreshAction(id: string, opts: { responder: boolean }): Promise<FollowedAction> {
  const view = await viewOf(id);
  if (awaitsOutput(view)) return withOutput(view);
  if (!view.machineActionId || view.final) return { view, refreshError: null };
  const cached = await db().machineAction.findUnique({
    where: tenantKey(view.machineActionId),
    select: { syncedAt: true, creationDateTimeUtc: true },
  });
  // Age counts from Defender's creation: an approved request or a paced bulk scan may have waited long before it.
  let plan: ReadPlan;
  try {
    plan = await statusReads().plan(
      id,
      cached?.creationDateTimeUtc ?? new Date(view.createdAt),
      cached?.syncedAt ?? null,
      {
        responder: opts.responder,
      },
    );
  } catch (err) {
    logger.warn("action status budget unavailable", {
      actionId: id,
      error: err instanceof Error ? err.message : String(err),
    });
    return {
      view,
      refreshError:
        "Not refreshed: the console could not check its budget of Defender status reads; the status shown may be behind.",
    };
  }
  if (!plan.read) return { view, refreshError: plan.error };
  try {
    // No retries: the responder's poll asks again in a moment, and a retry (or a Retry-After sleep) would only
    // hold back the answer that the status could not be read.
    const latest = await actionWriter().get(view.machineActionId, { maxRetries: 0 });
    await db().$transaction((tx) => writeMachineAction(tx, latest));
  } catch (err) {
    const reason = statusUnavailable(err);
    statusReads().failed(id, reason, err instanceof ProviderError ? err.retryAfterMs : null);
    logger.warn("action status refresh failed", { actionId: id, machineActionId: view.machineActionId, reason });
    return { view, refreshError: reason };
  }
  statusReads().succeeded(id);
  const after = await viewOf(id);
  return awaitsOutput(after) ? withOutput(after) : { view: after, refreshError: null };
}

/** A live response session that ended: its results are fetched once and stored (live-response.ts). */
async function withOutput(view: ActionView): Promise<FollowedAction> {
  try {
    await collectLiveResponseOutput(view);
  } catch (err) {
    const reason = describeFailedRead(err, { act: "live response result read", permission: "Machine.Read.All" });
    logger.warn("live response results unavailable", { actionId: view.id, reason });
    return { view, refreshError: reason };
  }
  return { view: await viewOf(view.id), refreshError: null };
}

/** Cancels an action: withdraws one awaiting approval, or asks Defender to cancel one not final yet. */
export async function cancelAction(ctx: AuditContext, id: string, comment: string): Promise<ActionView> {
  const view = await viewOf(id);
  if (!canCancel(view))
    throw new Conflict(
      `This action is ${view.status}; only one awaiting approval, queued, Pending or InProgress can be cancelled.`,
    );
  if (view.status === "AwaitingApproval" || view.status === "Queued") {
    // Nothing has reached Defender yet: the request is withdrawn here (a drain claims only Queued rows).
    const from = view.status;
    const withdraw: AuditEntry = {
      action: "action.withdraw",
      targetType: "device",
      targetId: view.deviceId ?? undefined,
      params: { actionRequestId: view.requestId, comment },
    };
    await withAudit(ctx, withdraw, async (tx) => {
      const changed = await tx.actionRequest.updateMany({
        where: { ...tenantScope(), id: view.requestId!, state: from },
        data: {
          state: "Withdrawn",
          decidedAt: new Date(),
          decisionReason: comment,
          decidedById: ctx.actor.id,
          decidedByName: ctx.actor.name,
        },
      });
      if (changed.count === 0) throw new Conflict("This request was decided meanwhile; reload to see how.");
      return { result: undefined };
    });
    return viewOf(id);
  }
  const ask = async (): Promise<MachineAction> => {
    try {
      return await actionWriter().cancel(view.machineActionId!, `${comment} [${ctx.actor.name} via SOC console]`);
    } catch (err) {
      if (err instanceof ProviderError && err.status === 400) {
        // Most often: it reached a final state in the meantime. Store what Defender says now.
        const latest = await actionWriter()
          .get(view.machineActionId!)
          .catch(() => null);
        if (latest) await db().$transaction((tx) => writeMachineAction(tx, latest));
        throw new Conflict(
          `Defender would not cancel it${latest ? ` (it is ${latest.status} now)` : ""}. Defender said: ${err.message}`,
        );
      }
      throw defenderFailure(err, view.deviceName ?? "the device", "cancellation");
    }
  };
  const cancel: AuditEntry = {
    action: "action.cancel",
    targetType: "device",
    targetId: view.deviceId ?? undefined,
    params: { machineActionId: view.machineActionId, type: view.type, comment },
  };
  await withExternalChange(ctx, cancel, ask, async (tx, cancelled) => ({
    result: await writeMachineAction(tx, cancelled),
  }));
  return viewOf(id);
}

/**
 * The request a second person is about to approve or reject, once the four-eyes checks pass: it exists, it awaits
 * approval, and the one deciding is a signed-in person (an API token, whoever holds it, or the console itself never
 * decides) other than the requester (`ownRequest` says what the requester can do instead).
 */
async function requestToDecide(
  ctx: AuditContext,
  id: string,
  verb: "approve" | "reject",
  ownRequest: string,
): Promise<RequestRow> {
  const req = await db().actionRequest.findUnique({ where: tenantKey(id) });
  if (!req) throw new NotFound(`Approval request ${id} is not known.`);
  if (ctx.actor.type !== "user")
    throw new Forbidden(`Only a signed-in person can ${verb} a request awaiting approval; API tokens cannot.`);
  if (req.requestedById === ctx.actor.id) throw new Forbidden(ownRequest);
  if (req.state !== "AwaitingApproval")
    throw new Conflict(`This request is ${req.state}; only one awaiting approval can be ${verb}d.`);
  return req;
}

/** Marks the request decided unless someone else decided it since it was read. */
async function decideRequest(tx: Tx, id: string, data: Prisma.ActionRequestUpdateManyMutationInput) {
  const changed = await tx.actionRequest.updateMany({
    where: { ...tenantScope(), id, state: "AwaitingApproval" },
    data,
  });
  if (changed.count === 0) throw new Conflict("Someone decided this request meanwhile; reload to see how.");
}

/** Four-eyes: a second person with actions:approve sends the request to Defender. The requester never can. */
export async function approveAction(ctx: AuditContext, id: string, reason: string | undefined): Promise<ActionView> {
  const req = await requestToDecide(ctx, id, "approve", "You requested this action; a second person must approve it.");
  const approval: AuditEntry = {
    action: "action.approve",
    targetType: "device",
    targetId: req.deviceId,
    params: { actionRequestId: id, type: req.type, requestedBy: req.requestedByName, reason: reason ?? null },
  };
  const approved = await withAudit(ctx, approval, async (tx) => {
    await decideRequest(tx, id, {
      state: "Sending",
      approvedById: ctx.actor.id,
      approvedByName: ctx.actor.name,
      decidedById: ctx.actor.id,
      decidedByName: ctx.actor.name,
      decidedAt: new Date(),
      decisionReason: reason ?? null,
    });
    return { result: await tx.actionRequest.findUniqueOrThrow({ where: tenantKey(id) }) };
  });
  await sendToDefender(ctx, approved, { maxWaitMs: SINGLE_MAX_WAIT_MS, approvedBy: ctx.actor.name });
  return viewOf(id);
}

export async function rejectAction(ctx: AuditContext, id: string, reason: string): Promise<ActionView> {
  const req = await requestToDecide(
    ctx,
    id,
    "reject",
    "You requested this action; withdraw it instead of rejecting it.",
  );
  const rejection: AuditEntry = {
    action: "action.reject",
    targetType: "device",
    targetId: req.deviceId,
    params: { actionRequestId: id, type: req.type, requestedBy: req.requestedByName, reason },
  };
  await withAudit(ctx, rejection, async (tx) => {
    await decideRequest(tx, id, {
      state: "Rejected",
      decidedById: ctx.actor.id,
      decidedByName: ctx.actor.name,
      decidedAt: new Date(),
      decisionReason: reason,
    });
    return { result: undefined };
  });
  return viewOf(id);
}
