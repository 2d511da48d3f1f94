import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/page";
import { incidentSlaCounts, listIncidentAssignees, listIncidents } from "@/lib/incidents";
import { IncidentView, incidentViewToSearch } from "@/lib/incidents/schemas";
import { listSavedViews } from "@/lib/views";
import { parseLeniently } from "@/lib/http/query-params";
import { IgnoredParameters } from "@/components/ui/ignored-parameters";
import { ListSavedViews } from "../_components/list-saved-views";
import { IncidentList } from "./_components/incident-list";

export const metadata: Metadata = { title: "Incidents" };

type Search = Record<string, string | string[] | undefined>;

// /incidents — the URL is the view (filters and sort), so it can be shared and saved; "Load more" pages on by cursor.
export default async function IncidentsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireUser("console:read");
  const { value: view, ignored } = parseLeniently(IncidentView, await searchParams);
  const now = new Date();
  const [page, counts, assignees, views] = await Promise.all([
    listIncidents(actor, view, { limit: 50, now }),
    incidentSlaCounts(now),
    listIncidentAssignees(),
    listSavedViews(actor, "incidents"),
  ]);
  const search = incidentViewToSearch(view).toString();
  return (
    <>
      <PageHeader
        title="Incidents"
        description="Defender XDR incidents, open ones first, ranked by the priority of their alerts and the time left on their SLA."
      />
      <IgnoredParameters names={ignored} />
      <div className="mb-3">
        <ListSavedViews
          page="incidents"
          path="/incidents"
          initialViews={views}
          currentQuery={search}
          canSave={actor.type === "user" && actor.permissions.has("views:write")}
          canShare={actor.permissions.has("views:share")}
        />
      </div>
      <IncidentList
        view={view}
        search={search}
        initialPage={page}
        counts={counts}
        now={now.getTime()}
        me={actor.name}
        canTriage={actor.permissions.has("alerts:triage")}
        assignees={assignees}
      />
    </>
  );
}
