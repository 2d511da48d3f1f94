import { apiFetch } from "./api";
import type { ActionPage, ActionView } from "@/lib/actions/schemas";

/** Unfinished actions refreshed per poll: Defender allows 100 machine-action calls a minute per app. */
export const FOLLOW_MAX = 10;

/**
 * A page of the action list with its unfinished actions refreshed from Defender (GET /api/actions/[id]): the list
 * alone shows the cache, which the sync only updates every few minutes.
 */
export async function fetchActionsFollowing(url: string): Promise<ActionPage> {
  const page = await apiFetch<ActionPage>(url);
  const open = page.data.filter((a) => !a.final && a.machineActionId).slice(0, FOLLOW_MAX);
  if (open.length === 0) return page;
  // One refresh that fails keeps that row's cached status rather than failing the whole poll.
  const settled = await Promise.allSettled(open.map((a) => apiFetch<{ data: ActionView }>(`/api/actions/${encodeURIComponent(a.id)}`).then((r) => r.data)));
  const fresh = settled.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  const byId = new Map(fresh.map((a) => [a.id, a]));
  return { ...page, data: page.data.map((a) => byId.get(a.id) ?? a) };
}
