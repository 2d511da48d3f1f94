"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { SavedViewsBar } from "@/components/views/saved-views-bar";
import type { SavedViewPage, SavedViewRow } from "@/lib/views/schemas";
import { ApiError, apiFetch } from "../_query/api";
import { viewKeys } from "../_query/keys";
import { useSubmitOnce } from "../_query/use-submit-once";

// A list page's saved views: the URL is the view, so saving stores the canonical query string and opening a view
// navigates to it. One container for every list page that has saved views (lib/views SAVED_VIEW_PAGES).
export function ListSavedViews({
  page,
  path,
  initialViews,
  currentQuery,
  canSave,
  canShare,
}: {
  page: SavedViewPage;
  /** The list page's path, e.g. "/incidents". */
  path: string;
  initialViews: SavedViewRow[];
  currentQuery: string;
  canSave: boolean;
  /** May publish a view to everyone (views:share). */
  canShare: boolean;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const views = useQuery({
    queryKey: viewKeys.list(page),
    queryFn: async () => (await apiFetch<{ data: SavedViewRow[] }>(`/api/views?page=${page}`)).data,
    initialData: initialViews,
  });
  const onSettled = () => void queryClient.invalidateQueries({ queryKey: viewKeys.list(page) });
  const save = useSubmitOnce<{ data: SavedViewRow }, { name: string; shared: boolean }>({
    mutationFn: ({ name, shared }, idempotencyKey) =>
      apiFetch("/api/views", { method: "POST", json: { page, name, query: currentQuery, shared }, idempotencyKey }),
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
      onOpen={(view) => router.push(view.query ? `${path}?${view.query}` : path)}
      onSave={(name, shared) => save.submit({ name, shared })}
      onDelete={(view) => remove.mutate(view)}
    />
  );
}
