"use client";

import { useState, type Ref } from "react";
import { buttonPrimary, buttonSecondary, inputBase } from "@/components/ui/button-styles";
import { ALERT_STATUSES, ASSIGNED_TO_ME, type Classification } from "@/lib/alerts/vocabulary";
import type { AlertTriage } from "@/lib/alerts/schemas";
import { ClassificationFields, TriageCommentField } from "./classification-fields";
import { cn } from "@/components/ui/cn";
import { label } from "@/lib/labels";

// Triage controls for one alert or a selection: props in, one `onSubmit(change)` out. Only the fields a person
// filled are sent. The parent disables it while a change is in flight, so it cannot be submitted twice.

export interface TriageFormProps {
  /** "3 selected alerts", "this alert". */
  target: string;
  count: number;
  busy: boolean;
  onSubmit: (change: AlertTriage) => void;
  statusRef?: Ref<HTMLSelectElement>;
  /** Compact: one row above the queue. */
  layout?: "bar" | "panel";
}

export function TriageForm({ target, count, busy, onSubmit, statusRef, layout = "bar" }: TriageFormProps) {
  const [status, setStatus] = useState("");
  const [assignee, setAssignee] = useState("");
  const [classification, setClassification] = useState<Classification | "">("");
  const [determination, setDetermination] = useState("");
  const [comment, setComment] = useState("");
  const disabled = busy || count === 0;

  function submit() {
    const change: AlertTriage = {
      ...(status ? { status: status as AlertTriage["status"] } : {}),
      ...(assignee.trim() ? { assignedTo: assignee.trim() } : {}),
      ...(classification ? { classification } : {}),
      ...(classification && determination ? { determination } : {}),
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    };
    if (Object.keys(change).length === 0) return;
    onSubmit(change);
    setComment("");
  }

  return (
    <form
      aria-label={`Triage ${target}`}
      className={layout === "bar" ? "flex flex-wrap items-end gap-2" : "flex flex-col gap-3"}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <button
        type="button"
        className={buttonSecondary}
        disabled={disabled}
        onClick={() => onSubmit({ assignedTo: ASSIGNED_TO_ME })}
      >
        Assign to me
      </button>
      <label className="flex flex-col gap-1 text-xs font-medium">
        Status
        <select
          ref={statusRef}
          value={status}
          onChange={(e) => setStatus(e.target.value)}
          className={inputBase}
          disabled={disabled}
        >
          <option value="">Unchanged</option>
          {ALERT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {label("alertStatus", s)}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium">
        Assign to
        <input
          type="email"
          value={assignee}
          onChange={(e) => setAssignee(e.target.value)}
          placeholder="name@contoso.com"
          className={cn(inputBase, "w-48")}
          disabled={disabled}
        />
      </label>
      <ClassificationFields
        classification={classification}
        determination={determination}
        onChange={(next) => {
          setClassification(next.classification);
          setDetermination(next.determination);
        }}
        disabled={disabled}
      />
      <TriageCommentField value={comment} onChange={setComment} disabled={disabled} className="w-56" />
      <button type="submit" className={buttonPrimary} disabled={disabled}>
        {busy ? "Sending to Defender…" : `Apply to ${target}`}
      </button>
    </form>
  );
}
