"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { NotificationRuleEditor } from "@/components/notifications/rule-editor";
import { buttonDanger, buttonPrimary, buttonSecondary } from "@/components/ui/button-styles";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { OutcomeMessage, type Outcome } from "@/components/ui/outcome-banner";
import { RowsTable, Td } from "@/components/ui/table";
import { DeliveryLogTable } from "@/components/notifications/delivery-log-table";
import { label } from "@/lib/labels";
import type { ChannelView, DeliveryLogRow, RuleInput, RuleView } from "@/lib/notifications/schemas";
import { ApiError, apiFetch } from "../../_query/api";
import { notificationKeys } from "../../_query/keys";
import { useSubmitOnce } from "../../_query/use-submit-once";

// The notification rules page's client container: the rules (refetched after each change), the editor for a new or
// an existing rule, test-send and delete, and for Admins the latest delivery attempts.

export function NotificationRules({
  initialRules,
  channels,
  log,
}: {
  initialRules: RuleView[];
  channels: ChannelView[];
  /** Admins only. */
  log: DeliveryLogRow[] | null;
}) {
  const queryClient = useQueryClient();
  const rules = useQuery({
    queryKey: notificationKeys.rules(),
    queryFn: () => apiFetch<{ data: RuleView[] }>("/api/notifications/rules").then((r) => r.data),
    initialData: initialRules,
  });
  const [editing, setEditing] = useState<RuleView | "new" | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<RuleView | null>(null);
  const channelName = new Map(channels.map((c) => [c.id, c.name]));
  const refresh = () => queryClient.invalidateQueries({ queryKey: notificationKeys.rules() });

  const save = useSubmitOnce<RuleView, RuleInput>({
    mutationFn: (json, idempotencyKey) =>
      editing && editing !== "new"
        ? apiFetch(`/api/notifications/rules/${editing.id}`, { method: "PUT", json, idempotencyKey })
        : apiFetch("/api/notifications/rules", { method: "POST", json, idempotencyKey }),
    onSuccess: (r) => {
      setOutcome({ ok: true, text: `Rule “${r.name}” saved.` });
      setEditing(null);
      void refresh();
    },
  });
  const test = useMutation<{ sent: string[]; failed: { error: string }[] }, ApiError, RuleView>({
    mutationFn: (r) => apiFetch(`/api/notifications/rules/${r.id}/test`, { method: "POST" }),
    onSuccess: (res, r) =>
      setOutcome({
        ok: res.failed.length === 0,
        text: `Test message for “${r.name}” sent through ${res.sent.join(", ")}.${res.failed.length ? ` Not delivered: ${res.failed.map((f) => f.error).join(" ")}` : ""}`,
      }),
    onError: (e) => setOutcome({ ok: false, text: e.message }),
  });
  const remove = useMutation<unknown, ApiError, RuleView>({
    mutationFn: (r) => apiFetch(`/api/notifications/rules/${r.id}`, { method: "DELETE" }),
    onSuccess: (_, r) => {
      setOutcome({ ok: true, text: `Rule “${r.name}” deleted.` });
      void refresh();
    },
    onError: (e) => setOutcome({ ok: false, text: e.message }),
  });

  return (
    <div className="flex flex-col gap-6">
      <OutcomeMessage message={outcome} />
      {editing ? (
        <section
          aria-label={editing === "new" ? "New notification rule" : `Edit ${editing.name}`}
          className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
        >
          <h2 className="mb-3 text-lg font-semibold">{editing === "new" ? "New rule" : `Edit “${editing.name}”`}</h2>
          <NotificationRuleEditor
            key={editing === "new" ? "new" : editing.id}
            initial={editing === "new" ? null : editing}
            channels={channels}
            busy={save.isPending}
            error={save.error}
            onSave={(input) => save.submit(input)}
            onCancel={() => setEditing(null)}
          />
        </section>
      ) : (
        <div>
          <button
            type="button"
            className={buttonPrimary}
            onClick={() => {
              setEditing("new");
              setOutcome(null);
            }}
          >
            New rule
          </button>
        </div>
      )}
      <RowsTable
        caption="Notification rules"
        columns={[
          "Rule",
          "When",
          "Channels",
          "How often",
          "State",
          { label: <span className="sr-only">Actions</span> },
        ]}
        rows={rules.data}
        empty="No rules yet: nothing is sent until a Manager or Admin adds one."
        row={(r) => (
          <tr key={r.id} data-rule={r.name}>
            <Td>{r.name}</Td>
            <Td>{label("notificationEvent", r.eventType)}</Td>
            <Td>{r.channelIds.map((id) => channelName.get(id) ?? "(deleted)").join(", ")}</Td>
            <Td>
              {label("digest", r.digest)}
              {r.quietHours ? ` · quiet ${r.quietHours.start}–${r.quietHours.end} ${r.timeZone}` : ""}
            </Td>
            <Td>{r.enabled ? "On" : "Off"}</Td>
            <Td>
              <div className="flex justify-end gap-2">
                <button
                  type="button"
                  className={buttonSecondary}
                  onClick={() => {
                    setEditing(r);
                    setOutcome(null);
                  }}
                  aria-label={`Edit ${r.name}`}
                >
                  Edit
                </button>
                <button
                  type="button"
                  className={buttonSecondary}
                  disabled={test.isPending}
                  onClick={() => test.mutate(r)}
                  aria-label={`Send a test for ${r.name}`}
                >
                  Send test
                </button>
                <button
                  type="button"
                  className={buttonDanger}
                  onClick={() => setConfirmDelete(r)}
                  aria-label={`Delete ${r.name}`}
                >
                  Delete
                </button>
              </div>
            </Td>
          </tr>
        )}
      />
      {log ? <DeliveryLogTable log={log} /> : null}
      <ConfirmDialog
        open={confirmDelete !== null}
        title={`Delete the rule “${confirmDelete?.name ?? ""}”?`}
        confirmLabel="Delete rule"
        onCancel={() => setConfirmDelete(null)}
        onConfirm={() => {
          if (confirmDelete) remove.mutate(confirmDelete);
          setConfirmDelete(null);
        }}
      >
        Nobody hears about these events through it any more.
      </ConfirmDialog>
    </div>
  );
}
