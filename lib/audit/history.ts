import { db } from "../db";
import { describeAuditEvent, type AuthoredComment, type HistoryEntry } from "./describe";

// What the console did to one alert or incident, read back from the audit log: its history as sentences, and the
// people behind the comments it sent to Defender.

/** Audit actions whose `params.comment` is a comment the console sent to Defender on the target. */
const COMMENTING_ACTIONS = ["alert.triage", "alert.bulk_triage", "incident.triage"];

/** Display names of the people among `actorIds` who signed in to the console (tokens and the system have none). */
async function displayNames(actorIds: string[]): Promise<Map<string, string>> {
  if (!actorIds.length) return new Map();
  const users = await db().user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

/**
 * A target's history (newest first, at most `limit` rows) with each line as a sentence about `subject` ("this
 * alert"). An intent row ("… .intent") is left out once its outcome row is there (same request id): it only
 * matters when the outcome was never recorded. Parameters and errors only with `auditDetails` (audit:read).
 */
export async function readTargetHistory(
  target: { type: string; id: string },
  opts: { subject: string; auditDetails: boolean; limit?: number },
): Promise<{ history: HistoryEntry[]; authored: AuthoredComment[] }> {
  const rows = await db().auditEvent.findMany({
    where: { targetType: target.type, targetId: target.id },
    orderBy: { at: "desc" },
    take: opts.limit ?? 100,
  });
  const settled = new Set(rows.filter((r) => !r.action.endsWith(".intent") && r.requestId).map((r) => r.requestId));
  const shown = rows.filter((r) => !(r.action.endsWith(".intent") && r.requestId && settled.has(r.requestId)));
  const names = await displayNames([...new Set(shown.filter((r) => r.actorType === "user").map((r) => r.actorId))]);
  const history = shown.map((r) => {
    const who = names.get(r.actorId) ?? r.actorName;
    // Intents still shown are the ones whose outcome was never recorded: say so.
    const unsettled = r.action.endsWith(".intent") ? " (no outcome recorded)" : "";
    return {
      at: r.at.toISOString(),
      actorName: r.actorName,
      action: r.action,
      result: r.result,
      summary: `${who} ${describeAuditEvent(r, opts.subject)}${unsettled}`,
      params: opts.auditDetails ? r.params : null,
      error: opts.auditDetails ? r.error : null,
    };
  });
  const authored = rows.flatMap((r) => {
    const comment = (r.params as Record<string, unknown> | null)?.comment;
    return r.result === "success" && COMMENTING_ACTIONS.includes(r.action) && typeof comment === "string"
      ? [{ at: r.at.toISOString(), actorName: r.actorName, comment }]
      : [];
  });
  return { history, authored };
}
