"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { apiFetch } from "@/app/(console)/_query/api";
import { useSubmitOnce } from "@/app/(console)/_query/use-submit-once";
import { buttonPrimary, buttonSecondary, inputBase } from "@/components/ui/button-styles";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { LabelledField } from "@/components/ui/labelled-field";
import { MutationError } from "@/components/ui/mutation-error";
import { cn } from "@/components/ui/cn";
import type { RemediationRequestPatch, RemediationRequestRow } from "@/lib/tvm/schemas";

type Change =
  { kind: "edit"; patch: RemediationRequestPatch } | { kind: "close" } | { kind: "reopen" } | { kind: "delete" };

const DONE: Record<Change["kind"], string> = {
  edit: "Saved.",
  close: "Closed.",
  reopen: "Reopened.",
  delete: "Deleted.",
};

/**
 * Edit (reassign, due date, note) in a modal dialog, close or reopen, and delete one remediation request
 * (tvm:report). Each act is sent once however often it is clicked (useSubmitOnce).
 */
export function RemediationRowActions({ request, today }: { request: RemediationRequestRow; today: string }) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const url = `/api/tvm/remediation-requests/${request.id}`;
  const change = useSubmitOnce<unknown, Change>({
    mutationFn: (c, idempotencyKey) =>
      c.kind === "edit"
        ? apiFetch(url, { method: "PATCH", json: c.patch, idempotencyKey })
        : c.kind === "delete"
          ? apiFetch(url, { method: "DELETE", idempotencyKey })
          : apiFetch(`${url}/${c.kind}`, { method: "POST", idempotencyKey }),
    onSuccess: (_row, c) => {
      setEditing(false);
      setDone(DONE[c.kind]);
      router.refresh();
    },
  });
  const busy = change.isPending;
  const who = `the request owned by ${request.owner}`;
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = dialog.current;
    if (editing && d && !d.open) d.showModal();
    if (!editing && d?.open) d.close();
  }, [editing]);

  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap gap-1.5">
        <button
          type="button"
          className={cn(buttonSecondary, "px-2 py-1 text-xs")}
          aria-haspopup="dialog"
          onClick={() => setEditing(true)}
          disabled={busy}
        >
          Edit
        </button>
        <button
          type="button"
          className={cn(buttonSecondary, "px-2 py-1 text-xs")}
          onClick={() => change.submit({ kind: request.status === "Closed" ? "reopen" : "close" })}
          disabled={busy}
        >
          {request.status === "Closed" ? "Reopen" : "Close"}
        </button>
        <ConfirmButton
          question={`Delete ${who}, due ${request.dueOn}, and its burndown? The audit log keeps a record.`}
          confirmLabel="Delete request"
          onConfirm={() => change.submit({ kind: "delete" })}
          disabled={busy}
        >
          <span className="text-xs">Delete</span>
        </ConfirmButton>
      </div>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        onClose={() => setEditing(false)}
        className="w-[min(28rem,92vw)] rounded-lg border border-slate-300 bg-white p-0 text-slate-900 backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        {editing ? (
          <form
            className="grid gap-3 p-5"
            onSubmit={(e) => {
              e.preventDefault();
              const f = new FormData(e.currentTarget);
              change.submit({
                kind: "edit",
                patch: {
                  owner: String(f.get("owner") ?? ""),
                  dueOn: String(f.get("dueOn") ?? ""),
                  note: String(f.get("note") ?? ""),
                },
              });
            }}
          >
            <h2 id={titleId} className="text-lg font-semibold">
              Edit {who}
            </h2>
            <LabelledField label="Owner">
              <input name="owner" required maxLength={200} defaultValue={request.owner} className={inputBase} />
            </LabelledField>
            <LabelledField label="Due date">
              <input
                name="dueOn"
                type="date"
                required
                // A due date already past may stay; a new one must be today or later (the server says so too).
                min={request.dueOn < today ? request.dueOn : today}
                defaultValue={request.dueOn}
                className={inputBase}
              />
            </LabelledField>
            <LabelledField label="Note">
              <textarea
                name="note"
                maxLength={2000}
                rows={2}
                defaultValue={request.note}
                className={cn(inputBase, "h-auto py-1")}
              />
            </LabelledField>
            <MutationError error={change.error} />
            <div className="flex justify-end gap-2">
              <button type="button" className={buttonSecondary} onClick={() => setEditing(false)}>
                Cancel
              </button>
              <button type="submit" className={buttonPrimary} disabled={busy}>
                {busy ? "Saving…" : "Save"}
              </button>
            </div>
          </form>
        ) : null}
      </dialog>
      {editing ? null : <MutationError error={change.error} />}
      {done && !change.error ? (
        <p role="status" className="text-xs text-emerald-800 dark:text-emerald-200">
          {done}
        </p>
      ) : null}
    </div>
  );
}
