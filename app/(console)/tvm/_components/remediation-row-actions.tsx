"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch } from "@/app/(console)/_query/api";
import { useSubmitOnce } from "@/app/(console)/_query/use-submit-once";
import { buttonPrimary, buttonSecondary, inputBase } from "@/components/ui/button-styles";
import { ConfirmButton } from "@/components/ui/confirm-button";
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

/** Edit (reassign, due date, note), close or reopen, and delete one remediation request (tvm:report). */
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

  return (
    <div className="flex min-w-48 flex-col gap-2">
      <div className="flex flex-wrap gap-1.5">
        <button
          type="button"
          className={cn(buttonSecondary, "px-2 py-1 text-xs")}
          aria-expanded={editing}
          onClick={() => setEditing((e) => !e)}
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
          onConfirm={() => change.submit({ kind: "delete" })}
          disabled={busy}
        >
          <span className="text-xs">Delete</span>
        </ConfirmButton>
      </div>
      {editing ? (
        <form
          className="grid gap-2"
          aria-label={`Edit ${who}`}
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
          <label className="flex flex-col gap-1 text-xs">
            <span className="font-medium">Owner</span>
            <input name="owner" required maxLength={200} defaultValue={request.owner} className={inputBase} />
          </label>
          <label className="flex flex-col gap-1 text-xs">
            <span className="font-medium">Due date</span>
            <input
              name="dueOn"
              type="date"
              required
              // A due date already past may stay; a new one must be today or later (the server says so too).
              min={request.dueOn < today ? request.dueOn : today}
              defaultValue={request.dueOn}
              className={inputBase}
            />
          </label>
          <label className="flex flex-col gap-1 text-xs">
            <span className="font-medium">Note</span>
            <textarea
              name="note"
              maxLength={2000}
              rows={2}
              defaultValue={request.note}
              className={cn(inputBase, "h-auto py-1")}
            />
          </label>
          <div className="flex gap-2">
            <button type="submit" className={cn(buttonPrimary, "px-2 py-1 text-xs")} disabled={busy}>
              {busy ? "Saving…" : "Save"}
            </button>
            <button
              type="button"
              className={cn(buttonSecondary, "px-2 py-1 text-xs")}
              onClick={() => setEditing(false)}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      <MutationError error={change.error} />
      {done && !change.error ? (
        <p role="status" className="text-xs text-emerald-800 dark:text-emerald-200">
          {done}
        </p>
      ) : null}
    </div>
  );
}
