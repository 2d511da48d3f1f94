import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/page";
import { listDetectionRules } from "@/lib/detections";
import { listSavedQueries } from "@/lib/hunting";
import { DetectionsConsole } from "./_components/detections-console";

export const metadata: Metadata = { title: "Custom detection rules" };

type Search = Record<string, string | string[] | undefined>;

// /hunting/detections — custom detection rules (Microsoft Graph holds them; the list is the cache's copy): last run,
// status, failures and the alerts each raised. `?new=<saved query id>` opens the form on that query. Every role
// reads; Analysts and above create, change, enable and disable; Admins delete.
export default async function DetectionsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireUser("console:read");
  const raw = await searchParams;
  const [rules, queries] = await Promise.all([listDetectionRules(), listSavedQueries(actor)]);
  const canWrite = actor.permissions.has("detections:write");
  return (
    <>
      <PageHeader
        title="Custom detection rules"
        description="Saved hunting queries that Defender runs on a schedule and turns into alerts. Rules live in Microsoft Defender (through Microsoft Graph); this list is refreshed hourly by the sync and after every change made here."
        actions={
          <Link href="/hunting" className="text-sm text-blue-700 underline dark:text-blue-300">
            Back to hunting
          </Link>
        }
      />
      <DetectionsConsole
        initialRules={rules}
        queries={queries.map((q) => ({ id: q.id, name: q.name, query: q.query }))}
        newForQueryId={canWrite && typeof raw.new === "string" ? raw.new : null}
        canWrite={canWrite}
        canDelete={actor.permissions.has("detections:delete")}
      />
    </>
  );
}
