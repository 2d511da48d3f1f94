"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { ApiError, apiFetch } from "../../../_query/api";
import { asFollowed, fetchActionsFollowing, type FollowedPage } from "../../../_query/follow-actions";
import { actionKeys, deviceKeys } from "../../../_query/keys";
import type { ActionPage, ActionRequestInput, ActionView } from "@/lib/actions/schemas";

// A device's response actions, followed live. Never optimistic (docs/conventions.md): a new action shows what Defender
// answered (Pending), and the list is re-polled — each unfinished action refreshed from Defender through
// GET /api/actions/[id] — until every action is final. When one finishes, the server-rendered page refreshes so
// the isolation state shown is the one the cache derived from Defender's Succeeded.

const POLL_MS = 1_500;
const APPROVAL_POLL_MS = 5_000;

export function useDeviceActions(deviceId: string, initial: ActionPage, renderedAt: number) {
  const router = useRouter();
  const search = `device=${encodeURIComponent(deviceId)}`;
  const query = useQuery({
    queryKey: actionKeys.list(search),
    queryFn: () => fetchActionsFollowing(`/api/actions?${search}&limit=10`),
    initialData: asFollowed(initial),
    // The statuses shown first were read when the server rendered the page, not when it mounted.
    initialDataUpdatedAt: renderedAt,
    refetchInterval: (q) => {
      const data = q.state.data?.data ?? [];
      if (data.some((a) => !a.final && a.status !== "AwaitingApproval")) return POLL_MS;
      return data.some((a) => a.status === "AwaitingApproval") ? APPROVAL_POLL_MS : false;
    },
    // Unfinished actions must be followed right away, not after the first interval.
    refetchOnMount: initial.data.some((a) => !a.final) ? "always" : false,
  });

  // An action that reaches a final state changes what the page shows (isolation, timeline): refresh it once.
  const finished = useRef(new Set(initial.data.filter((a) => a.final).map((a) => a.id)));
  useEffect(() => {
    let changed = false;
    for (const a of query.data.data) {
      if (a.final && !finished.current.has(a.id)) {
        finished.current.add(a.id);
        changed = true;
      }
    }
    if (changed) router.refresh();
  }, [query.data, router]);

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
  const cancel = useMutation<{ data: ActionView }, ApiError, { id: string; comment: string }>({
    mutationFn: ({ id, comment }) =>
      apiFetch(`/api/actions/${encodeURIComponent(id)}/cancel`, { method: "POST", json: { comment } }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: actionKeys.all }),
  });
  const following = {
    error: query.error,
    unrefreshed: query.data.unrefreshed,
    updatedAt: query.dataUpdatedAt,
    retry: () => query.refetch(),
  };
  return { actions: query.data.data, following, request, cancel };
}
