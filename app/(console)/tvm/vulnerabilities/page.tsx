import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/page";
import { listDeviceGroups, listVulnerabilities } from "@/lib/tvm";
import { VulnerabilityView, vulnerabilitySearch } from "@/lib/tvm/schemas";
import { VulnerabilityList } from "./_components/vulnerability-list";
import { parseLeniently } from "@/lib/http/query-params";
import { IgnoredParameters } from "@/components/ui/ignored-parameters";

export const metadata: Metadata = { title: "Vulnerabilities" };

type Search = Record<string, string | string[] | undefined>;

// /tvm/vulnerabilities — CVEs with their open exposure; filters and sort live in the URL.
export default async function VulnerabilitiesPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requireUser("console:read");
  const { value: view, ignored } = parseLeniently(VulnerabilityView, await searchParams);
  const [page, groups] = await Promise.all([listVulnerabilities(view, { limit: 50 }), listDeviceGroups()]);
  return (
    <>
      <PageHeader
        title="Vulnerabilities"
        description="CVEs in the estate with severity, CVSS, exploitability and the devices still exposed, from the last vulnerability sync."
      />
      <IgnoredParameters names={ignored} />
      <VulnerabilityList view={view} search={vulnerabilitySearch(view).toString()} initialPage={page} groups={groups} />
    </>
  );
}
