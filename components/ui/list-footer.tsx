import type { ReactNode } from "react";
import { buttonSecondary } from "./button-styles";

/** The slice of an infinite query a list footer needs (TanStack Query's useInfiniteQuery result fits). */
export interface PagedList {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
  error: { message: string } | null;
}

/** Under a cursor-paged table: how many rows are shown, "Load more" while pages remain, and a failed page's error. */
export function ListFooter({ summary, list }: { summary: ReactNode; list: PagedList }) {
  return (
    <div className="flex items-center gap-3 text-sm text-slate-600 dark:text-slate-400">
      <span>{summary}</span>
      {list.hasNextPage ? (
        <button
          type="button"
          className={buttonSecondary}
          disabled={list.isFetchingNextPage}
          onClick={() => void list.fetchNextPage()}
        >
          {list.isFetchingNextPage ? "Loading…" : "Load more"}
        </button>
      ) : null}
      {list.error ? (
        <span role="alert" className="text-red-700 dark:text-red-300">
          {list.error.message}
        </span>
      ) : null}
    </div>
  );
}
