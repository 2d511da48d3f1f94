import type { InfiniteData } from "@tanstack/react-query";

// Pure helpers behind every cursor-paged list (use-url-list.ts): the URL of one page, and cache updaters for the
// infinite query's pages. No React here, so each is unit-tested on plain data (list-cache.test.ts).

/** One page of a keyset-paged list route: `nextCursor` is null on the last page. */
export interface CursorPage<T> {
  data: T[];
  nextCursor: string | null;
}

/** The row type of a page type. */
export type RowOf<P> = P extends CursorPage<infer T> ? T : never;

/** The URL of one page: the view's canonical search string, then the page size and the cursor (absent on page one). */
export function pageUrl(endpoint: string, search: string, limit: number, cursor: string | null): string {
  const parts = [search, `limit=${limit}`, cursor ? `cursor=${encodeURIComponent(cursor)}` : ""].filter(Boolean);
  return `${endpoint}?${parts.join("&")}`;
}

/** Every loaded row, in page order. */
export function rowsOf<P extends CursorPage<unknown>>(data: InfiniteData<P> | undefined): RowOf<P>[] {
  return data ? (data.pages.flatMap((p) => p.data) as RowOf<P>[]) : [];
}

/** The pages with each row whose id is in `ids` replaced by `update(row)`; other rows and pages keep their identity. */
export function updateRowsInPages<P extends CursorPage<unknown>>(
  data: InfiniteData<P> | undefined,
  ids: Iterable<string>,
  idOf: (row: RowOf<P>) => string,
  update: (row: RowOf<P>) => RowOf<P>,
): InfiniteData<P> | undefined {
  if (!data) return data;
  const wanted = new Set(ids);
  if (wanted.size === 0) return data;
  let changed = false;
  const pages = data.pages.map((page) => {
    const rows = page.data as RowOf<P>[];
    if (!rows.some((r) => wanted.has(idOf(r)))) return page;
    changed = true;
    return { ...page, data: rows.map((r) => (wanted.has(idOf(r)) ? update(r) : r)) };
  });
  return changed ? { ...data, pages } : data;
}

/** One row replaced (e.g. by the server's answer to a change); a row not loaded leaves the data as it was. */
export function updateRowInPages<P extends CursorPage<unknown>>(
  data: InfiniteData<P> | undefined,
  row: RowOf<P>,
  idOf: (row: RowOf<P>) => string,
): InfiniteData<P> | undefined {
  return updateRowsInPages(data, [idOf(row)], idOf, () => row);
}

/** The pages without the rows whose id is in `ids` (cursors are kept: they point past the removed rows anyway). */
export function removeRowsFromPages<P extends CursorPage<unknown>>(
  data: InfiniteData<P> | undefined,
  ids: Iterable<string>,
  idOf: (row: RowOf<P>) => string,
): InfiniteData<P> | undefined {
  if (!data) return data;
  const gone = new Set(ids);
  if (gone.size === 0) return data;
  let changed = false;
  const pages = data.pages.map((page) => {
    const kept = (page.data as RowOf<P>[]).filter((r) => !gone.has(idOf(r)));
    if (kept.length === page.data.length) return page;
    changed = true;
    return { ...page, data: kept };
  });
  return changed ? { ...data, pages } : data;
}

/**
 * The selection restricted to rows that are loaded, so "N selected" always counts ticked boxes: a selected row
 * that left the list (a refetch after triage, a row that no longer matches) is no longer selected. Returns the
 * same Set when nothing left, so callers can compare by identity.
 */
export function pruneSelection(selected: ReadonlySet<string>, loadedIds: Iterable<string>): ReadonlySet<string> {
  if (selected.size === 0) return selected;
  const loaded = new Set(loadedIds);
  for (const id of selected) {
    if (!loaded.has(id)) return new Set([...selected].filter((s) => loaded.has(s)));
  }
  return selected;
}

/** The selection with `id` ticked or unticked. */
export function toggleId(selected: ReadonlySet<string>, id: string): ReadonlySet<string> {
  const next = new Set(selected);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}
