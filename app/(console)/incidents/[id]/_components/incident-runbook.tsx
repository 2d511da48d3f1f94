"use client";

import Link from "next/link";
import { useState } from "react";
import { buttonSecondary, inputBase } from "@/components/ui/button-styles";
import { MutationError } from "@/components/ui/mutation-error";
import type { ActionView } from "@/lib/actions/schemas";
import type { IncidentRunbookView, RunbookTaskPatch, RunbookTaskView } from "@/lib/runbooks/schemas";
import { apiFetch } from "../../../_query/api";
import { newIdempotencyKey } from "../../../_query/idempotency";
import { useSubmitOnce } from "../../../_query/use-submit-once";

// The incident's runbook: its tasks in order, ticked, assigned and commented on (each change audited), with the
// action a task stands for one click away — isolate or collect on one of the incident's devices (the action is
// linked to the task), live response on the device page (the session links itself back), an indicator on the
// indicators page (its hook: /indicators reads ?runbookTask and links the indicator back the same way).

interface Device {
  id: string;
  name: string;
}

const ACTION_OF: Partial<Record<RunbookTaskView["kind"], { type: string; verb: string }>> = {
  isolate: { type: "Isolate", verb: "Isolate" },
  collect: { type: "CollectInvestigationPackage", verb: "Collect package from" },
};

function TaskRow({
  incidentId,
  task,
  devices,
  canEdit,
  canRespond,
  onChange,
}: {
  incidentId: string;
  task: RunbookTaskView;
  devices: Device[];
  canEdit: boolean;
  canRespond: boolean;
  onChange: (task: RunbookTaskView) => void;
}) {
  const [assignee, setAssignee] = useState(task.assignee ?? "");
  const [comment, setComment] = useState(task.comment ?? "");
  const [device, setDevice] = useState(devices[0]?.id ?? "");
  const [started, setStarted] = useState<string | null>(null);
  const patch = useSubmitOnce<{ data: RunbookTaskView }, RunbookTaskPatch>({
    mutationFn: (body, idempotencyKey) =>
      apiFetch(`/api/incidents/${incidentId}/runbook/tasks/${task.id}`, {
        method: "PATCH",
        json: body,
        idempotencyKey,
      }),
    onSuccess: ({ data }) => onChange(data),
  });
  const act = ACTION_OF[task.kind];
  const start = useSubmitOnce<{ data: ActionView }, { type: string; deviceId: string }>({
    mutationFn: ({ type, deviceId }) =>
      apiFetch(`/api/devices/${encodeURIComponent(deviceId)}/actions`, {
        method: "POST",
        json: {
          type,
          comment: `Runbook task "${task.title}" of incident #${incidentId}`,
          idempotencyKey: newIdempotencyKey(),
        },
      }),
    onSuccess: ({ data }) => {
      setStarted(`${data.type} ${data.status}`);
      patch.submit({ actionRequestId: data.id });
    },
  });
  const checkboxId = `task-${task.id}`;
  return (
    <li
      className="space-y-1 rounded border border-slate-200 p-2 text-sm dark:border-slate-700"
      data-testid="runbook-task"
    >
      <div className="flex items-start gap-2">
        <input
          id={checkboxId}
          type="checkbox"
          className="mt-1"
          checked={task.done}
          disabled={!canEdit || patch.isPending}
          onChange={(e) => patch.submit({ done: e.target.checked })}
        />
        <label htmlFor={checkboxId} className={task.done ? "text-slate-500 line-through" : ""}>
          {task.position + 1}. {task.title}
        </label>
      </div>
      <p className="pl-6 text-xs text-slate-600 dark:text-slate-400">
        {task.done ? `Done by ${task.doneBy ?? "someone"}` : "Open"}
        {task.assignee ? ` · assigned to ${task.assignee}` : ""}
        {task.actionRequestId ? (
          <>
            {" · "}
            <Link className="underline" href={`/actions?q=&tab=all#${task.actionRequestId}`}>
              action started{started ? ` (${started})` : ""}
            </Link>
          </>
        ) : null}
      </p>
      {task.comment ? <p className="pl-6 text-xs">“{task.comment}”</p> : null}
      {canEdit ? (
        <div className="flex flex-wrap items-center gap-2 pl-6">
          <input
            aria-label={`Assignee of "${task.title}"`}
            className={`${inputBase} w-40 text-xs`}
            placeholder="assign to (UPN)"
            value={assignee}
            onChange={(e) => setAssignee(e.target.value)}
          />
          <button
            type="button"
            className={buttonSecondary}
            onClick={() => patch.submit({ assignee: assignee.trim() || null })}
          >
            Assign
          </button>
          <input
            aria-label={`Comment on "${task.title}"`}
            className={`${inputBase} w-48 text-xs`}
            placeholder="comment"
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
          <button type="button" className={buttonSecondary} onClick={() => patch.submit({ comment: comment.trim() })}>
            Comment
          </button>
        </div>
      ) : null}
      {canRespond && act && devices.length && !task.actionRequestId ? (
        <div className="flex flex-wrap items-center gap-2 pl-6">
          {devices.length > 1 ? (
            <select
              aria-label={`Device for "${task.title}"`}
              className={`${inputBase} text-xs`}
              value={device}
              onChange={(e) => setDevice(e.target.value)}
            >
              {devices.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          ) : null}
          <button
            type="button"
            className={buttonSecondary}
            disabled={start.isPending}
            onClick={() => start.submit({ type: act.type, deviceId: device })}
          >
            {act.verb} {devices.find((d) => d.id === device)?.name}
          </button>
        </div>
      ) : null}
      {task.kind === "liveResponse" && devices.length ? (
        <p className="pl-6 text-xs">
          {devices.map((d) => (
            <Link
              key={d.id}
              className="mr-3 text-blue-700 underline dark:text-blue-300"
              href={`/devices/${encodeURIComponent(d.id)}?runbookTask=${task.id}#live-response-title`}
            >
              Live response on {d.name}
            </Link>
          ))}
        </p>
      ) : null}
      {task.kind === "indicator" ? (
        <p className="pl-6 text-xs">
          {/* Hook for the indicators page: it reads runbookTask and incident, and links the indicator back. */}
          <Link
            className="text-blue-700 underline dark:text-blue-300"
            href={`/indicators?incident=${incidentId}&runbookTask=${task.id}`}
          >
            Block indicators from this incident
          </Link>
        </p>
      ) : null}
      <div className="pl-6">
        <MutationError error={patch.error ?? start.error} />
      </div>
    </li>
  );
}

export function IncidentRunbook({
  initial,
  devices,
  canEdit,
  canRespond,
}: {
  initial: IncidentRunbookView;
  devices: Device[];
  canEdit: boolean;
  canRespond: boolean;
}) {
  const [tasks, setTasks] = useState(initial.tasks);
  const done = tasks.filter((t) => t.done).length;
  return (
    <div className="space-y-2">
      <p className="text-sm" data-testid="runbook-progress">
        <strong>{initial.name}</strong> · {done}/{tasks.length} done
      </p>
      <ol className="space-y-2">
        {tasks.map((t) => (
          <TaskRow
            key={t.id}
            incidentId={initial.incidentId}
            task={t}
            devices={devices}
            canEdit={canEdit}
            canRespond={canRespond}
            onChange={(next) => setTasks((all) => all.map((x) => (x.id === next.id ? next : x)))}
          />
        ))}
      </ol>
    </div>
  );
}
