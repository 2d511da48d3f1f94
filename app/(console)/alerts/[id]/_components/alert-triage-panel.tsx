"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { TriageForm } from "@/components/alerts/triage-form";
import { ApiError, apiFetch } from "../../../_query/api";
import { alertKeys } from "../../../_query/keys";
import { useAssigneeLookup } from "../../../_query/use-assignee-lookup";
import type { AlertRow, AlertTriage } from "@/lib/alerts/schemas";
import { OutcomeMessage, type Outcome } from "@/components/ui/outcome-banner";

// Triage on the alert page: the change goes to Defender; on success the server-rendered page refreshes (status,
// comments, history), on refusal Defender's reason is shown and nothing changed.
export function AlertTriagePanel({ id }: { id: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<Outcome | null>(null);
  const assignees = useAssigneeLookup();
  const triage = useMutation<{ data: AlertRow }, ApiError, AlertTriage>({
    mutationFn: (change) => apiFetch(`/api/alerts/${encodeURIComponent(id)}`, { method: "PATCH", json: change }),
    onSuccess: () => {
      setMessage({ ok: true, text: "Defender accepted the change." });
      router.refresh();
    },
    onError: (error) => setMessage({ ok: false, text: `Not changed: ${error.message}` }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: alertKeys.all }),
  });
  return (
    <div className="space-y-3">
      <TriageForm
        target="this alert"
        count={1}
        busy={triage.isPending}
        onSubmit={(change) => triage.mutate(change)}
        assignees={assignees}
        layout="panel"
      />
      <OutcomeMessage message={message} />
    </div>
  );
}
