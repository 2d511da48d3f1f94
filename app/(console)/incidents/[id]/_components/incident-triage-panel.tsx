"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonPrimary, buttonSecondary, inputBase } from "@/components/ui/button-styles";
import { ApiError, apiFetch } from "../../../_query/api";
import { alertKeys, incidentKeys } from "../../../_query/keys";
import { ClassificationFields, TriageCommentField } from "@/components/alerts/classification-fields";
import { ASSIGNED_TO_ME, type Classification } from "@/lib/alerts/vocabulary";
import { SETTABLE_INCIDENT_STATUSES, type IncidentTriage } from "@/lib/incidents/schemas";
import { OutcomeMessage, type Outcome } from "@/components/ui/outcome-banner";
import { label } from "@/lib/labels";

// Assign, set status and classify an incident; Defender XDR applies status and assignee to its alerts too.
export function IncidentTriagePanel({ id }: { id: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState("");
  const [comment, setComment] = useState("");
  const [classified, setClassified] = useState<{ classification: Classification | ""; determination: string }>({
    classification: "",
    determination: "",
  });
  const [message, setMessage] = useState<Outcome | null>(null);
  const triage = useMutation<unknown, ApiError, IncidentTriage>({
    mutationFn: (change) => apiFetch(`/api/incidents/${id}`, { method: "PATCH", json: change }),
    onSuccess: () => {
      setMessage({ ok: true, text: "Defender accepted the change." });
      setComment("");
      setClassified({ classification: "", determination: "" });
      router.refresh();
    },
    onError: (error) => setMessage({ ok: false, text: `Not changed: ${error.message}` }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: incidentKeys.all });
      void queryClient.invalidateQueries({ queryKey: alertKeys.all });
    },
  });
  const busy = triage.isPending;
  return (
    <div className="flex flex-col gap-3">
      <button
        type="button"
        className={buttonSecondary}
        disabled={busy}
        onClick={() => triage.mutate({ assignedTo: ASSIGNED_TO_ME })}
      >
        Assign to me
      </button>
      <form
        className="flex flex-col gap-3"
        aria-label="Incident triage"
        onSubmit={(e) => {
          e.preventDefault();
          const change: IncidentTriage = {
            ...(status ? { status: status as IncidentTriage["status"] } : {}),
            ...(classified.classification ? { classification: classified.classification } : {}),
            ...(classified.classification === "TruePositive" && classified.determination
              ? { determination: classified.determination }
              : {}),
            ...(comment.trim() ? { comment: comment.trim() } : {}),
          };
          if (Object.keys(change).length) triage.mutate(change);
        }}
      >
        <label className="flex flex-col gap-1 text-xs font-medium">
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value)} className={inputBase} disabled={busy}>
            <option value="">Unchanged</option>
            {SETTABLE_INCIDENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {label("incidentStatus", s)}
              </option>
            ))}
          </select>
        </label>
        <ClassificationFields
          {...classified}
          onChange={setClassified}
          disabled={busy}
          determinationOnlyFor="TruePositive"
        />
        <TriageCommentField value={comment} onChange={setComment} disabled={busy} />
        <button type="submit" className={buttonPrimary} disabled={busy}>
          {busy ? "Sending to Defender…" : "Apply to incident"}
        </button>
      </form>
      <OutcomeMessage message={message} />
    </div>
  );
}
