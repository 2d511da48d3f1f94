import { apiFetch } from "./api";
import { awaitsOutput, type ActionPage, type ActionView } from "@/lib/actions/schemas";

/** Unfinished actions asked about per poll; the server decides which of them Defender is actually asked about
 * (lib/actions/status-reads.ts). */
export const FOLLOW_MAX = 10;

/** A page of actions as followed live, with the ones whose status could not be refreshed this time and why. */
export interface FollowedPage extends ActionPage {
  unrefreshed: { id: string; reason: string }[];
}

/**
 * A page of the action list with its unfinished actions refreshed from Defender (GET /api/actions/[id]): the list
 * alone shows the cache, which the sync only updates every few minutes.
 */
export async function fetchActionsFollowing(url: string): Promise<FollowedPage> {
  const page = await apiFetch<ActionPage>(url);
  // A live response session that ended is followed until its results are stored.
  const open = page.data.filter((a) => (!a.final || awaitsOutput(a)) && a.machineActionId).slice(0, FOLLOW_MAX);
  if (open.length === 0) return { ...page, unrefreshed: [] };
  // One refresh that fails keeps that row's cached status rather than failing the whole poll; it is reported.
  const settled = await Promise.allSettled(
    open.map((a) =>
      apiFetch<{ data: ActionView; refreshError: string | null }>(`/api/actions/${encodeURIComponent(a.id)}`),
    ),
  );
  const byId = new Map<string, ActionView>();
  const unrefreshed: FollowedPage["unrefreshed"] = [];
  settled.forEach((result, i) => {
    if (result.status === "rejected") {
      // The console's own API failed (an expired session, a restart), not Defender: say so.
      unrefreshed.push({
        id: open[i].id,
        reason: `The console did not answer: ${result.reason instanceof Error ? result.reason.message : String(result.reason)}`,
      });
      return;
    }
    byId.set(result.value.data.id, result.value.data);
    if (result.value.refreshError) unrefreshed.push({ id: open[i].id, reason: result.value.refreshError });
  });
  return { ...page, data: page.data.map((a) => byId.get(a.id) ?? a), unrefreshed };
}

/** A server-rendered page, before the first poll: nothing has failed to refresh yet. */
export const asFollowed = (page: ActionPage): FollowedPage => ({ ...page, unrefreshed: [] });
