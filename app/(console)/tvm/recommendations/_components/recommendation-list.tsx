"use client";

import { NoMatches } from "@/components/ui/no-matches";
import { ListFooter } from "@/components/ui/list-footer";
import { RecommendationTable } from "@/components/tvm/recommendation-table";
import { tvmKeys } from "@/app/(console)/_query/keys";
import { useCursorList, useUrlListView } from "@/app/(console)/_query/use-url-list";
import {
  groupQuery,
  RECOMMENDATION_PAGE_SIZE,
  recommendationSearch,
  type RecommendationPage,
  type RecommendationRow,
  type RecommendationView,
} from "@/lib/tvm/schemas";
import { RecommendationFilters } from "./recommendation-filters";

/** Defender's recommendations for a device group: the first page from the server render, "Load more" by cursor. */
export function RecommendationList({
  view,
  search,
  initialPage,
  groups,
}: {
  view: RecommendationView;
  search: string;
  initialPage: RecommendationPage;
  groups: string[];
}) {
  const { go, navigating } = useUrlListView({ path: "/tvm/recommendations", view, toSearch: recommendationSearch });
  const { list, rows, footer } = useCursorList<RecommendationRow, RecommendationPage>({
    queryKey: tvmKeys.recommendations(search),
    endpoint: "/api/tvm/recommendations",
    search,
    initialPage,
    limit: RECOMMENDATION_PAGE_SIZE,
    staleTime: 60_000,
  });
  const filtered = Boolean(view.q || view.type || view.group);
  const groupParam = groupQuery(view.group);
  return (
    <div className="space-y-3">
      <RecommendationFilters view={view} groups={groups} go={go} pending={navigating} />
      <RecommendationTable
        rows={rows}
        hrefFor={(id) => `/tvm/recommendations/${encodeURIComponent(id)}${groupParam}`}
        empty={
          filtered ? (
            <NoMatches what="recommendations" clearHref="/tvm/recommendations" />
          ) : (
            "Nothing synced yet: the first vulnerability sync fills this list."
          )
        }
      />
      <ListFooter summary={`${rows.length} shown${list.hasNextPage ? "; more match" : ""}`} list={footer} />
    </div>
  );
}
