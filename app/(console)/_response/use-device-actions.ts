"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { ApiError, apiFetch } from "../_query/api";
import { asFollowed, fetchActionsFollowing, type FollowedPage } from "../_query/follow-actions";
import { actionKeys, deviceKeys } from "../_query/keys";
import { useSubmitOnce } from "../_query/use-submit-once";
import { awaitsOutput, type ActionPage, type ActionRequestInput, type ActionView } from "@/lib/actions/schemas";

// A device's response actions, followed live. Never optimistic (docs/conventions.md): a new action shows what Defender
// answered (Pending), and the list is re-polled — each unfinished action refreshed from Defender through
// GET /api/actions/[id] — until every action is final. When one finishes, the server-rendered page refreshes so
// the isolation state shown is the one the cache derived from Defender's Succeeded. Without a server-rendered
// first page (the incident page opens a device's controls on demand) the list is fetched when they mount.

const POLL_MS = 1_500;
const APPROVAL_POLL_MS = 5_000;

export function useDeviceActions(
  deviceId: string,
  initial: ActionPage | undefined,
  renderedAt: number,
  on: { cancelled?: (action: ActionView) => void } = {},
) {
  const router = useRouter();
  const search = `device=${encodeURIComponent(deviceId)}`;
  const query = useQuery({
    queryKey: actionKeys.list(search),
    queryFn: () => fetchActionsFollowing(`/api/actions?${search}&limit=10`),
    initialData: initial ? asFollowed(initial) : undefined,
    // The statuses shown first were read when the server rendered the page, not when it mounted.
    initialDataUpdatedAt: initial ? renderedAt : undefined,
    refetchInterval: (q) => {
      const data = q.state.data?.data ?? [];
      if (data.some((a) => (!a.final && a.status !== "AwaitingApproval") || awaitsOutput(a))) return POLL_MS;
      return data.some((a) => a.status === "AwaitingApproval") ? APPROVAL_POLL_MS : false;
    },
    // Unfinished actions must be followed right away, not after the first interval.
    refetchOnMount: !initial || initial.data.some((a) => !a.final || awaitsOutput(a)) ? "always" : false,
  });
  const actions = query.data?.data;

  // An action that reaches a final state changes what the page shows (isolation, timeline): refresh it once.
  // Without a first page, the first fetch only says which actions were already final.
  const finished = useRef<Set<string> | null>(
    initial ? new Set(initial.data.filter((a) => a.final).map((a) => a.id)) : null,
  );
  useEffect(() => {
    if (!actions) return;
    const known = finished.current;
    const nowFinal = actions.filter((a) => a.final).map((a) => a.id);
    if (!known) {
      finished.current = new Set(nowFinal);
      return;
    }
    const changed = nowFinal.filter((id) => !known.has(id));
    for (const id of changed) known.add(id);
    if (changed.length) router.refresh();
  }, [actions, router]);

  const queryClient = useQueryClient();
  const request = useMutation<{ data: ActionView; replayed: boolean }, ApiError, ActionRequestInput>({
    mutationFn: (input) =>
      apiFetch(`/api/devices/${encodeURIComponent(deviceId)}/actions`, { method: "POST", json: input }),
    onSuccess: ({ data }) => {
      queryClient.setQueryData<FollowedPage>(actionKeys.list(search), (old) =>
        old ? { ...old, data: [data, ...old.data.filter((a) => a.id !== data.id)] } : old,
      );
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: actionKeys.list(search) });
      void queryClient.invalidateQueries({ queryKey: deviceKeys.all });
    },
  });
  const cancel = useSubmitOnce<{ data: ActionView }, { id: string; comment: string }>({
    mutationFn: ({ id, comment }, idempotencyKey) =>
      apiFetch(`/api/actions/${encodeURIComponent(id)}/cancel`, { method: "POST", json: { comment }, idempotencyKey }),
    onSuccess: ({ data }) => on.cancelled?.(data),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: actionKeys.all }),
  });
  const following = {
    error: query.error,
    unrefreshed: query.data?.unrefreshed ?? [],
    updatedAt: query.dataUpdatedAt,
    retry: () => query.refetch(),
  };
  return { actions: actions ?? [], loading: query.isPending, following, request, cancel };
}
