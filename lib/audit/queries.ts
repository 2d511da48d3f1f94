import { z } from "zod";
import { db, Prisma } from "../db";
import { decodeCursor, keysetPage } from "../http/cursor";
import { toCsv } from "../http/csv";
import { describeAuditEvent } from "./describe";
import { lookUpTargetNames, targetKey, targetPhrase } from "./target-names";

export const AuditFilter = z.object({
  actor: z.string().trim().max(200).optional(),
  action: z.string().trim().max(100).optional(),
  target: z.string().trim().max(200).optional(),
  result: z.enum(["success", "failure", "pending"]).optional(),
  from: z.coerce.date().optional(),
  /** Inclusive: a bare date ("2026-11-26", what the page's date field sends) means up to the end of that day (UTC). */
  to: z
    .string()
    .trim()
    .transform((v, ctx) => {
      if (!v) return undefined;
      const bareDate = /^\d{4}-\d{2}-\d{2}$/.test(v);
      const at = new Date(bareDate ? `${v}T00:00:00Z` : v);
      if (Number.isNaN(at.getTime())) {
        ctx.addIssue({ code: "custom", message: "a date (YYYY-MM-DD) or an ISO timestamp" });
        return z.NEVER;
      }
      // Stored as the exclusive upper bound.
      return new Date(at.getTime() + (bareDate ? 86_400_000 : 1));
    })
    .optional(),
});
export type AuditFilter = z.infer<typeof AuditFilter>;

export interface AuditEventRow {
  id: string;
  at: string;
  actorType: string;
  actorId: string;
  actorName: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  /** The target's current name in the cache (alert title, device name…), null when unknown or not named. */
  targetName: string | null;
  /** What was done, as words after the actor: "resolved the alert “…” as False positive — Not malicious". */
  summary: string;
  params: unknown;
  result: string;
  error: string | null;
  requestId: string | null;
  ip: string | null;
}

function where(filter: AuditFilter): Prisma.AuditEventWhereInput {
  return {
    ...(filter.actor
      ? { OR: [{ actorName: { contains: filter.actor, mode: "insensitive" } }, { actorId: filter.actor }] }
      : {}),
    ...(filter.action ? { action: { startsWith: filter.action } } : {}),
    ...(filter.target ? { targetId: filter.target } : {}),
    ...(filter.result ? { result: filter.result } : {}),
    ...(filter.from || filter.to
      ? { at: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } }
      : {}),
  };
}

function toRow(e: Prisma.AuditEventGetPayload<object>, names: Map<string, string>): AuditEventRow {
  const targetName = names.get(targetKey(e.targetType, e.targetId)) ?? null;
  return {
    id: e.id.toString(),
    at: e.at.toISOString(),
    actorType: e.actorType,
    actorId: e.actorId,
    actorName: e.actorName,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    targetName,
    summary: describeAuditEvent(e, targetPhrase(e.targetType, e.targetId, targetName)),
    params: e.params,
    result: e.result,
    error: e.error,
    requestId: e.requestId,
    ip: e.ip,
  };
}

// At most 18 digits: within int8, so a forged id is a 400 rather than a failed BigInt cast.
const CursorShape = z.object({ id: z.string().regex(/^\d{1,18}$/) });

/** Newest first, paged by id (ids only grow, so the cursor is stable while new events arrive). */
export async function listAuditEvents(
  filter: AuditFilter,
  page: { cursor?: string; limit: number },
): Promise<{ data: AuditEventRow[]; nextCursor: string | null }> {
  const after = page.cursor ? decodeCursor(page.cursor, CursorShape) : null;
  const rows = await db().auditEvent.findMany({
    where: { ...where(filter), ...(after ? { id: { lt: BigInt(after.id) } } : {}) },
    orderBy: { id: "desc" },
    take: page.limit + 1,
  });
  const { shown, nextCursor } = keysetPage(rows, page.limit, (last) => ({ id: last.id.toString() }));
  const names = await lookUpTargetNames(shown);
  return { data: shown.map((e) => toRow(e, names)), nextCursor };
}

const CSV_COLUMNS = [
  "at",
  "actorType",
  "actorName",
  "actorId",
  "action",
  "targetType",
  "targetId",
  "result",
  "error",
  "requestId",
  "ip",
  "params",
  "targetName",
  "summary",
] as const;

/** Every matching event as CSV, streamed in batches so an export of a year of activity stays in bounded memory. */
export async function* auditEventsCsv(filter: AuditFilter): AsyncGenerator<string> {
  yield toCsv([CSV_COLUMNS as unknown as string[]]);
  let cursor: string | undefined;
  do {
    const page = await listAuditEvents(filter, { cursor, limit: 1000 });
    yield toCsv(
      page.data.map((r) => CSV_COLUMNS.map((c) => (c === "params" ? JSON.stringify(r.params) : (r[c] ?? "")))),
    );
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
