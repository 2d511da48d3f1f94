"use client";

import { useMutation, useQueryClient, type InfiniteData, type QueryKey } from "@tanstack/react-query";
import { ApiError, apiFetch } from "../../_query/api";
import { alertKeys } from "../../_query/keys";
import { updateRowsInPages } from "../../_query/list-cache";
import { ASSIGNED_TO_ME, CLASSIFICATIONS, normaliseDetermination, type Classification } from "@/lib/alerts/vocabulary";
import type { AlertPage, AlertRow, AlertTriage, BulkTriageResult } from "@/lib/alerts/schemas";

// Triage from the queue, optimistic: the rows change at once, and go back (with Defender's reason) if it refuses.
// One id goes through PATCH /api/alerts/[id]; a selection through POST /api/alerts/bulk (Defender's batch API).

export interface TriageInput {
  ids: string[];
  change: AlertTriage;
  bulk: boolean;
}

/** A row as it will look once Defender accepts the change. */
export function applyChange(row: AlertRow, change: AlertTriage, me: string): AlertRow {
  const classification =
    change.classification && (CLASSIFICATIONS as readonly string[]).includes(change.classification)
      ? (change.classification as Classification)
      : null;
  return {
    ...row,
    ...(change.status ? { status: change.status } : {}),
    ...(change.assignedTo ? { assignedTo: change.assignedTo === ASSIGNED_TO_ME ? me : change.assignedTo } : {}),
    ...(classification ? { classification } : {}),
    ...(classification && change.determination
      ? { determination: normaliseDetermination(classification, change.determination) }
      : {}),
  };
}

type Snapshot = [QueryKey, InfiniteData<AlertPage> | undefined][];

export function useAlertTriage(
  me: string,
  onOutcome: (outcome: { ok: boolean; message: string; result?: BulkTriageResult }) => void,
) {
  const queryClient = useQueryClient();
  return useMutation<BulkTriageResult, ApiError, TriageInput, { snapshot: Snapshot }>({
    mutationFn: async ({ ids, change, bulk }) => {
      if (!bulk) {
        await apiFetch<{ data: AlertRow }>(`/api/alerts/${encodeURIComponent(ids[0])}`, {
          method: "PATCH",
          json: change,
        });
        return { updated: 1, failed: 0, notFound: 0, items: [{ id: ids[0], result: "updated" }] };
      }
      return apiFetch<BulkTriageResult>("/api/alerts/bulk", { method: "POST", json: { ids, change } });
    },
    onMutate: async ({ ids, change }) => {
      await queryClient.cancelQueries({ queryKey: alertKeys.lists() });
      const snapshot = queryClient.getQueriesData<InfiniteData<AlertPage>>({ queryKey: alertKeys.lists() });
      queryClient.setQueriesData<InfiniteData<AlertPage>>({ queryKey: alertKeys.lists() }, (old) =>
        updateRowsInPages(
          old,
          ids,
          (r) => r.id,
          (r) => applyChange(r, change, me),
        ),
      );
      return { snapshot };
    },
    onError: (error, _input, context) => {
      for (const [key, data] of context?.snapshot ?? []) queryClient.setQueryData(key, data);
      onOutcome({
        ok: false,
        message: `Not changed: ${error.message}${error.requestId ? ` (request ${error.requestId.slice(0, 8)})` : ""}`,
      });
    },
    onSuccess: (result, { ids }) => {
      const failed = result.items.filter((i) => i.result !== "updated");
      const ok = failed.length === 0;
      const message = ok
        ? `Defender accepted the change for ${result.updated} alert${result.updated === 1 ? "" : "s"}.`
        : `Defender accepted the change for ${result.updated} of ${ids.length} alerts; ${failed.length} not changed.`;
      onOutcome({ ok, message, result });
    },
    // Refetch either way: rows that no longer match the filters leave, and the SLA counts move.
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: alertKeys.all });
    },
  });
}
