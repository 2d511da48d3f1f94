"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "../_query/api";
import { actionKeys } from "../_query/keys";

// Beside "Actions" in the navigation for approvers: how many requests wait for this person's approval, so an
// isolation requested at 3 a.m. does not wait unseen. One count on an index, re-read every 30 s and whenever an
// action changes in this tab (an approval, a request) — every action mutation invalidates actionKeys.all.

const POLL_MS = 30_000;

export function ApprovalsBadge() {
  const { data } = useQuery({
    queryKey: actionKeys.awaitingMe(),
    queryFn: () => apiFetch<{ data: { awaiting: number } }>("/api/actions/approvals"),
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: false,
    staleTime: 10_000,
  });
  const awaiting = data?.data.awaiting ?? 0;
  if (awaiting === 0) return null;
  return (
    <span
      data-testid="approvals-badge"
      title={`${awaiting} request${awaiting === 1 ? "" : "s"} awaiting your approval`}
      className="ml-1 mr-2 rounded-full bg-amber-600 px-1.5 text-xs font-semibold text-white"
    >
      {awaiting}
      <span className="sr-only"> awaiting your approval</span>
    </span>
  );
}
