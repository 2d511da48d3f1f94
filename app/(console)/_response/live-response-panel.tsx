"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useId, useState } from "react";
import { LiveResponseSessions } from "@/components/devices/live-response-sessions";
import { buttonPrimary, inputBase } from "@/components/ui/button-styles";
import { LabelledField } from "@/components/ui/labelled-field";
import { MutationError } from "@/components/ui/mutation-error";
import { FollowWarning } from "@/components/ui/follow-warning";
import type {
  ActionPage,
  ActionView,
  LibraryFileView,
  LiveResponseCommandInput,
  ResponseDevice,
} from "@/lib/actions/schemas";
import { apiFetch } from "../_query/api";
import { actionKeys } from "../_query/keys";
import type { FollowedPage } from "../_query/follow-actions";
import { useSubmitOnce } from "../_query/use-submit-once";
import { useDeviceActions } from "./use-device-actions";

// Live response on the device page (Responders): run a library script, with its parameters, or collect a file by
// path. The session is a response action like isolation (four-eyes when on, one request per intent, followed by the
// same polling), and its results show here once Defender reports it ended. Opened from an incident runbook's task
// (?runbookTask=<id>), the session is linked back to that task.

export const libraryKey = ["liveResponse", "library"] as const;

export function LiveResponsePanel({
  device,
  fourEyes,
  initialActions,
  renderedAt,
}: {
  device: ResponseDevice;
  fourEyes: boolean;
  initialActions: ActionPage;
  renderedAt: number;
}) {
  const runbookTaskId = useSearchParams().get("runbookTask") ?? undefined;
  const { actions, following } = useDeviceActions(device.id, initialActions, renderedAt);
  const sessions = actions.filter((a) => a.type === "LiveResponse");
  const library = useQuery({
    queryKey: libraryKey,
    queryFn: () => apiFetch<{ data: LibraryFileView[] }>("/api/live-response/library"),
  });
  const [mode, setMode] = useState<"RunScript" | "GetFile">("RunScript");
  const [script, setScript] = useState("");
  const [args, setArgs] = useState("");
  const [path, setPath] = useState("");
  const [comment, setComment] = useState("");
  const formId = useId();
  const queryClient = useQueryClient();
  const search = `device=${encodeURIComponent(device.id)}`;
  const run = useSubmitOnce<{ data: ActionView; replayed: boolean }, LiveResponseCommandInput>({
    mutationFn: (command, idempotencyKey) =>
      apiFetch(`/api/devices/${encodeURIComponent(device.id)}/live-response`, {
        method: "POST",
        json: { type: "LiveResponse", commands: [command], comment, idempotencyKey, runbookTaskId },
        idempotencyKey,
      }),
    onSuccess: ({ data }) => {
      queryClient.setQueryData<FollowedPage>(actionKeys.list(search), (old) =>
        old ? { ...old, data: [data, ...old.data.filter((a) => a.id !== data.id)] } : old,
      );
      setComment("");
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: actionKeys.list(search) }),
  });
  const files = library.data?.data ?? [];
  const chosen = files.find((f) => f.fileName === script) ?? null;

  return (
    <div className="space-y-4">
      <form
        aria-labelledby={`${formId}-title`}
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          run.submit(
            mode === "RunScript"
              ? { type: "RunScript", scriptName: script, ...(args.trim() ? { args: args.trim() } : {}) }
              : { type: "GetFile", path: path.trim() },
          );
        }}
      >
        <h3 id={`${formId}-title`} className="sr-only">
          Start a live response session
        </h3>
        {runbookTaskId ? (
          <p className="text-xs text-slate-600 dark:text-slate-400">
            Started from an incident runbook task: the session is linked to it.
          </p>
        ) : null}
        <fieldset className="flex gap-4 text-sm">
          <legend className="sr-only">What to do</legend>
          <label className="flex items-center gap-1">
            <input type="radio" checked={mode === "RunScript"} onChange={() => setMode("RunScript")} />
            Run a library script
          </label>
          <label className="flex items-center gap-1">
            <input type="radio" checked={mode === "GetFile"} onChange={() => setMode("GetFile")} />
            Collect a file
          </label>
        </fieldset>
        {mode === "RunScript" ? (
          <div className="grid gap-3 sm:grid-cols-2">
            <LabelledField label="Script">
              <select className={inputBase} value={script} onChange={(e) => setScript(e.target.value)} required>
                <option value="">{library.isPending ? "Loading the library…" : "Choose a script"}</option>
                {files.map((f) => (
                  <option key={f.fileName} value={f.fileName}>
                    {f.fileName}
                  </option>
                ))}
              </select>
            </LabelledField>
            <LabelledField label="Parameters">
              <input
                className={inputBase}
                value={args}
                onChange={(e) => setArgs(e.target.value)}
                placeholder={chosen?.parametersDescription ?? "none"}
                disabled={chosen !== null && !chosen.hasParameters}
              />
            </LabelledField>
            {chosen?.description ? (
              <p className="text-xs text-slate-600 sm:col-span-2 dark:text-slate-400">{chosen.description}</p>
            ) : null}
            {library.error ? <MutationError error={library.error} /> : null}
          </div>
        ) : (
          <LabelledField label="File path on the device">
            <input
              className={inputBase}
              value={path}
              onChange={(e) => setPath(e.target.value)}
              placeholder="C:\Users\Public\invoice.exe"
              required
            />
          </LabelledField>
        )}
        <LabelledField label="Reason">
          <input
            className={inputBase}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            minLength={3}
            required
          />
        </LabelledField>
        {fourEyes ? (
          <p className="text-xs text-amber-800 dark:text-amber-200">
            Four-eyes approval is on: the session waits for a Manager or Admin to approve it.
          </p>
        ) : null}
        <button type="submit" className={buttonPrimary} disabled={run.isPending}>
          {fourEyes ? "Request live response (needs approval)" : mode === "RunScript" ? "Run script" : "Collect file"}
        </button>
        <MutationError error={run.error} />
      </form>
      <FollowWarning
        error={following.error}
        // The device's other actions have their own warning in the actions section: say only what concerns sessions.
        unrefreshed={following.unrefreshed.filter((u) => sessions.some((s) => s.id === u.id))}
        updatedAt={following.updatedAt}
        onRetry={following.retry}
      />
      <LiveResponseSessions sessions={sessions} />
    </div>
  );
}
