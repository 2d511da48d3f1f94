"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useRef, useState } from "react";
import { LazyKqlWorkbench } from "@/components/hunting/editor/lazy";
import { HuntingResults } from "@/components/hunting/results";
import { buttonDanger, buttonPrimary, buttonSecondary, inputBase } from "@/components/ui/button-styles";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { MutationError } from "@/components/ui/mutation-error";
import { cn } from "@/components/ui/cn";
import { label } from "@/lib/labels";
import type {
  HuntingHistoryRun,
  HuntingRunResult,
  HuntingTimespan,
  QuotaState,
  SavedQuery,
} from "@/lib/hunting/schemas";
import { HUNTING_TIMESPANS } from "@/lib/hunting/vocabulary";
import { ApiError, apiFetch } from "../../_query/api";
import { huntingKeys } from "../../_query/keys";
import { useSubmitOnce } from "../../_query/use-submit-once";
import { HistoryList } from "./history-list";
import { QuotaMeter } from "./quota-meter";
import { RunError, RunSummary } from "./run-summary";
import { SavedQuerySidebar } from "./saved-query-sidebar";
import { SaveQueryDialog, type SaveQueryFields } from "./save-query-dialog";

/** The open saved query goes in the address (`?query=<id>`), so the view can be shared; typing changes nothing there. */
function showInAddressBar(id: string | null) {
  window.history.replaceState(null, "", id ? `/hunting?query=${encodeURIComponent(id)}` : "/hunting");
}

type RunVariables = { query: string; timespan: HuntingTimespan };

/**
 * The /hunting page's client side: saved queries and history on the left; the toolbar (time range, Run, Cancel,
 * Save, Save as, the shared quota meter), the editor and the results in the centre.
 */
