import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { IgnoredParameters } from "@/components/ui/ignored-parameters";
import { requireUser } from "@/lib/auth/page";
import { parseLeniently } from "@/lib/http/query-params";
import { indicatorCacheState, indicatorMeter, listIndicators } from "@/lib/indicators";
import { IndicatorFilter, indicatorFilterToSearch } from "@/lib/indicators/schemas";
import { IndicatorList } from "./_components/indicator-list";

export const metadata: Metadata = { title: "Indicators" };

type Search = Record<string, string | string[] | undefined>;

// /indicators — Defender's custom indicators: filters in the URL, a meter against the 15,000 cap, create and CSV
// import for Responders, delete for Admins.
export default async function IndicatorsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireUser("console:read");
  const { value: filter, ignored } = parseLeniently(IndicatorFilter, await searchParams);
  const now = new Date();
  const [page, meter, cache] = await Promise.all([
    listIndicators(filter, { limit: 50, now }),
    indicatorMeter(),
    indicatorCacheState(),
  ]);
  return (
    <>
      <PageHeader
        title="Indicators"
        description="Custom indicators block, alert on or allow a file hash, IP address, domain or URL on every device Defender covers."
      />
      <IgnoredParameters names={ignored} />
      <IndicatorList
        filter={filter}
        search={indicatorFilterToSearch(filter).toString()}
        initialPage={page}
        meter={meter}
        cache={cache}
        now={now.getTime()}
        canWrite={actor.permissions.has("indicators:write")}
        canDelete={actor.permissions.has("indicators:delete")}
      />
    </>
  );
}
