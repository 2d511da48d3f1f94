import { z } from "zod";
import { multi, single } from "../http/query-params";
import { label } from "../labels";

// Client-safe: response action types, request bodies, the action center's URL grammar and DTOs.

/** Defender's MachineAction types (learn.microsoft.com/defender-endpoint/api/machineaction), the console's names too. */
export const ACTION_TYPES = [
  "Isolate",
  "Unisolate",
  "RunAntiVirusScan",
  "RestrictCodeExecution",
  "UnrestrictCodeExecution",
  "CollectInvestigationPackage",
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

/** The console's name for each action type: the words live in the one label map (lib/labels.ts). */
export const ACTION_LABELS = Object.fromEntries(ACTION_TYPES.map((t) => [t, label("actionType", t)])) as Record<
  ActionType,
  string
>;

const MOBILE_PLATFORMS = ["iOS", "Android"];

/** Whether Defender offers `type` on a platform at all: nothing on iOS and Android, app restriction on Windows only. */
export function supportsAction(platform: string, type: ActionType): boolean {
  if (MOBILE_PLATFORMS.includes(platform)) return false;
  if (type === "RestrictCodeExecution" || type === "UnrestrictCodeExecution") return platform === "Windows";
  return true;
}

/** The actions a responder can take on a device now; isolation and restriction offer whichever step undoes the current state. */
export function availableActions(device: {
  platform: string;
  inMde: boolean;
  isolationState: string | null;
  restrictionState: string | null;
}): ActionType[] {
  if (!device.inMde) return [];
  const candidates: ActionType[] = [
    device.isolationState === "Isolated" ? "Unisolate" : "Isolate",
    "RunAntiVirusScan",
    device.restrictionState === "Restricted" ? "UnrestrictCodeExecution" : "RestrictCodeExecution",
    "CollectInvestigationPackage",
  ];
  return candidates.filter((type) => supportsAction(device.platform, type));
}

/** What the response controls (device, alert and incident pages) need to know about a device. */
export interface ResponseDevice {
  id: string;
  name: string;
  platform: string;
  inMde: boolean;
  isolationState: string;
  restrictionState: string;
  healthStatus: string | null;
  /** ISO time Defender last heard from the sensor. */
  lastSeen: string | null;
}

export function toResponseDevice(d: {
  id: string;
  name: string;
  platform: string;
  inMde: boolean;
  isolationState: string;
  restrictionState: string;
  healthStatus: string | null;
  lastSeen: Date | string | null;
}): ResponseDevice {
  return {
    id: d.id,
    name: d.name,
    platform: d.platform,
    inMde: d.inMde,
    isolationState: d.isolationState,
    restrictionState: d.restrictionState,
    healthStatus: d.healthStatus,
    lastSeen: d.lastSeen === null ? null : new Date(d.lastSeen).toISOString(),
  };
}

/** Types that contend for the same state: Defender refuses a second while one is pending (emulator README). */
export const ACTION_CONFLICTS: Record<ActionType, ActionType[]> = {
  Isolate: ["Isolate", "Unisolate"],
  Unisolate: ["Isolate", "Unisolate"],
  RestrictCodeExecution: ["RestrictCodeExecution", "UnrestrictCodeExecution"],
  UnrestrictCodeExecution: ["RestrictCodeExecution", "UnrestrictCodeExecution"],
  RunAntiVirusScan: ["RunAntiVirusScan"],
  CollectInvestigationPackage: ["CollectInvestigationPackage"],
};

/** Isolate and release are the ones four-eyes approval applies to (issue #7). */
export const APPROVAL_TYPES: readonly ActionType[] = ["Isolate", "Unisolate"];

/** Defender's MachineAction statuses; the last four are final. */
export const DEFENDER_STATUSES = ["Pending", "InProgress", "Succeeded", "Failed", "TimeOut", "Cancelled"] as const;
export const FINAL_STATUSES = ["Succeeded", "Failed", "TimeOut", "Cancelled"] as const;
/** The console's own states before (or instead of) Defender's: AwaitingApproval … SendFailed. */
export const REQUEST_STATES = [
  "AwaitingApproval",
  "Rejected",
  "Withdrawn",
  "Queued",
  "Sending",
  "Sent",
  "SendFailed",
] as const;
/** What a row shows: Defender's status once sent, else the console's state. */
export const ACTION_STATUSES = [
  ...DEFENDER_STATUSES,
  "AwaitingApproval",
  "Rejected",
  "Withdrawn",
  "Queued",
  "Sending",
  "SendFailed",
] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** Statuses after which nothing more happens: Defender's final ones and the console's dead ends. */
const ENDED_STATUSES: readonly string[] = [...FINAL_STATUSES, "Rejected", "Withdrawn", "SendFailed"];
export function isFinalStatus(status: string): boolean {
  return ENDED_STATUSES.includes(status);
}

/** Cancellable: withdrawn while it awaits approval or waits in a bulk queue, or cancelled at Defender while Pending or InProgress. */
export function canCancel(a: { status: string; requestId?: string | null; machineActionId?: string | null }): boolean {
  if (a.status === "AwaitingApproval" || a.status === "Queued") return Boolean(a.requestId);
  return (a.status === "Pending" || a.status === "InProgress") && Boolean(a.machineActionId);
}

const comment = z.string().trim().min(3, "say why (at least 3 characters)").max(1000);
/** Made by the browser once per dialog: a double click or a retry of the same dialog is the same request. */
const idempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{16,80}$/, "16–80 letters, digits, - or _");

