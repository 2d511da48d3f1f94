"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { TriageForm } from "@/components/alerts/triage-form";
import { apiFetch } from "../../../_query/api";
import { useSubmitOnce } from "../../../_query/use-submit-once";
import { alertKeys } from "../../../_query/keys";
import { useAssigneeLookup } from "../../../_query/use-assignee-lookup";
import type { AlertRow, AlertTriage } from "@/lib/alerts/schemas";
import { OutcomeMessage, type Outcome } from "@/components/ui/outcome-banner";

// Triage on the alert page: the change goes to Defender; on success the server-rendered page refreshes (status,
// comments, history) and the form starts empty again; on refusal Defender's reason is shown and nothing changed.
// useSubmitOnce: a double click sends one PATCH, carrying an Idempotency-Key.
export function AlertTriagePanel({ id }: { id: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<Outcome | null>(null);
  const assignees = useAssigneeLookup();
  const [formGeneration, setFormGeneration] = useState(0);
  const triage = useSubmitOnce<{ data: AlertRow }, AlertTriage>({
    mutationFn: (change, idempotencyKey) =>
      apiFetch(`/api/alerts/${encodeURIComponent(id)}`, { method: "PATCH", json: change, idempotencyKey }),
    onSuccess: () => {
      setMessage({ ok: true, text: "Defender accepted the change." });
      setFormGeneration((n) => n + 1);
      router.refresh();
    },
    onError: (error) => setMessage({ ok: false, text: `Not changed: ${error.message}` }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: alertKeys.all }),
  });
  return (
    <div className="space-y-3">
      <TriageForm
        key={formGeneration}
        target="this alert"
        count={1}
        busy={triage.isPending}
        onSubmit={(change) => triage.submit(change)}
        assignees={assignees}
        layout="panel"
      />
      <OutcomeMessage message={message} />
    </div>
  );
}
