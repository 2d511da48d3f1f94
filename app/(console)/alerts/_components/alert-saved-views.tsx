"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { SavedViewsBar } from "@/components/views/saved-views-bar";
import type { SavedViewRow } from "@/lib/views/schemas";
import { ApiError, apiFetch } from "../../_query/api";
import { viewKeys } from "../../_query/keys";
import { useSubmitOnce } from "../../_query/use-submit-once";

// The alert queue's saved views: the URL is the view, so saving stores the canonical query string and opening
// a view navigates to it.
export function AlertSavedViews({
  initialViews,
  currentQuery,
  canSave,
  canShare,
}: {
  initialViews: SavedViewRow[];
  currentQuery: string;
  canSave: boolean;
  canShare: boolean;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const views = useQuery({
    queryKey: viewKeys.list("alerts"),
    queryFn: async () => (await apiFetch<{ data: SavedViewRow[] }>("/api/views?page=alerts")).data,
    initialData: initialViews,
  });
  const onSettled = () => void queryClient.invalidateQueries({ queryKey: viewKeys.list("alerts") });
  const save = useSubmitOnce<{ data: SavedViewRow }, { name: string; shared: boolean }>({
    mutationFn: ({ name, shared }, idempotencyKey) =>
      apiFetch("/api/views", {
        method: "POST",
        json: { page: "alerts", name, query: currentQuery, shared },
        idempotencyKey,
      }),
    onSettled,
  });
  const remove = useMutation<unknown, ApiError, SavedViewRow>({
    mutationFn: (view) => apiFetch(`/api/views/${view.id}`, { method: "DELETE" }),
    onSettled,
  });
  const error = save.error
    ? `Not saved: ${save.error.message}`
    : remove.error
      ? `Not deleted: ${remove.error.message}`
      : views.error
        ? `Saved views could not be refreshed: ${views.error.message}`
        : null;
  return (
    <SavedViewsBar
      // The form resets (closes) once a save succeeds.
      key={save.data?.data.id ?? "new"}
      views={views.data}
      currentQuery={currentQuery}
      canSave={canSave}
      canShare={canShare}
      busy={save.isPending || remove.isPending}
      error={error}
      onOpen={(view) => router.push(view.query ? `/alerts?${view.query}` : "/alerts")}
      onSave={(name, shared) => save.submit({ name, shared })}
      onDelete={(view) => remove.mutate(view)}
    />
  );
}
