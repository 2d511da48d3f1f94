import { z } from "zod";
import type { DefenderClient } from "./client";
import { odataDateTime, odataString } from "../microsoft";
import type { Page } from "../microsoft";
import { MachineAction } from "./schemas";

// Machine actions (learn.microsoft.com/defender-endpoint/api/machineaction). Response actions are POSTs that
// Defender executes once accepted: they are never retried after a 5xx, timeout or dropped connection (a 429 is
// retried: nothing ran). A duplicate answers 400 "Action is already in progress" — see isAlreadyInProgress() and
// pendingMachineActions().

export const MACHINE_ACTIONS_MAX_PAGE = 10_000;

export type ResponseAction =
  | "isolate"
  | "unisolate"
  | "runAntiVirusScan"
  | "restrictCodeExecution"
  | "unrestrictCodeExecution"
  | "collectInvestigationPackage";

/** Bodies are PascalCase and case-sensitive (common-errors, isolate-machine). */
export interface ResponseActionBody {
  Comment: string;
  /** isolate only. */
  IsolationType?: "Full" | "Selective" | "UnManagedDevice";
  /** runAntiVirusScan only (required there). */
  ScanType?: "Quick" | "Full";
}

export interface MachineActionPagesOptions {
  /** Only actions with creationDateTimeUtc ≥ this (the list filters on creation time). */
  createdSince?: Date;
  pageSize?: number;
  maxPages?: number;
}

export function machineActionPages(
  client: DefenderClient,
  opts: MachineActionPagesOptions = {},
): AsyncGenerator<Page<MachineAction>> {
  return client.pages({
    path: "/api/machineactions",
    query: { $filter: opts.createdSince ? `creationDateTimeUtc ge ${odataDateTime(opts.createdSince)}` : undefined },
    itemSchema: MachineAction,
    pageSize: Math.min(opts.pageSize ?? MACHINE_ACTIONS_MAX_PAGE, MACHINE_ACTIONS_MAX_PAGE),
    maxPages: opts.maxPages,
  });
}

export interface GetMachineActionOptions {
  /** Retries on 429/5xx/timeouts; default the client's. A status poll that repeats itself anyway passes a small one. */
  maxRetries?: number;
}

export function getMachineAction(
  client: DefenderClient,
  id: string,
  opts: GetMachineActionOptions = {},
): Promise<MachineAction> {
  return client.request({
    method: "GET",
    path: `/api/machineactions/${encodeURIComponent(id)}`,
    statsPath: "/api/machineactions/{id}",
    schema: MachineAction,
    maxRetries: opts.maxRetries,
  });
}

/** POST /api/machines/{id}/{action} → 201 + the new MachineAction, normally `Pending` (isolate-machine). */
export function requestMachineAction(
  client: DefenderClient,
  machineId: string,
  action: ResponseAction,
  body: ResponseActionBody,
): Promise<MachineAction> {
  const payload: Record<string, string> = { Comment: body.Comment };
  if (action === "isolate" && body.IsolationType) payload.IsolationType = body.IsolationType;
  if (action === "runAntiVirusScan") payload.ScanType = body.ScanType ?? "Quick";
  return client.request({
    method: "POST",
    path: `/api/machines/${encodeURIComponent(machineId)}/${action}`,
    statsPath: `/api/machines/{id}/${action}`,
    body: payload,
    schema: MachineAction,
    idempotent: false,
  });
}

/** POST /api/machineactions/{id}/cancel → 200 + the action, only while it is not final (cancel-machine-action). */
export function cancelMachineAction(client: DefenderClient, id: string, comment: string): Promise<MachineAction> {
  return client.request({
    method: "POST",
    path: `/api/machineactions/${encodeURIComponent(id)}/cancel`,
    statsPath: "/api/machineactions/{id}/cancel",
    body: { Comment: comment },
    schema: MachineAction,
    // Cancelling twice ends in the same state (the second call fails once the action is final).
    idempotent: true,
  });
}

const MachineActionList = z.object({ value: z.array(z.unknown()) });
const PENDING = new Set(["Pending", "InProgress"]);

/**
 * The device's actions that are not final yet — what a 400 "Action is already in progress" refers to. Filters on
 * machineId only: MDE's docs show no `in`/`or` in $filter, so status is checked here.
 */
export async function pendingMachineActions(client: DefenderClient, machineId: string): Promise<MachineAction[]> {
  const res = await client.request({
    method: "GET",
    path: "/api/machineactions",
    query: { $filter: `machineId eq ${odataString(machineId)}` },
    schema: MachineActionList,
  });
  const out: MachineAction[] = [];
  for (const raw of res.value) {
    const parsed = MachineAction.safeParse(raw);
    if (parsed.success && PENDING.has(parsed.data.status)) out.push(parsed.data);
  }
  return out;
}
