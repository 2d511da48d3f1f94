"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch } from "../../../_query/api";
import { useSubmitOnce } from "../../../_query/use-submit-once";
import { alertKeys, incidentKeys } from "../../../_query/keys";
import { useAssigneeLookup } from "../../../_query/use-assignee-lookup";
import { TriageForm } from "@/components/alerts/triage-form";
import { SETTABLE_INCIDENT_STATUSES, type IncidentTriage } from "@/lib/incidents/schemas";
import { OutcomeMessage, type Outcome } from "@/components/ui/outcome-banner";

// Assign, set status and classify an incident; Defender XDR applies status and assignee to its alerts too. The
// form is disabled while a change is on its way and each intent carries one Idempotency-Key, so a double click
// sends one update.
export function IncidentTriagePanel({ id }: { id: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<Outcome | null>(null);
  const assignees = useAssigneeLookup();
  const triage = useSubmitOnce<unknown, IncidentTriage>({
    mutationFn: (change, idempotencyKey) =>
      apiFetch(`/api/incidents/${id}`, { method: "PATCH", json: change, idempotencyKey }),
    onSuccess: () => {
      setMessage({ ok: true, text: "Defender accepted the change." });
      router.refresh();
    },
    onError: (error) => setMessage({ ok: false, text: `Not changed: ${error.message}` }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: incidentKeys.all });
      void queryClient.invalidateQueries({ queryKey: alertKeys.all });
    },
  });
  return (
    <div className="space-y-3">
      <TriageForm
        target="this incident"
        count={1}
        busy={triage.isPending}
        onSubmit={triage.submit}
        assignees={assignees}
        layout="panel"
        statuses={SETTABLE_INCIDENT_STATUSES}
        determinationOnlyFor="TruePositive"
      />
      <OutcomeMessage message={message} />
    </div>
  );
}
