import { z } from "zod";
import type { DefenderClient } from "./client";
import { odataDateTime } from "../microsoft";
import type { Page } from "../microsoft";
import { LogonUser, Machine } from "./schemas";

// Machines (learn.microsoft.com/defender-endpoint/api/machine).

export const MACHINES_MAX_PAGE = 10_000;

export interface MachinePagesOptions {
  /** Only machines with lastSeen ≥ this. */
  seenSince?: Date;
  pageSize?: number;
  maxPages?: number;
}

export function machinePages(client: DefenderClient, opts: MachinePagesOptions = {}): AsyncGenerator<Page<Machine>> {
  return client.pages({
    path: "/api/machines",
    query: { $filter: opts.seenSince ? `lastSeen ge ${odataDateTime(opts.seenSince)}` : undefined },
    itemSchema: Machine,
    pageSize: Math.min(opts.pageSize ?? MACHINES_MAX_PAGE, MACHINES_MAX_PAGE),
    maxPages: opts.maxPages,
    // "404 Not Found if there are no recent machines" (get-machines): that is an empty inventory page, not a failure.
    notFoundIsEmpty: true,
  });
}

/** By machine id or computer name (get-machine-by-id). */
export function getMachine(client: DefenderClient, id: string): Promise<Machine> {
  return client.request({
    method: "GET",
    path: `/api/machines/${encodeURIComponent(id)}`,
    statsPath: "/api/machines/{id}",
    schema: Machine,
  });
}

const LogonUserList = z.object({ value: z.array(LogonUser) });

/** GET /api/machines/{id}/logonusers (User.Read.All). */
export async function logonUsers(client: DefenderClient, machineId: string): Promise<LogonUser[]> {
  const res = await client.request({
    method: "GET",
    path: `/api/machines/${encodeURIComponent(machineId)}/logonusers`,
    statsPath: "/api/machines/{id}/logonusers",
    schema: LogonUserList,
  });
  return res.value;
}
