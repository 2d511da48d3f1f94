import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { RemediationTable } from "@/components/tvm/remediation-table";
import { requireUser } from "@/lib/auth/page";
import { listDeviceGroups, listRecommendations, listRemediationRequests } from "@/lib/tvm";
import { RECOMMENDATION_PAGE_SIZE, recommendationSearch, RecommendationView } from "@/lib/tvm/schemas";
import { RecommendationList } from "./_components/recommendation-list";
import { parseLeniently } from "@/lib/http/query-params";
import { IgnoredParameters } from "@/components/ui/ignored-parameters";
import { RemediationRowActions } from "../_components/remediation-row-actions";

export const metadata: Metadata = { title: "Recommendations" };

type Search = Record<string, string | string[] | undefined>;

// /tvm/recommendations — remediation requests in flight, then Defender's recommendations for a device group.
export default async function RecommendationsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireUser("console:read");
  const raw = await searchParams;
  const { value: view, ignored } = parseLeniently(RecommendationView, raw);
  const [recs, requests, groups] = await Promise.all([
    listRecommendations(view, { limit: RECOMMENDATION_PAGE_SIZE }),
    listRemediationRequests(),
    listDeviceGroups(),
  ]);
  const overdue = requests.filter((r) => r.overdue).length;
  const today = new Date().toISOString().slice(0, 10);
  return (
    <>
      <PageHeader
        title="Recommendations and remediation"
        description="Defender's security recommendations ranked by impact, and the remediation requests tracking them."
      />
      <section aria-labelledby="requests-heading" className="mb-6">
        <h2 id="requests-heading" className="mb-2 text-base font-semibold">
          Remediation requests
          {overdue ? (
            <span className="ml-2 text-sm font-medium text-red-700 dark:text-red-300">{overdue} overdue</span>
          ) : null}
        </h2>
        <RemediationTable
          rows={requests}
          empty="No remediation requests yet. A Manager creates one from a recommendation's page."
          manage={
            actor.permissions.has("tvm:report") ? (r) => <RemediationRowActions request={r} today={today} /> : undefined
          }
        />
      </section>
      <section aria-labelledby="recs-heading">
        <h2 id="recs-heading" className="mb-2 text-base font-semibold">
          Security recommendations
        </h2>
        <IgnoredParameters names={ignored} />
        <RecommendationList
          view={view}
          search={recommendationSearch(view).toString()}
          initialPage={recs}
          groups={groups}
        />
      </section>
    </>
  );
}
