import { db } from "../db";
import { containsPattern } from "../db/sql-params";
import { cacheTenantId } from "../cache/tenant";
import { createGraphClient, ProviderError, searchDirectoryUsers, type GraphClient } from "../graph";
import { logger } from "../log";
import { processSingleton } from "../process-singleton";
import type { AssigneeSource, AssigneeSuggestion, AssigneeSuggestions, DirectoryState } from "./schemas";

// People an alert or incident can be assigned to, for the picker: who signed in to the console (User), the
// directory through Microsoft Graph where the app may read it, and the addresses Defender already holds on
// cached alerts and incidents. The server-side door; client code imports "@/lib/assignees/schemas".

const PER_SOURCE = 10;
const MAX_SUGGESTIONS = 15;
/** The directory is asked only from this many characters on: one letter would match half the tenant. */
export const DIRECTORY_MIN_QUERY = 2;
/** After a 403 the directory is not asked again for this long (consent is an admin's change, not per request). */
const NOT_PERMITTED_FOR_MS = 10 * 60_000;

interface DirectoryGate {
  client: GraphClient | null;
  notPermittedUntil: number;
}
/** The process's Graph client for look-ups and whether Graph refused them; tests replace it. */
export const directoryGate = processSingleton("assigneeDirectory", (): DirectoryGate => ({
  client: null,
  notPermittedUntil: 0,
}));

async function fromDirectory(q: string): Promise<{ state: DirectoryState; people: AssigneeSuggestion[] }> {
  if (q.length < DIRECTORY_MIN_QUERY) return { state: "skipped", people: [] };
  const gate = directoryGate();
  if (Date.now() < gate.notPermittedUntil) return { state: "not_permitted", people: [] };
  try {
    // One quick try: a picker that waits on retries is worse than one without the directory.
    gate.client ??= createGraphClient({ maxRetries: 0, timeoutMs: 3_000 });
    const users = await searchDirectoryUsers(gate.client, q);
    return {
      state: "ok",
      people: users.flatMap((u) => {
        const address = u.userPrincipalName ?? u.mail;
        return address ? [{ address, name: u.displayName ?? null, sources: ["directory" as const] }] : [];
      }),
    };
  } catch (err) {
    if (err instanceof ProviderError && err.status === 403) {
      gate.notPermittedUntil = Date.now() + NOT_PERMITTED_FOR_MS;
      return { state: "not_permitted", people: [] };
    }
    logger.warn("directory look-up failed", { error: err instanceof Error ? err.message : String(err) });
    return { state: "unavailable", people: [] };
  }
}

async function fromConsole(q: string): Promise<AssigneeSuggestion[]> {
  const users = await db().user.findMany({
    where: { OR: [{ upn: { contains: q, mode: "insensitive" } }, { name: { contains: q, mode: "insensitive" } }] },
    orderBy: { upn: "asc" },
    take: PER_SOURCE,
    select: { upn: true, name: true },
  });
  return users.map((u) => ({ address: u.upn, name: u.name, sources: ["console"] }));
}

async function fromDefender(q: string): Promise<AssigneeSuggestion[]> {
  const rows = await db().$queryRawUnsafe<{ address: string }[]>(
    `SELECT address FROM (SELECT "assignedTo" AS address FROM "Alert" WHERE "tenantId" = $2 AND "assignedTo" ILIKE $1
                          UNION SELECT "assignedTo" FROM "Incident" WHERE "tenantId" = $2 AND "assignedTo" ILIKE $1) x
     ORDER BY address LIMIT ${PER_SOURCE}`,
    containsPattern(q),
    cacheTenantId(),
  );
  return rows.map((r) => ({ address: r.address, name: null, sources: ["defender"] }));
}

/** Suggestions for what a person typed: merged by address, the exact match first, then people with names. */
export async function suggestAssignees(q: string): Promise<AssigneeSuggestions> {
  const [consoleUsers, defender, directory] = await Promise.all([fromConsole(q), fromDefender(q), fromDirectory(q)]);
  const merged = new Map<string, AssigneeSuggestion>();
  for (const s of [...consoleUsers, ...directory.people, ...defender]) {
    const key = s.address.toLowerCase();
    const seen = merged.get(key);
    if (!seen) merged.set(key, { ...s, sources: [...s.sources] });
    else {
      seen.name ??= s.name;
      for (const source of s.sources) if (!seen.sources.includes(source)) seen.sources.push(source as AssigneeSource);
    }
  }
  const typed = q.toLowerCase();
  const data = [...merged.values()]
    .sort((a, b) => Number(b.address.toLowerCase() === typed) - Number(a.address.toLowerCase() === typed))
    .slice(0, MAX_SUGGESTIONS);
  return { data, directory: directory.state };
}
