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

/** What the console records as a request: the response actions, and live response sessions (live-response.ts). */
export const REQUEST_TYPES = [...ACTION_TYPES, "LiveResponse"] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

/** Types that contend for the same state: Defender refuses a second while one is pending (emulator README). */
export const ACTION_CONFLICTS: Record<RequestType, RequestType[]> = {
  // One live response session per device ("Run live response commands on a device").
  LiveResponse: ["LiveResponse"],
  Isolate: ["Isolate", "Unisolate"],
  Unisolate: ["Isolate", "Unisolate"],
  RestrictCodeExecution: ["RestrictCodeExecution", "UnrestrictCodeExecution"],
  UnrestrictCodeExecution: ["RestrictCodeExecution", "UnrestrictCodeExecution"],
  RunAntiVirusScan: ["RunAntiVirusScan"],
  CollectInvestigationPackage: ["CollectInvestigationPackage"],
};

/** Isolate, release (issue #7) and live response sessions (issue #18) are the ones four-eyes approval applies to. */
export const APPROVAL_TYPES: readonly RequestType[] = ["Isolate", "Unisolate", "LiveResponse"];

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

// ───────────── Live response (learn.microsoft.com/defender-endpoint/api/run-live-response) ─────────────

/** Library file names: letters, digits, `-`, `_`, `.` ("Upload files to the live response library"). */
export const LIBRARY_FILE_NAME = /^[A-Za-z0-9._-]{1,100}$/;

export const LiveResponseCommandInput = z.discriminatedUnion("type", [
  z
    .object({
      type: z.literal("RunScript"),
      scriptName: z.string().regex(LIBRARY_FILE_NAME, "a library file name"),
      args: z.string().trim().max(1000).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal("GetFile"),
      // An absolute path: Defender fails a relative one.
      path: z
        .string()
        .trim()
        .min(3)
        .max(260)
        .regex(/^([A-Za-z]:\\|\/)/, "an absolute path, e.g. C:\\Windows\\Temp\\a.txt or /tmp/a.txt"),
    })
    .strict(),
]);
export type LiveResponseCommandInput = z.infer<typeof LiveResponseCommandInput>;

export const LiveResponseRequestInput = z
  .object({
    type: z.literal("LiveResponse"),
    commands: z.array(LiveResponseCommandInput).min(1).max(5),
    comment,
    idempotencyKey,
    /** Started from an incident runbook's task: the action links back to it. */
    runbookTaskId: z.string().uuid().optional(),
  })
  .strict();
export type LiveResponseRequestInput = z.infer<typeof LiveResponseRequestInput>;

/** One command's result as the console stored it when the session ended. */
export interface LiveResponseOutput {
  index: number;
  type: string;
  /** Defender's commandStatus: Completed, Failed, Created (never ran). */
  status: string;
  exitCode: number | null;
  /** RunScript: the script's standard output and errors (cut at OUTPUT_MAX_CHARS). */
  output: string | null;
  errors: string | null;
  /** GetFile: the path collected; its bytes are fetched through the console on demand. */
  path: string | null;
}
export const OUTPUT_MAX_CHARS = 200_000;

/** A console live response session that ended at Defender and whose results are not stored yet: still followed. */
export function awaitsOutput(a: {
  type: string;
  requestId: string | null;
  machineActionId: string | null;
  output: unknown;
  status: string;
}): boolean {
  return (
    a.type === "LiveResponse" &&
    a.requestId !== null &&
    a.machineActionId !== null &&
    a.output === null &&
    (FINAL_STATUSES as readonly string[]).includes(a.status)
  );
}

export const LiveResponseFileRef = z.object({
  id: ActionRefId(),
  index: z.coerce.number().int().min(0).max(20),
});

export const LibraryUploadInput = z
  .object({
    fileName: z.string().regex(LIBRARY_FILE_NAME, "letters, digits, '-', '_' and '.' only"),
    description: z.string().trim().max(1000).default(""),
    parametersDescription: z.string().trim().max(1000).optional(),
    overrideIfExists: z.boolean().default(false),
    /** The file's bytes, base64. */
    contentBase64: z.string().min(1),
  })
  .strict();
export type LibraryUploadInput = z.infer<typeof LibraryUploadInput>;
export const LibraryFileRef = z.object({ name: z.string().regex(LIBRARY_FILE_NAME, "a library file name") });

export interface LibraryFileView {
  fileName: string;
  description: string | null;
  hasParameters: boolean;
  parametersDescription: string | null;
  createdBy: string | null;
  lastUpdatedTime: string | null;
  sha256: string | null;
}

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

function ActionRefId() {
  return z
    .string()
    .min(1)
    .max(100)
    .regex(/^[\w-]+$/, "an action id");
}
export const ActionRef = z.object({ id: ActionRefId() });

// ───────────── The action center's query string ─────────────

export const ACTION_TABS = ["all", "approvals", "inflight", "history"] as const;
export type ActionTab = (typeof ACTION_TABS)[number];

export const ActionFilter = z.object({
  tab: single(z.enum(ACTION_TABS).default("all")),
  type: multi(z.enum(REQUEST_TYPES), 30),
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
  /** Live response: the commands asked for, and what each returned once the session ended (null until then). */
  commands: LiveResponseCommandInput[] | null;
  output: LiveResponseOutput[] | null;
  /** The incident runbook task this action was started from. */
  runbookTaskId: string | null;
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
