import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/page";
import { countAwaitingApproval, getActionSettings, listActions } from "@/lib/actions";
import { ActionFilter, actionFilterToSearch } from "@/lib/actions/schemas";
import { ActionCenter } from "./_components/action-center";
import { parseLeniently } from "@/lib/http/query-params";
import { IgnoredParameters } from "@/components/ui/ignored-parameters";

export const metadata: Metadata = { title: "Actions" };

type Search = Record<string, string | string[] | undefined>;

// /actions — the action center: approvals waiting, actions in flight and history, filters in the URL, CSV export.
export default async function ActionsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireUser("console:read");
  const raw = await searchParams;
  const { value: filter, ignored } = parseLeniently(ActionFilter, raw);
  const [page, pendingApprovals, settings] = await Promise.all([
    listActions(filter, { limit: 50 }),
    countAwaitingApproval(),
    getActionSettings(),
  ]);
  return (
    <>
      <PageHeader
        title="Actions"
        description={`Response actions requested through the console and seen in Defender. Four-eyes approval of isolate and release is ${settings.fourEyes ? "on" : "off"}.`}
      />
      <IgnoredParameters names={ignored} />
      <ActionCenter
        filter={filter}
        search={actionFilterToSearch(filter).toString()}
        initialPage={page}
        pendingApprovals={pendingApprovals}
        me={actor.id}
        canApprove={actor.permissions.has("actions:approve")}
        canRespond={actor.permissions.has("actions:respond")}
      />
    </>
  );
}
