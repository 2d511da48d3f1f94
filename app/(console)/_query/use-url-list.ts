"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import { keepPreviousData, useInfiniteQuery, type QueryKey } from "@tanstack/react-query";
import type { PagedList } from "@/components/ui/list-footer";
import { apiFetch } from "./api";
import { pageUrl, pruneSelection, rowsOf, toggleId, type CursorPage } from "./list-cache";

// The one list pattern: the server page parses the URL and renders the first page; its client container calls
// these hooks. The URL is the view (useUrlListView), the cache pages on by cursor (useCursorList), and the
// selection is local to one view and to the rows loaded (useSelection). useUrlList is the three together.

/** The view in the URL: `go` pushes a view's canonical search string (so equal views share a cache key). */
export function useUrlListView<V>({
  path,
  view,
  toSearch,
}: {
  path: string;
  view: V;
  toSearch: (view: V) => URLSearchParams;
}) {
  const router = useRouter();
  const [navigating, startTransition] = useTransition();
  const href = (next: Partial<V>) => {
    const qs = toSearch({ ...view, ...next }).toString();
    return qs ? `${path}?${qs}` : path;
  };
  const go = (next: Partial<V>) => {
    const to = href(next);
    startTransition(() => router.push(to, { scroll: false }));
  };
  return { go, href, navigating };
}

export interface CursorListOptions<P> {
  queryKey: QueryKey;
  /** The list route, e.g. "/api/alerts"; a page is `${endpoint}?${search}&limit=…&cursor=…`. */
  endpoint: string;
  search: string;
  /** The server-rendered first page for this view. */
  initialPage: P;
  limit?: number;
  /** How a page is read (default: apiFetch of its URL); the action center refreshes unfinished rows on the way. */
  fetchPage?: (url: string) => Promise<P>;
  refetchInterval?: number | false | ((data: P[] | undefined) => number | false);
  staleTime?: number;
  /** Whether a failed background refetch shows in the footer (off when the container reports it elsewhere). */
  footerShowsRefetchErrors?: boolean;
}

/** Cursor paging of one view: "Load more" fetches the next page; the previous view's rows stay while a new one loads. */
export function useCursorList<T, P extends CursorPage<T>>(options: CursorListOptions<P>) {
  const {
    queryKey,
    endpoint,
    search,
    initialPage,
    limit = 50,
    fetchPage = apiFetch<P>,
    refetchInterval,
    staleTime,
    footerShowsRefetchErrors = true,
  } = options;
  const list = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageUrl(endpoint, search, limit, pageParam)),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: { pages: [initialPage], pageParams: [null] },
    placeholderData: keepPreviousData,
    refetchInterval:
      typeof refetchInterval === "function" ? (q) => refetchInterval(q.state.data?.pages) : refetchInterval,
    staleTime,
  });
  const rows: T[] = useMemo(() => rowsOf(list.data) as T[], [list.data]);
  const footer: PagedList = {
    hasNextPage: list.hasNextPage,
    isFetchingNextPage: list.isFetchingNextPage,
    fetchNextPage: list.fetchNextPage,
    error: footerShowsRefetchErrors || list.isFetchNextPageError ? list.error : null,
  };
  return { list, pages: list.data.pages, rows, footer };
}

/**
 * Row selection for one view: it starts empty when the view (`viewKey`) changes, and a selected row that leaves
 * the loaded rows (a refetch after a change, a row that no longer matches) leaves the selection too, so the
 * count shown always equals the boxes ticked.
 */
export function useSelection({ viewKey, rowIds }: { viewKey: string; rowIds: readonly string[] }) {
  const [state, setState] = useState<{ viewKey: string; ids: ReadonlySet<string> }>({ viewKey, ids: new Set() });
  const current = state.viewKey === viewKey ? state.ids : EMPTY;
  const selected = pruneSelection(current, rowIds);
  // Adjust the stored selection during render (React's pattern for state derived from props) so a row that
  // comes back later is not silently selected again.
  if (state.viewKey !== viewKey || selected !== state.ids) setState({ viewKey, ids: selected });
  return {
    selected,
    toggle: (id: string) => setState({ viewKey, ids: toggleId(selected, id) }),
    set: (ids: Iterable<string>) => setState({ viewKey, ids: new Set(ids) }),
    setAll: (all: boolean) => setState({ viewKey, ids: all ? new Set(rowIds) : EMPTY }),
    clear: () => setState({ viewKey, ids: EMPTY }),
  };
}

const EMPTY: ReadonlySet<string> = new Set();

/** A URL-driven, cursor-paged, selectable list: the three hooks above for one view. */
export function useUrlList<V, T, P extends CursorPage<T>>(
  options: CursorListOptions<P> & {
    path: string;
    view: V;
    toSearch: (view: V) => URLSearchParams;
    idOf: (row: T) => string;
  },
) {
  const url = useUrlListView({ path: options.path, view: options.view, toSearch: options.toSearch });
  const paged = useCursorList<T, P>(options);
  const rowIds = useMemo(() => paged.rows.map(options.idOf), [paged.rows, options.idOf]);
  const selection = useSelection({ viewKey: options.search, rowIds });
  return { ...url, ...paged, selection };
}
