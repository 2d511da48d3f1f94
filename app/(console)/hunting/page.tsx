import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/page";
import { huntingQuota, listSavedQueries } from "@/lib/hunting";
import { DEFAULT_TIMESPAN, HUNTING_TIMESPANS, decodeHuntQuery, type HuntingTimespan } from "@/lib/hunting/vocabulary";
import { HuntingWorkbench } from "./_components/hunting-workbench";
import { getDefenderPlan } from "@/lib/posture";
import { lacksPlan2, PlanFeatureNotice } from "@/components/posture/plan-notice";

export const metadata: Metadata = { title: "Hunting" };

type Search = Record<string, string | string[] | undefined>;

// /hunting — Advanced hunting: KQL against the tenant's Defender tables through Microsoft Graph. `?query=<id>` opens
// a saved query; `?q=<base64url>` opens a prefilled one (hunt from a device or an alert), `&timespan=` its time range.
// Every role may run queries.
export default async function HuntingPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireUser("console:read");
  const raw = await searchParams;
  // On a tenant without Plan 2 Graph refuses every query: say why here rather than let each run fail.
  const plan = await getDefenderPlan();
  if (lacksPlan2(plan))
    return (
      <>
        <PageHeader title="Hunting" description="Query 30 days of Defender data with KQL (advanced hunting)." />
        <PlanFeatureNotice feature="hunting" plan={plan} />
      </>
    );
  const [queries, quota] = await Promise.all([listSavedQueries(actor), huntingQuota()]);
  const opened = typeof raw.query === "string" ? (queries.find((q) => q.id === raw.query) ?? null) : null;
  const prefilled = typeof raw.q === "string" ? decodeHuntQuery(raw.q) : null;
  const timespan = HUNTING_TIMESPANS.find((t) => t === raw.timespan) ?? DEFAULT_TIMESPAN;
  return (
    <>
      <PageHeader
        title="Hunting"
        description="Query 30 days of Defender data with KQL (advanced hunting). The tenant's 45 queries a minute are shared by everyone using this console."
        actions={
          <Link href="/hunting/detections" className="text-sm text-blue-700 underline dark:text-blue-300">
            Custom detection rules
          </Link>
        }
      />
      <HuntingWorkbench
        initialQueries={queries}
        initialQuota={quota}
        initialText={prefilled ?? opened?.query ?? ""}
        initialOpenId={prefilled === null ? (opened?.id ?? null) : null}
        initialTimespan={timespan satisfies HuntingTimespan}
        canSave={actor.permissions.has("hunting:save")}
        canCreateRule={actor.permissions.has("detections:write")}
      />
    </>
  );
}
