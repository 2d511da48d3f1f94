import { db } from "../db";
import { tenantScope } from "../cache/tenant";

// The audit log stores what an act touched as (targetType, targetId): ids, so a renamed device or a deleted view
// still points at the right thing. A person reads names, so the log's pages look the names up in the cache when
// they are read (the cached names of the tenant the console serves); the id stays in the row (hover, filter, CSV).

type Lookup = (ids: string[]) => Promise<{ id: string; name: string }[]>;

const LOOKUPS: Record<string, Lookup> = {
  alert: (ids) =>
    db()
      .alert.findMany({ where: { ...tenantScope(), id: { in: ids } }, select: { id: true, title: true } })
      .then((r) => r.map((a) => ({ id: a.id, name: a.title }))),
  incident: (ids) => {
    const numeric = ids.filter((id) => /^\d{1,18}$/.test(id)).map(BigInt);
    return db()
      .incident.findMany({ where: { ...tenantScope(), id: { in: numeric } }, select: { id: true, name: true } })
      .then((r) => r.map((i) => ({ id: i.id.toString(), name: i.name })));
  },
  device: (ids) =>
    db().device.findMany({ where: { ...tenantScope(), id: { in: ids } }, select: { id: true, name: true } }),
  api_token: (ids) => db().apiToken.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
  saved_view: (ids) => db().savedView.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
  hunting_query: (ids) =>
    db().huntingQuery.findMany({ where: { ...tenantScope(), id: { in: ids } }, select: { id: true, name: true } }),
  detection_rule: (ids) =>
    db()
      .detectionRule.findMany({ where: { ...tenantScope(), id: { in: ids } }, select: { id: true, displayName: true } })
      .then((r) => r.map((d) => ({ id: d.id, name: d.displayName }))),
  user: (ids) =>
    db()
      .user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, upn: true } })
      .then((r) => r.map((u) => ({ id: u.id, name: `${u.name} (${u.upn})` }))),
  remediationRequest: (ids) =>
    db()
      .remediationRequest.findMany({
        where: { ...tenantScope(), id: { in: ids } },
        select: { id: true, recommendationName: true },
      })
      .then((r) => r.map((q) => ({ id: q.id, name: q.recommendationName }))),
};

/** What each kind of target is called in a sentence ("the alert “…”"). */
const NOUNS: Record<string, string> = {
  alert: "the alert",
  incident: "the incident",
  device: "the device",
  api_token: "the API token",
  saved_view: "the view",
  hunting_query: "the hunting query",
  detection_rule: "the custom detection rule",
  user: "",
  remediationRequest: "the remediation request",
  setting: "the setting",
  batch: "the bulk action",
  route: "",
  sync: "the sync",
};

export const targetKey = (type: string | null, id: string | null) => `${type ?? ""}\u0000${id ?? ""}`;

/** The current name of each (type, id) the rows point at, for the kinds of target the cache knows. */
export async function lookUpTargetNames(
  rows: readonly { targetType: string | null; targetId: string | null }[],
): Promise<Map<string, string>> {
  const idsByType = new Map<string, Set<string>>();
  for (const r of rows) {
    if (!r.targetType || !r.targetId || !LOOKUPS[r.targetType]) continue;
    idsByType.set(r.targetType, (idsByType.get(r.targetType) ?? new Set()).add(r.targetId));
  }
  const found = await Promise.all(
    [...idsByType].map(async ([type, ids]) => ({ type, rows: await LOOKUPS[type]!([...ids]) })),
  );
  return new Map(found.flatMap(({ type, rows: named }) => named.map((n) => [targetKey(type, n.id), n.name])));
}

/**
 * The target as words for a sentence next to a Target column that already names it: "the alert", "the device";
 * the name (or id) only where the kind has no noun of its own (a person, a route).
 */
export function targetPhrase(type: string | null, id: string | null, name: string | null): string {
  if (!type) return "the console";
  const noun = NOUNS[type] ?? type.replaceAll("_", " ");
  if (noun) return noun;
  return name ?? id ?? type;
}
