// Machine actions and their lifecycle Pending → InProgress → Succeeded | Failed | TimeOut
// (statuses from "MachineAction resource type"; transitions derived, timings configurable). Transitions are
// evaluated lazily against real time on every read, so no timers run; the machine's containment state changes only when
// an action reaches Succeeded.
import { randomUUID } from "node:crypto";
import { DAY_MS, isoTime, type EmulatedClock } from "../clock";
import { ApiError } from "../http/errors";
import type { Faults } from "../faults";
import type { Device } from "../tenant/model";
import type { Tenant } from "../tenant/tenant";
import { advanceSession, commandJson, type LiveSession } from "./live-response-session";

export type ActionType =
  | "Isolate"
  | "Unisolate"
  | "RunAntiVirusScan"
  | "RestrictCodeExecution"
  | "UnrestrictCodeExecution"
  | "CollectInvestigationPackage"
  | "LiveResponse";
export type ActionStatus = "Pending" | "InProgress" | "Succeeded" | "Failed" | "TimeOut" | "Cancelled";

export interface MachineAction {
  id: string;
  type: ActionType;
  scope: string | null;
  requestor: string;
  requestorComment: string;
  status: ActionStatus;
  machine: Device;
  createdMs: number;
  createdReal: number;
  lastUpdateMs: number;
  outcome: "Succeeded" | "Failed" | "TimeOut";
  cancellationRequestor: string | null;
  cancellationComment: string | null;
  cancellationMs: number | null;
  externalId: string | null;
  /** Live response only: the planned commands. */
  live: LiveSession | null;
  /** Set while the device is offline: the session waits, and times out at this emulated time. */
  queuedUntilMs: number | null;
}

export interface ActionDelays {
  toInProgress: number;
  toFinal: number;
}

/** Opposite actions conflict while pending: isolate vs unisolate, restrict vs unrestrict (README). */
const CONFLICTS: Record<ActionType, ActionType[]> = {
  Isolate: ["Isolate", "Unisolate"],
  Unisolate: ["Isolate", "Unisolate"],
  RestrictCodeExecution: ["RestrictCodeExecution", "UnrestrictCodeExecution"],
  UnrestrictCodeExecution: ["RestrictCodeExecution", "UnrestrictCodeExecution"],
  RunAntiVirusScan: ["RunAntiVirusScan"],
  CollectInvestigationPackage: ["CollectInvestigationPackage"],
  // "A device can only be in one session at a time" ("Investigate entities on devices using live response").
  LiveResponse: ["LiveResponse"],
};

/** "Run live response commands on a device": 25 sessions at a time per tenant. */
export const MAX_LIVE_SESSIONS = 25;
/** "If the device is unavailable, the session is queued for up to three days." */
export const OFFLINE_QUEUE_MS = 3 * DAY_MS;

const FINAL = new Set<ActionStatus>(["Succeeded", "Failed", "TimeOut", "Cancelled"]);

export class MachineActionStore {
  readonly all: MachineAction[] = [];
  private byId = new Map<string, MachineAction>();
  private active = new Set<MachineAction>();
  private changes = 0;

  constructor(
    private readonly tenant: Tenant,
    private readonly clock: EmulatedClock,
    private readonly delays: ActionDelays,
    private readonly faults: Faults,
  ) {}

  version(): number {
    return this.changes;
  }

  /** Applies every transition that is due. Called before any read of actions or machines. */
  settle(): void {
    if (this.active.size === 0) return;
    const now = Date.now();
    for (const a of this.active) {
      if (a.queuedUntilMs !== null) {
        // Queued for an offline device: nothing runs; past the queue limit the session times out.
        if (this.clock.now() >= a.queuedUntilMs) {
          a.status = "TimeOut";
          a.lastUpdateMs = a.queuedUntilMs;
          this.active.delete(a);
          this.changes++;
        }
        continue;
      }
      const toProgress = a.createdReal + this.delays.toInProgress;
      const toFinal = toProgress + this.delays.toFinal;
      if (a.status === "Pending" && now >= toProgress) {
        a.status = "InProgress";
        a.lastUpdateMs = a.createdMs + this.delays.toInProgress;
        this.changes++;
      }
      if (a.live && a.status === "InProgress") {
        const inProgressAt = a.createdMs + this.delays.toInProgress;
        advanceSession(a.live, Math.min(now - toProgress, this.delays.toFinal), this.delays.toFinal, inProgressAt);
        this.changes++;
      }
      if (a.status === "InProgress" && now >= toFinal) {
        a.status = a.outcome;
        a.lastUpdateMs = a.createdMs + this.delays.toInProgress + this.delays.toFinal;
        if (a.outcome === "Succeeded") this.applyEffect(a);
        this.active.delete(a);
        this.changes++;
      }
    }
  }

