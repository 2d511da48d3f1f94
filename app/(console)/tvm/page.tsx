import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/page";
import { getTvmDashboard } from "@/lib/tvm";
import { DashboardQuery } from "@/lib/tvm/schemas";
import { TvmDashboardView } from "./_components/tvm-dashboard";
import { parseLeniently } from "@/lib/http/query-params";
import { IgnoredParameters } from "@/components/ui/ignored-parameters";

export const metadata: Metadata = { title: "Vulnerability management" };

type Search = Record<string, string | string[] | undefined>;

// /tvm — the exposure dashboard for one device group or the tenant, over 7/30/90/365 days (the URL is the view).
export default async function TvmPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requireUser("console:read");
  const { value: query, ignored } = parseLeniently(DashboardQuery, await searchParams);
  const now = new Date();
  const data = await getTvmDashboard(query, now);
  return (
    <>
      <PageHeader
        title="Vulnerability management"
        description="Exposure and Secure Score trends kept by the console (Defender only reports today's value), with what to patch next."
        actions={
          <nav aria-label="Vulnerability management" className="no-print flex gap-3 text-sm">
            <Link className="text-blue-700 underline dark:text-blue-300" href="/tvm/vulnerabilities">
              Vulnerabilities
            </Link>
            <Link className="text-blue-700 underline dark:text-blue-300" href="/tvm/recommendations">
              Recommendations and remediation
            </Link>
          </nav>
        }
      />
      <IgnoredParameters names={data.unknownGroup ? [...ignored, "group"] : ignored} />
      <TvmDashboardView data={data} now={now.getTime()} />
    </>
  );
}
