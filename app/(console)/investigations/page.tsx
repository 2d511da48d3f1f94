import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { IgnoredParameters } from "@/components/ui/ignored-parameters";
import { requireUser } from "@/lib/auth/page";
import { parseLeniently } from "@/lib/http/query-params";
import { countPendingApproval, investigationCacheState, listInvestigations } from "@/lib/investigations";
import { InvestigationFilter, investigationFilterToSearch } from "@/lib/investigations/schemas";
import { InvestigationList } from "./_components/investigation-list";

export const metadata: Metadata = { title: "Investigations" };

type Search = Record<string, string | string[] | undefined>;

// /investigations — Defender's automated investigations: all of them, or the queue pending approval with the days
// left before the actions time out; filters in the URL.
export default async function InvestigationsPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requireUser("console:read");
  const { value: filter, ignored } = parseLeniently(InvestigationFilter, await searchParams);
  const now = new Date();
  const [page, pending, cache] = await Promise.all([
    listInvestigations(filter, { limit: 50, now }),
    countPendingApproval(),
    investigationCacheState(),
  ]);
  return (
    <>
      <PageHeader
        title="Investigations"
        description="Defender's automated investigations (AIR): what started them, how long they ran and what they wait for. Remediation actions awaiting approval can only be approved or rejected in the Defender action center — Microsoft offers no API for it."
      />
      <IgnoredParameters names={ignored} />
      <InvestigationList
        filter={filter}
        search={investigationFilterToSearch(filter).toString()}
        initialPage={page}
        pending={pending}
        cache={cache}
        now={now.getTime()}
      />
    </>
  );
}