export const ActionRequestInput = z.discriminatedUnion("type", [
  z
    .object({
      type: z.literal("Isolate"),
      scope: z.enum(["Full", "Selective"]).default("Full"),
      comment,
      idempotencyKey,
    })
    .strict(),
  z.object({ type: z.literal("Unisolate"), comment, idempotencyKey }).strict(),
  z
    .object({
      type: z.literal("RunAntiVirusScan"),
      scope: z.enum(["Quick", "Full"]).default("Quick"),
      comment,
      idempotencyKey,
    })
    .strict(),
  z.object({ type: z.literal("RestrictCodeExecution"), comment, idempotencyKey }).strict(),
  z.object({ type: z.literal("UnrestrictCodeExecution"), comment, idempotencyKey }).strict(),
  z.object({ type: z.literal("CollectInvestigationPackage"), comment, idempotencyKey }).strict(),
]);
export type ActionRequestInput = z.infer<typeof ActionRequestInput>;

export const ActionCancelInput = z.object({ comment }).strict();
export const ActionApproveInput = z.object({ reason: z.string().trim().max(1000).optional() }).strict();
export const ActionRejectInput = z.object({ reason: comment }).strict();

export const BULK_SCAN_MAX = 500;
/** What every bulk response action takes: the devices, the person's reason and one key for the whole intent. */
const bulkDevices = {
  deviceIds: z.array(z.string().min(1).max(100)).min(1).max(BULK_SCAN_MAX),
  comment,
  idempotencyKey,
};
export const BulkScanInput = z
  .object({ ...bulkDevices, scanType: z.enum(["Quick", "Full"]).default("Quick") })
  .strict();
export type BulkScanInput = z.infer<typeof BulkScanInput>;

/** Isolation of many devices: each device's request takes the single path, four-eyes approval included. */
export const BulkIsolateInput = z
  .object({ ...bulkDevices, isolationType: z.enum(["Full", "Selective"]).default("Full") })
  .strict();
export type BulkIsolateInput = z.infer<typeof BulkIsolateInput>;

export const ActionRef = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[\w-]+$/, "an action id"),
});

// ───────────── The action center's query string ─────────────

export const ACTION_TABS = ["all", "approvals", "inflight", "history"] as const;
export type ActionTab = (typeof ACTION_TABS)[number];

export const ActionFilter = z.object({
  tab: single(z.enum(ACTION_TABS).default("all")),
  type: multi(z.enum(ACTION_TYPES), 30),
  status: multi(z.enum(ACTION_STATUSES), 30),
  /** A device's cache id: that device's actions only. */
  device: single(z.string().max(100).optional()),
  /** The bulk request's idempotency key: the per-device actions it created. */
  batch: single(idempotencyKey.optional()),
  /** Requester, approver or device name (substring). */
  q: single(z.string().trim().max(200).optional()),
});
export type ActionFilter = z.infer<typeof ActionFilter>;

export const ActionQuery = ActionFilter.extend({
  cursor: single(z.string().max(500).optional()),
  limit: single(z.coerce.number().int().min(1).max(200).default(50)),
}).strict();
export type ActionQuery = z.infer<typeof ActionQuery>;

export const ActionExportQuery = ActionFilter.strict();

export function actionFilterToSearch(filter: Partial<ActionFilter>): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of ["tab", "type", "status", "device", "batch", "q"] as const) {
    const value = filter[key];
    if (value === undefined || value === "" || (key === "tab" && value === "all")) continue;
    if (Array.isArray(value)) {
      if (value.length) out.set(key, [...value].sort().join(","));
    } else out.set(key, String(value));
  }
  return out;
}

// ───────────── DTOs ─────────────

export interface ActionView {
  /** The console request's id, or Defender's action id for actions made outside the console. */
  id: string;
  source: "console" | "defender";
  requestId: string | null;
  machineActionId: string | null;
  deviceId: string | null;
  deviceName: string | null;
  type: string;
  scope: string | null;
  comment: string | null;
  /** Defender's status once sent, else the console's state. */
  status: string;
  /** The console's own state (null for actions made outside the console). */
  state: string | null;
  requestedBy: string | null;
  requestedById: string | null;
  createdAt: string;
  updatedAt: string | null;
  /** Set only when the request was approved. */
  approvedBy: string | null;
  /** Who approved, rejected or withdrew it. */
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  error: string | null;
  cancelledBy: string | null;
  final: boolean;
}

export interface ActionPage {
  data: ActionView[];
  nextCursor: string | null;
}

export interface BulkScanItem {
  deviceId: string;
  deviceName: string | null;
  /** queued: sent under Defender's limit; awaiting_approval: four-eyes is on and a second person must approve. */
  result: "queued" | "awaiting_approval" | "refused" | "not_found";
  actionId: string | null;
  message: string | null;
}

export interface BulkScanResult {
  batch: string;
  queued: number;
  /** Requests recorded for approval (bulk isolation with four-eyes on); nothing was sent for them. */
  awaitingApproval: number;
  refused: number;
  items: BulkScanItem[];
}

export interface ActionSettings {
  fourEyes: boolean;
}
export const ActionSettingsInput = z.object({ fourEyes: z.boolean() }).strict();