  private applyEffect(a: MachineAction): void {
    const m = a.machine;
    if (a.type === "Isolate") m.isolation = (a.scope as Device["isolation"]) ?? "Full";
    else if (a.type === "Unisolate") m.isolation = null;
    else if (a.type === "RestrictCodeExecution") m.codeRestricted = true;
    else if (a.type === "UnrestrictCodeExecution") m.codeRestricted = false;
    this.tenant.machinesVersion++;
  }

  get(id: string): MachineAction | undefined {
    this.settle();
    return this.byId.get(id.toLowerCase());
  }

  create(
    machine: Device,
    type: ActionType,
    scope: string | null,
    comment: string,
    requestor: string,
    externalId: string | null,
    options: {
      live?: (forced: "Failed" | "TimeOut" | null) => LiveSession;
      offline?: boolean;
      /** At most this many unfinished actions of `type` in the tenant; more → 429. */
      maxConcurrent?: number;
    } = {},
  ): MachineAction {
    this.settle();
    for (const a of this.active) {
      if (a.machine === machine && CONFLICTS[type].includes(a.type)) {
        // The code third-party clients match on and "Run live response commands on a device" documents; the message
        // unisolate-machine documents.
        throw new ApiError(400, "ActiveRequestAlreadyExists", "Action is already in progress");
      }
    }
    if (options.maxConcurrent !== undefined) {
      let running = 0;
      for (const a of this.active) if (a.type === type) running++;
      if (running >= options.maxConcurrent)
        throw new ApiError(
          429,
          "TooManyRequests",
          `Too many requests: ${options.maxConcurrent} ${type} sessions are already running in this tenant.`,
          { "Retry-After": "60" },
        );
    }
    const now = this.clock.now();
    const live = options.live ? options.live(this.faults.actionOutcome) : null;
    const action: MachineAction = {
      id: randomUUID(),
      type,
      scope,
      requestor,
      requestorComment: comment,
      status: "Pending",
      machine,
      createdMs: now,
      createdReal: Date.now(),
      lastUpdateMs: now,
      outcome: live && live.failAt >= 0 ? "Failed" : (this.faults.actionOutcome ?? "Succeeded"),
      cancellationRequestor: null,
      cancellationComment: null,
      cancellationMs: null,
      externalId,
      live,
      queuedUntilMs: options.offline ? now + OFFLINE_QUEUE_MS : null,
    };
    this.all.push(action);
    this.byId.set(action.id, action);
    this.active.add(action);
    this.changes++;
    return action;
  }

  cancel(action: MachineAction, requestor: string, comment: string): void {
    this.settle();
    if (FINAL.has(action.status)) {
      throw new ApiError(
        400,
        "BadRequest",
        `Action ${action.id} is in a final state (${action.status}) and cannot be cancelled.`,
      );
    }
    const now = this.clock.now();
    action.status = "Cancelled";
    action.cancellationRequestor = requestor;
    action.cancellationComment = comment;
    action.cancellationMs = now;
    action.lastUpdateMs = now;
    this.active.delete(action);
    this.changes++;
  }

  /** Full shape ("MachineAction resource type" plus the fields of a captured cancel response).
   *  `lastUpdateDateTimeUtc` is the entity page's spelling. */
  json(a: MachineAction): Record<string, unknown> {
    return {
      id: a.id,
      type: a.type,
      title: `${a.type} on ${a.machine.hostName}`,
      requestor: a.requestor,
      requestorComment: a.requestorComment,
      status: a.status,
      machineId: a.machine.id,
      computerDnsName: a.machine.dnsName,
      creationDateTimeUtc: isoTime(a.createdMs),
      lastUpdateDateTimeUtc: isoTime(a.lastUpdateMs),
      cancellationRequestor: a.cancellationRequestor,
      cancellationComment: a.cancellationComment,
      cancellationDateTimeUtc: a.cancellationMs === null ? null : isoTime(a.cancellationMs),
      errorHResult: a.status === "Failed" ? -2147467259 : 0,
      scope: a.scope,
      externalID: a.externalId,
      requestSource: "PublicApi",
      relatedFileInfo: null,
      commands: a.live ? a.live.commands.map((c) => commandJson(c, isoTime)) : [],
      troubleshootInfo: null,
    };
  }
}
