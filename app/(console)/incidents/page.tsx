import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/page";
import { listIncidents } from "@/lib/incidents";
import { IncidentFilter, incidentFilterToSearch } from "@/lib/incidents/schemas";
import { parseLeniently } from "@/lib/http/query-params";
import { IgnoredParameters } from "@/components/ui/ignored-parameters";
import { IncidentList } from "./_components/incident-list";

export const metadata: Metadata = { title: "Incidents" };

type Search = Record<string, string | string[] | undefined>;

// /incidents — the URL is the view (filters and sort), so it can be shared; "Load more" pages on by cursor.
export default async function IncidentsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireUser("console:read");
  const { value: filter, ignored } = parseLeniently(IncidentFilter, await searchParams);
  const page = await listIncidents(actor, filter, { limit: 50 });
  return (
    <>
      <PageHeader
        title="Incidents"
        description="Defender XDR incidents correlating alerts across devices and users, newest change first."
      />
      <IgnoredParameters names={ignored} />
      <IncidentList filter={filter} search={incidentFilterToSearch(filter).toString()} initialPage={page} />
    </>
  );
}
