"use client";

import { useState, type Ref } from "react";
import { buttonPrimary, buttonSecondary, inputBase } from "@/components/ui/button-styles";
import { ALERT_STATUSES, ASSIGNED_TO_ME, type AlertStatus, type Classification } from "@/lib/alerts/vocabulary";
import type { AlertTriage } from "@/lib/alerts/schemas";
import {
  AssigneePicker,
  assigneeSendable,
  assigneeState,
  type AssigneeLookup,
} from "@/components/triage/assignee-picker";
import { ClassificationFields, TriageCommentField } from "./classification-fields";
import { label } from "@/lib/labels";

// Triage controls for one alert, one incident or a selection of either: props in, one `onSubmit(change)` out.
// Only the fields a person filled are sent. The parent disables it while a change is in flight, so it cannot be
// submitted twice.

/** A triage change with the statuses of the thing triaged (alerts by default, incidents). */
export type TriageChange<S extends string = AlertStatus> = Omit<AlertTriage, "status"> & { status?: S };

export interface TriageFormProps<S extends string = AlertStatus> {
  /** "3 selected alerts", "this alert". */
  target: string;
  count: number;
  busy: boolean;
  onSubmit: (change: TriageChange<S>) => void;
  /** The assignee picker's look-up (useAssigneeLookup). */
  assignees: AssigneeLookup;
  statusRef?: Ref<HTMLSelectElement>;
  /** Compact: one row above the queue. */
  layout?: "bar" | "panel";
  /** The statuses a person may set (default: the alert statuses). */
  statuses?: readonly S[];
  /** Incidents take a determination only with this classification (Defender XDR). */
  determinationOnlyFor?: Classification;
}

export function TriageForm<S extends string = AlertStatus>({
  target,
  count,
  busy,
  onSubmit,
  assignees,
  statusRef,
  layout = "bar",
  statuses = ALERT_STATUSES as unknown as readonly S[],
  determinationOnlyFor,
}: TriageFormProps<S>) {
  const [status, setStatus] = useState("");
  const [assignee, setAssignee] = useState("");
  const [classification, setClassification] = useState<Classification | "">("");
  const [determination, setDetermination] = useState("");
  const [comment, setComment] = useState("");
  const [assigneeConfirmed, setAssigneeConfirmed] = useState(false);
  const disabled = busy || count === 0;
  const assigneeOk = assigneeSendable(assigneeState(assignee, assignees, assigneeConfirmed));
  const takesDetermination = determinationOnlyFor === undefined || classification === determinationOnlyFor;

  function submit() {
    if (!assigneeOk) return;
    const change: TriageChange<S> = {
      ...(status ? { status: status as S } : {}),
      ...(assignee.trim() ? { assignedTo: assignee.trim() } : {}),
      ...(classification ? { classification } : {}),
      ...(classification && determination && takesDetermination ? { determination } : {}),
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
          {statuses.map((s) => (
            <option key={s} value={s}>
              {label("alertStatus", s)}
            </option>
          ))}
        </select>
      </label>
      <AssigneePicker
        value={assignee}
        onChange={setAssignee}
        lookup={assignees}
        confirmed={assigneeConfirmed}
        onConfirm={setAssigneeConfirmed}
        disabled={disabled}
      />
      <ClassificationFields
        classification={classification}
        determination={determination}
        onChange={(next) => {
          setClassification(next.classification);
          setDetermination(next.determination);
        }}
        disabled={disabled}
        determinationOnlyFor={determinationOnlyFor}
      />
      <TriageCommentField value={comment} onChange={setComment} disabled={disabled} className="w-56" />
      <button type="submit" className={buttonPrimary} disabled={disabled || !assigneeOk}>
        {busy ? "Sending to Defender…" : `Apply to ${target}`}
      </button>
    </form>
  );
}
