import type { Metadata } from "next";
import { NoMatches } from "@/components/ui/no-matches";
import { PageHeader } from "@/components/ui/page-header";
import { RecommendationTable } from "@/components/tvm/recommendation-table";
import { RemediationTable } from "@/components/tvm/remediation-table";
import { requireUser } from "@/lib/auth/page";
import { listDeviceGroups, listRecommendations, listRemediationRequests } from "@/lib/tvm";
import { groupQuery, RecommendationView } from "@/lib/tvm/schemas";
import { RecommendationFilters } from "./_components/recommendation-filters";
import { parseLeniently } from "@/lib/http/query-params";
import { IgnoredParameters } from "@/components/ui/ignored-parameters";

export const metadata: Metadata = { title: "Recommendations" };

type Search = Record<string, string | string[] | undefined>;

// /tvm/recommendations — remediation requests in flight, then Defender's recommendations for a device group.
export default async function RecommendationsPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requireUser("console:read");
  const raw = await searchParams;
  const { value: view, ignored } = parseLeniently(RecommendationView, raw);
  const [recs, requests, groups] = await Promise.all([listRecommendations(view), listRemediationRequests(), listDeviceGroups()]);
  const overdue = requests.filter((r) => r.overdue).length;
  const filtered = Boolean(view.q || view.type || view.group);
  const groupParam = groupQuery(view.group);
  return (
    <>
      <PageHeader title="Recommendations and remediation" description="Defender's security recommendations ranked by impact, and the remediation requests tracking them." />
      <section aria-labelledby="requests-heading" className="mb-6">
        <h2 id="requests-heading" className="mb-2 text-base font-semibold">
          Remediation requests
          {overdue ? <span className="ml-2 text-sm font-medium text-red-700 dark:text-red-300">{overdue} overdue</span> : null}
        </h2>
        <RemediationTable rows={requests} empty="No remediation requests yet. A Manager creates one from a recommendation's page." />
      </section>
      <section aria-labelledby="recs-heading">
        <h2 id="recs-heading" className="mb-2 text-base font-semibold">
          Security recommendations
        </h2>
        <IgnoredParameters names={ignored} />
        <RecommendationFilters view={view} groups={groups} />
        <RecommendationTable
          rows={recs.data}
          hrefFor={(id) => `/tvm/recommendations/${encodeURIComponent(id)}${groupParam}`}
          empty={filtered ? <NoMatches what="recommendations" clearHref="/tvm/recommendations" /> : "Nothing synced yet: the first vulnerability sync fills this list."}
        />
        {recs.truncated ? <p className="mt-2 text-xs text-slate-500">Showing the first {recs.data.length}; narrow the filters to see the rest.</p> : null}
      </section>
    </>
  );
}
