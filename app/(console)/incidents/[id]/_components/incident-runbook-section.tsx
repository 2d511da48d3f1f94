import { MainSection } from "@/components/ui/card-section";
import type { Actor } from "@/lib/auth/actor";
import { getIncidentRunbook } from "@/lib/runbooks";
import { IncidentRunbook } from "./incident-runbook";

// The incident page's runbook section (mounted with one line): the matching template's tasks, attached on first
// view if the sync has not attached them yet. Nothing when no template matches.
export async function IncidentRunbookSection({
  actor,
  incidentId,
  devices,
}: {
  actor: Actor;
  incidentId: string;
  devices: { id: string | null; name: string }[];
}) {
  const runbook = await getIncidentRunbook(incidentId);
  if (!runbook) return null;
  return (
    <MainSection id="runbook-title" title="Runbook">
      <IncidentRunbook
        initial={runbook}
        devices={devices.flatMap((d) => (d.id ? [{ id: d.id, name: d.name }] : []))}
        canEdit={actor.permissions.has("alerts:triage")}
        canRespond={actor.permissions.has("actions:respond")}
      />
    </MainSection>
  );
}