export function HuntingWorkbench({
  initialQueries,
  initialQuota,
  initialText,
  initialOpenId,
  initialTimespan,
  canSave,
  canCreateRule,
}: {
  initialQueries: SavedQuery[];
  initialQuota: QuotaState;
  initialText: string;
  initialOpenId: string | null;
  initialTimespan: HuntingTimespan;
  canSave: boolean;
  /** detections:write: a saved query can become a custom detection rule. */
  canCreateRule: boolean;
}) {
  const queryClient = useQueryClient();
  const [text, setText] = useState(initialText);
  const [timespan, setTimespan] = useState<HuntingTimespan>(initialTimespan);
  const [openId, setOpenId] = useState<string | null>(initialOpenId);
  const [panel, setPanel] = useState<"queries" | "history">("queries");
  const [dialog, setDialog] = useState<"save" | "saveAs" | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const controller = useRef<AbortController | null>(null);

  const queries = useQuery({
    queryKey: huntingKeys.queries(),
    queryFn: async () => (await apiFetch<{ queries: SavedQuery[] }>("/api/hunting/queries")).queries,
    initialData: initialQueries,
  });
  // Everyone's runs move the meter, so it is read again every few seconds while the page is open.
  const quota = useQuery({
    queryKey: huntingKeys.quota(),
    queryFn: () => apiFetch<QuotaState>("/api/hunting/quota"),
    initialData: initialQuota,
    refetchInterval: 10_000,
  });
  const history = useQuery({
    queryKey: huntingKeys.history(),
    queryFn: async () => (await apiFetch<{ runs: HuntingHistoryRun[] }>("/api/hunting/history?limit=50")).runs,
    enabled: panel === "history",
  });

  const run = useMutation<HuntingRunResult, Error, RunVariables>({
    mutationFn: (variables) => {
      controller.current = new AbortController();
      return apiFetch("/api/hunting/run", { method: "POST", json: variables, signal: controller.current.signal });
    },
    onSuccess: (result) => queryClient.setQueryData(huntingKeys.quota(), result.quota),
    onSettled: () => {
      controller.current = null;
      void queryClient.invalidateQueries({ queryKey: huntingKeys.quota() });
      void queryClient.invalidateQueries({ queryKey: huntingKeys.history() });
    },
  });
  const { mutate: startRun, isPending: running } = run;
  const runNow = useCallback(() => {
    if (running || !text.trim()) return;
    startRun({ query: text, timespan });
  }, [running, startRun, text, timespan]);
  const cancel = () => controller.current?.abort();

  const open = queries.data.find((q) => q.id === openId) ?? null;
  const openQuery = (q: { id: string | null; query: string }) => {
    setText(q.query);
    setOpenId(q.id);
    showInAddressBar(q.id);
  };

  const onSaved = (saved: SavedQuery) => {
    setDialog(null);
    setOpenId(saved.id);
    showInAddressBar(saved.id);
    void queryClient.invalidateQueries({ queryKey: huntingKeys.queries() });
  };
  const create = useSubmitOnce<SavedQuery, SaveQueryFields>({
    mutationFn: (fields, idempotencyKey) =>
      apiFetch("/api/hunting/queries", { method: "POST", json: { ...fields, query: text }, idempotencyKey }),
    onSuccess: onSaved,
  });
  const update = useSubmitOnce<SavedQuery, SaveQueryFields>({
    mutationFn: (fields, idempotencyKey) =>
      apiFetch(`/api/hunting/queries/${encodeURIComponent(openId ?? "")}`, {
        method: "PATCH",
        json: { ...fields, query: text },
        idempotencyKey,
      }),
    onSuccess: onSaved,
  });
  const remove = useMutation<unknown, ApiError, string>({
    mutationFn: (id) => apiFetch(`/api/hunting/queries/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => {
      setOpenId(null);
      showInAddressBar(null);
      void queryClient.invalidateQueries({ queryKey: huntingKeys.queries() });
    },
  });
  const editable = open !== null && open.canEdit && !open.starter;
  const saving = dialog === "save" ? update : create;

  const runError = run.error && run.error.name !== "AbortError" ? run.error : null;
  const cancelled = run.error?.name === "AbortError";

  return (
    <div className="grid gap-4 lg:grid-cols-[16rem_1fr]">
      <aside className="flex flex-col gap-3" aria-label="Queries">
        <div className="flex gap-1 border-b border-slate-200 dark:border-slate-800" role="tablist">
          {(["queries", "history"] as const).map((p) => (
            <button
              key={p}
              type="button"
              role="tab"
              aria-selected={panel === p}
              onClick={() => setPanel(p)}
              className={cn(
                "-mb-px border-b-2 px-3 py-1.5 text-sm font-medium",
                panel === p
                  ? "border-blue-700 text-blue-800 dark:border-blue-400 dark:text-blue-200"
                  : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400",
              )}
            >
              {p === "queries" ? "Saved queries" : "History"}
            </button>
          ))}
        </div>
        {panel === "queries" ? (
          <SavedQuerySidebar queries={queries.data} openId={openId} onOpen={openQuery} />
        ) : (
          <HistoryList
            runs={history.data}
            loading={history.isLoading}
            onOpen={(r) => {
              openQuery({ id: null, query: r.query });
              if ((HUNTING_TIMESPANS as readonly string[]).includes(r.timespan))
                setTimespan(r.timespan as HuntingTimespan);
            }}
          />
        )}
      </aside>

      <section className="flex min-w-0 flex-col gap-3" aria-label="Query">
        <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="Query actions">
          <select
            aria-label="Time range"
            className={inputBase}
            value={timespan}
            onChange={(e) => setTimespan(e.target.value as HuntingTimespan)}
          >
            {HUNTING_TIMESPANS.map((t) => (
              <option key={t} value={t}>
                {label("huntingTimespan", t)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className={buttonPrimary}
            onClick={runNow}
            disabled={running || !text.trim()}
            title="Ctrl+Enter"
          >
            {running ? "Running…" : "Run"}
          </button>
          {running ? (
            <button type="button" className={buttonSecondary} onClick={cancel}>
              Cancel
            </button>
          ) : null}
          {canSave ? (
            <>
              <button
                type="button"
                className={buttonSecondary}
                disabled={!text.trim()}
                onClick={() => setDialog(editable ? "save" : "saveAs")}
              >
                Save
              </button>
              <button
                type="button"
                className={buttonSecondary}
                disabled={!text.trim()}
                onClick={() => setDialog("saveAs")}
              >
                Save as
              </button>
              {canCreateRule && open && open.query === text ? (
                <Link
                  className={buttonSecondary}
                  href={`/hunting/detections?new=${encodeURIComponent(open.id)}`}
                  title="Turn this saved query into a custom detection rule"
                >
                  Create detection rule
                </Link>
              ) : null}
              {editable ? (
                <button type="button" className={buttonDanger} onClick={() => setConfirmDelete(true)}>
                  Delete
                </button>
              ) : null}
            </>
          ) : null}
          <div className="ml-auto">
            <QuotaMeter quota={quota.data} />
          </div>
        </div>

        {open ? (
          <div className="text-sm">
            <span className="font-medium">{open.name}</span>
            {open.description ? (
              <span className="text-slate-600 dark:text-slate-400"> — {open.description}</span>
            ) : null}
            {open.note ? (
              <p className="mt-1 text-xs text-slate-600 dark:text-slate-400" data-testid="starter-note">
                <span className="font-medium">Corrected for Defender:</span> {open.note}
              </p>
            ) : null}
          </div>
        ) : null}

        <LazyKqlWorkbench value={text} onChange={setText} onRun={runNow} />
        <MutationError error={remove.error} />

        {running ? (
          <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
            Running…
          </p>
        ) : runError ? (
          <RunError error={runError instanceof ApiError ? runError : { message: runError.message }} />
        ) : cancelled ? (
          <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
            Cancelled.
          </p>
        ) : run.data ? (
          <div className="flex flex-col gap-2">
            <RunSummary result={run.data} />
            <HuntingResults columns={run.data.columns} rows={run.data.rows} query={run.variables?.query ?? text} />
          </div>
        ) : (
          <p className="text-sm text-slate-500 dark:text-slate-400">Run a query to see results.</p>
        )}
      </section>

      {dialog ? (
        <SaveQueryDialog
          open
          title={dialog === "save" ? `Save “${open?.name ?? ""}”` : "Save as a new query"}
          initial={
            dialog === "save" && open
              ? open
              : { name: "", description: open?.description ?? "", tags: open?.tags ?? [], folder: "", shared: false }
          }
          busy={saving.isPending}
          error={saving.error}
          onSave={(fields) => saving.submit(fields)}
          onCancel={() => setDialog(null)}
        />
      ) : null}
      <ConfirmDialog
        open={confirmDelete}
        title={`Delete “${open?.name ?? ""}”?`}
        confirmLabel="Delete"
        onCancel={() => setConfirmDelete(false)}
        onConfirm={() => {
          setConfirmDelete(false);
          if (open) remove.mutate(open.id);
        }}
      >
        {open?.shared ? "It is shared: colleagues will no longer see it." : "Only you can see it."}
      </ConfirmDialog>
    </div>
  );
}
