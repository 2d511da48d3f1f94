"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import {
  DetectionRuleForm,
  type QueryCheck,
  type RuleFormFields,
  type RuleFormQuery,
} from "@/components/detections/rule-form";
import { DetectionRuleTable } from "@/components/detections/rule-table";
import { createKqlClient, type KqlClient } from "@/components/hunting/editor/kql-client";
import { buttonPrimary } from "@/components/ui/button-styles";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { OutcomeMessage, type Outcome } from "@/components/ui/outcome-banner";
import { detectionQueryProblem } from "@/lib/detections/query-shape";
import type { DetectionRuleRow, DryRunResult } from "@/lib/detections/schemas";
import { ApiError, apiFetch } from "../../../_query/api";
import { detectionKeys } from "../../../_query/keys";
import { useSubmitOnce } from "../../../_query/use-submit-once";

// The detection rules page's one client container: the list (refetched after each change), the form with its
// query check (Kusto.Language in the editor's KQL worker, the same parser the server checks with), the dry run and
// the enable, disable and delete buttons.

export function DetectionsConsole({
  initialRules,
  queries,
  newForQueryId,
  canWrite,
  canDelete,
}: {
  initialRules: DetectionRuleRow[];
  queries: RuleFormQuery[];
  newForQueryId: string | null;
  canWrite: boolean;
  canDelete: boolean;
}) {
  const queryClient = useQueryClient();
  const rules = useQuery({
    queryKey: detectionKeys.list(),
    queryFn: () => apiFetch<{ data: DetectionRuleRow[] }>("/api/detections").then((r) => r.data),
    initialData: initialRules,
  });
  const [formOpen, setFormOpen] = useState(newForQueryId !== null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [check, setCheck] = useState<QueryCheck | null>(
    newForQueryId ? { state: "checking", columns: [], problem: null } : null,
  );
  const [dryRun, setDryRun] = useState<DryRunResult | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<DetectionRuleRow | null>(null);

  // The KQL worker starts with the form and stops with it.
  const kql = useRef<KqlClient | null>(null);
  useEffect(() => {
    if (!formOpen) return;
    const client = createKqlClient();
    kql.current = client;
    return () => {
      client.dispose();
      kql.current = null;
    };
  }, [formOpen]);

  /** Asks the worker what the query returns; every state change waits for the worker's answer. */
  const inspect = useCallback(async (q: RuleFormQuery) => {
    const client = kql.current;
    try {
      if (!client) throw new Error("no worker");
      await client.ready;
      const shape = await client.request("shape", { text: q.query });
      if (!shape) return; // a newer pick overtook this one
      const verdict = detectionQueryProblem(shape);
      setCheck({ state: verdict.problem ? "problem" : "ok", columns: shape.columns, problem: verdict.problem });
    } catch {
      setCheck({ state: "unavailable", columns: [], problem: null });
    }
  }, []);
  const checkQuery = (q: RuleFormQuery | null) => {
    setDryRun(null);
    setCheck(q ? { state: "checking", columns: [], problem: null } : null);
    if (q) void inspect(q);
  };

  // The query the page was opened for is checked once the worker is there.
  useEffect(() => {
    const q = formOpen && newForQueryId ? queries.find((x) => x.id === newForQueryId) : undefined;
    if (q) void inspect(q);
  }, [formOpen, newForQueryId, queries, inspect]);

  const refresh = () => queryClient.invalidateQueries({ queryKey: detectionKeys.list() });

  const create = useSubmitOnce<DetectionRuleRow, RuleFormFields>({
    mutationFn: (fields, idempotencyKey) =>
      apiFetch("/api/detections", { method: "POST", json: fields, idempotencyKey }),
    onSuccess: (rule) => {
      setFormOpen(false);
      setCheck(null);
      setDryRun(null);
      setOutcome({
        ok: true,
        text: `Rule “${rule.displayName}” created in Microsoft Defender (${rule.status === "enabled" ? "enabled" : "disabled"}).`,
      });
      window.history.replaceState(null, "", "/hunting/detections");
      void refresh();
    },
  });
  const preview = useMutation<DryRunResult, ApiError, RuleFormFields>({
    mutationFn: (f) =>
      apiFetch("/api/detections/dry-run", {
        method: "POST",
        json: { savedQueryId: f.savedQueryId, title: f.title, severity: f.severity, entityMappings: f.entityMappings },
      }),
    onSuccess: setDryRun,
  });
  const toggle = useMutation<DetectionRuleRow, ApiError, DetectionRuleRow>({
    mutationFn: (r) =>
      apiFetch(`/api/detections/${encodeURIComponent(r.id)}`, {
        method: "PATCH",
        json: { enabled: r.status !== "enabled" },
      }),
    onSuccess: (r) => {
      setOutcome({ ok: true, text: `Rule “${r.displayName}” is ${r.status === "enabled" ? "enabled" : "disabled"}.` });
      void refresh();
    },
    onError: (e) => setOutcome({ ok: false, text: e.message }),
  });
  const remove = useMutation<unknown, ApiError, DetectionRuleRow>({
    mutationFn: (r) => apiFetch(`/api/detections/${encodeURIComponent(r.id)}`, { method: "DELETE" }),
    onSuccess: (_, r) => {
      setOutcome({ ok: true, text: `Rule “${r.displayName}” deleted; the alerts it raised stay in the queue.` });
      void refresh();
    },
    onError: (e) => setOutcome({ ok: false, text: e.message }),
  });
  const busyId = toggle.isPending
    ? (toggle.variables?.id ?? null)
    : remove.isPending
      ? (remove.variables?.id ?? null)
      : null;

  return (
    <div className="flex flex-col gap-4">
      <OutcomeMessage message={outcome} />
      {canWrite && !formOpen ? (
        <div>
          <button
            type="button"
            className={buttonPrimary}
            onClick={() => {
              setFormOpen(true);
              setOutcome(null);
            }}
          >
            New rule from a saved query
          </button>
        </div>
      ) : null}
      {formOpen ? (
        <section
          aria-label="New custom detection rule"
          className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
        >
          <h2 className="mb-3 text-lg font-semibold">New custom detection rule</h2>
          <DetectionRuleForm
            queries={queries}
            initialQueryId={newForQueryId}
            check={check}
            onQueryChange={checkQuery}
            busy={create.isPending ? "save" : preview.isPending ? "dryRun" : null}
            error={create.error ?? preview.error}
            dryRun={dryRun}
            onSubmit={(f) => create.submit(f)}
            onDryRun={(f) => preview.mutate(f)}
            onCancel={() => {
              setFormOpen(false);
              setCheck(null);
              setDryRun(null);
            }}
          />
        </section>
      ) : null}
      <DetectionRuleTable
        rules={rules.data}
        canWrite={canWrite}
        canDelete={canDelete}
        busyId={busyId}
        onToggle={(r) => toggle.mutate(r)}
        onDelete={setConfirmDelete}
      />
      <ConfirmDialog
        open={confirmDelete !== null}
        title={`Delete the rule “${confirmDelete?.displayName ?? ""}”?`}
        confirmLabel="Delete rule"
        onCancel={() => setConfirmDelete(null)}
        onConfirm={() => {
          if (confirmDelete) remove.mutate(confirmDelete);
          setConfirmDelete(null);
        }}
      >
        Defender stops running it. The alerts it raised stay.
      </ConfirmDialog>
    </div>
  );
}
