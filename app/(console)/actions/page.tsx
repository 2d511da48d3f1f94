import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/page";
import { getActionSettings, listActions } from "@/lib/actions";
import { ActionFilter, actionFilterToSearch } from "@/lib/actions/schemas";
import { ActionCenter } from "./_components/action-center";

export const metadata: Metadata = { title: "Actions" };

type Search = Record<string, string | string[] | undefined>;

// /actions — the action center: approvals waiting, actions in flight and history, filters in the URL, CSV export.
export default async function ActionsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireUser("console:read");
  const raw = await searchParams;
  const parsed = ActionFilter.safeParse(raw);
  const filter = parsed.success ? parsed.data : ActionFilter.parse(Object.fromEntries(Object.entries(raw).filter(([k]) => !parsed.error.issues.some((i) => i.path[0] === k))));
  const [page, approvals, settings] = await Promise.all([
    listActions(filter, { limit: 50 }),
    listActions({ tab: "approvals", type: [], status: [] }, { limit: 200 }),
    getActionSettings(),
  ]);
  return (
    <>
      <PageHeader
        title="Actions"
        description={`Response actions requested through the console and seen in Defender. Four-eyes approval of isolate and release is ${settings.fourEyes ? "on" : "off"}.`}
      />
      {!parsed.success ? (
        <p role="alert" className="mb-3 text-sm text-red-700 dark:text-red-300">
          Some parameters in the address were not understood and were ignored: {[...new Set(parsed.error.issues.map((i) => String(i.path[0])))].join(", ")}.
        </p>
      ) : null}
      <ActionCenter
        filter={filter}
        search={actionFilterToSearch(filter).toString()}
        initialPage={page}
        pendingApprovals={approvals.data.length}
        me={actor.id}
        canApprove={actor.permissions.has("actions:approve")}
        canRespond={actor.permissions.has("actions:respond")}
      />
    </>
  );
}
