import type { MachineAction } from "../generated/prisma/client";
import type { Prisma } from "../db";
import { prismaExecutor, type SqlExecutor } from "../db/raw-transaction";
import { bulkUpsert, type BulkTable } from "./bulk";
import { deriveResponseStates } from "./derivations";
import type { JsonRow } from "./json-row";
import type { SourceMachineAction } from "./source-types";
import { iso } from "./values";

// The MachineAction table: Defender's machine actions as last seen, by the sync or by the console following an
// action it sent. A Succeeded isolate, release, restrict or unrestrict changes the device's derived state.

/** Statuses after which Defender never changes a machine action again ("Machine action resource type"). */
export const FINAL_MACHINE_ACTION_STATUSES = ["Succeeded", "Failed", "TimeOut", "Cancelled"] as const;

type ActionRow = Pick<
  JsonRow<MachineAction>,
  | "id"
  | "type"
  | "scope"
  | "status"
  | "machineId"
  | "computerDnsName"
  | "requestor"
  | "requestorComment"
  | "requestSource"
  | "externalId"
  | "cancellationRequestor"
  | "cancellationComment"
  | "cancellationDateTimeUtc"
  | "creationDateTimeUtc"
  | "lastUpdateDateTimeUtc"
  | "syncedAt"
>;

export const ACTION_TABLE: BulkTable<ActionRow> = {
  table: "MachineAction",
  key: ["id"],
  columns: {
    id: "text",
    type: "text",
    scope: "text",
    status: "text",
    machineId: "text",
    computerDnsName: "text",
    requestor: "text",
    requestorComment: "text",
    requestSource: "text",
    externalId: "text",
    cancellationRequestor: "text",
    cancellationComment: "text",
    cancellationDateTimeUtc: "timestamp(3)",
    creationDateTimeUtc: "timestamp(3)",
    lastUpdateDateTimeUtc: "timestamp(3)",
    syncedAt: "timestamp(3)",
  },
};

export function actionRow(a: SourceMachineAction, now: string): ActionRow {
  return {
    id: a.id,
    type: a.type,
    scope: a.scope ?? null,
    status: a.status,
    machineId: a.machineId,
    computerDnsName: a.computerDnsName ?? null,
    requestor: a.requestor ?? null,
    requestorComment: a.requestorComment ?? null,
    requestSource: a.requestSource ?? null,
    externalId: a.externalID ?? null,
    cancellationRequestor: a.cancellationRequestor ?? null,
    cancellationComment: a.cancellationComment ?? null,
    cancellationDateTimeUtc: iso(a.cancellationDateTimeUtc),
    creationDateTimeUtc: new Date(a.creationDateTimeUtc).toISOString(),
    lastUpdateDateTimeUtc: iso(a.lastUpdateDateTimeUtc),
    syncedAt: now,
  };
}

/** Writes Defender's view of machine actions inside the caller's transaction (the sync and the console's own follow-up). */
export function writeMachineActions(
  execute: SqlExecutor,
  actions: readonly SourceMachineAction[],
  now: string,
): Promise<number> {
  return bulkUpsert(
    execute,
    ACTION_TABLE,
    actions.map((a) => actionRow(a, now)),
  );
}

/** The console's write-through of one action it sent or followed, in the caller's Prisma transaction. */
export async function writeMachineAction(tx: Prisma.TransactionClient, action: SourceMachineAction): Promise<void> {
  await writeMachineActions(prismaExecutor(tx), [action], new Date().toISOString());
  if (action.status === "Succeeded") await deriveResponseStates(tx, action.machineId);
}
