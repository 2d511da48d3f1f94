"use client";

import { NoMatches } from "@/components/ui/no-matches";
import { NothingSynced } from "@/components/ui/nothing-synced";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "../../_query/api";
import { alertKeys } from "../../_query/keys";
import { useUrlList } from "../../_query/use-url-list";
import { useAssigneeLookup } from "../../_query/use-assignee-lookup";
import { useAlertTriage } from "../_hooks/use-alert-triage";
import { useQueueKeyboard } from "../_hooks/use-queue-keyboard";
import { AlertFilterBar, GROUP_LABEL } from "./alert-filter-bar";
import { AlertTable } from "@/components/alerts/alert-table";
import { ListFooter } from "@/components/ui/list-footer";
import { OutcomeBanner } from "@/components/ui/outcome-banner";
import { ShortcutsDialog } from "@/components/alerts/shortcuts-dialog";
import { TriageForm } from "@/components/alerts/triage-form";
import { useTick } from "@/components/ui/use-tick";
import { ASSIGNED_TO_ME, defaultDirection, hasFilters, viewToSearch, type SortColumn } from "@/lib/alerts/vocabulary";
import type { AlertPage, AlertRow, AlertTriage, AlertView, BulkItemResult, SlaCounts } from "@/lib/alerts/schemas";

// The queue's client container: the URL is the view (filters, sort, grouping); the server renders the first
// page, useUrlList pages on with the cursor ("load more", never all rows) and keeps the selection (local, cleared
// when the view changes); this component adds the SLA counters, keyboard and triage.

export interface AlertQueueProps {
  view: AlertView;
  search: string;
  initialPage: AlertPage;
  counts: SlaCounts;
  now: number;
  me: string;
  canTriage: boolean;
  cache: { hasAlerts: boolean; lastSyncAt: string | null };
  options: { categories: string[]; sources: string[]; techniques: string[]; assignees: string[] };
}

const alertId = (r: AlertRow) => r.id;

export function AlertQueue({
  view,
  search,
  initialPage,
  counts,
  now: renderedAt,
  me,
  canTriage,
  cache,
  options,
}: AlertQueueProps) {
  const router = useRouter();
  const dir = view.dir ?? defaultDirection(view.sort);
  const { go, navigating, rows, pages, footer, list, selection } = useUrlList<AlertView, AlertRow, AlertPage>({
    path: "/alerts",
    view,
    toSearch: viewToSearch,
    queryKey: alertKeys.list(search),
    endpoint: "/api/alerts",
    search,
    initialPage,
    idOf: alertId,
  });
  const sla = useQuery({
    queryKey: alertKeys.sla(),
    queryFn: () => apiFetch<SlaCounts>("/api/alerts/sla"),
    initialData: counts,
    refetchInterval: 60_000,
  });
  const groups = pages[0]?.groups;

  // The clock the SLA badges count against: the render time, then a tick every 30 s.
  const now = useTick(30_000, renderedAt);

  // Selection belongs to one view (useUrlList); the focused row is the keyboard's.
  const selected = selection.selected;
  const [focus, setFocusedId] = useState<string | null>(null);
  // A focused row that left the list (resolved out of a view of New alerts) is no longer a target.
  const focusedId = focus !== null && rows.some((r) => r.id === focus) ? focus : null;
  const [pending, setPending] = useState<Set<string>>(new Set());
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string; failures: BulkItemResult[] } | null>(null);
  const [showShortcuts, setShowShortcuts] = useState(false);
  const assignees = useAssigneeLookup();
  const searchRef = useRef<HTMLInputElement>(null);
  const statusRef = useRef<HTMLSelectElement>(null);

  const triage = useAlertTriage(me, (o) =>
    setOutcome({ ok: o.ok, message: o.message, failures: o.result?.items.filter((i) => i.result !== "updated") ?? [] }),
  );

  function sortBy(column: SortColumn) {
    const nextDir = column === view.sort ? (dir === "asc" ? "desc" : "asc") : defaultDirection(column);
    go({ sort: column, dir: nextDir });
  }

  /** The alerts a change applies to: the selection, else the focused row. */
  const targets = selected.size > 0 ? [...selected] : focusedId ? [focusedId] : [];

  function send(change: AlertTriage) {
    if (!canTriage || targets.length === 0 || triage.isPending) return;
    const ids = targets;
    setOutcome(null);
    setPending(new Set(ids));
    triage.mutate({ ids, change, bulk: selected.size > 0 }, { onSettled: () => setPending(new Set()) });
  }

  useQueueKeyboard({
    rowIds: rows.map(alertId),
    focusedId,
    onFocus: setFocusedId,
    canTriage,
    onToggle: selection.toggle,
    onAssignToMe: () => send({ assignedTo: ASSIGNED_TO_ME }),
    onStatus: () => statusRef.current?.focus(),
    onSearch: () => searchRef.current?.focus(),
    onHelp: () => setShowShortcuts(true),
    onOpen: (id) => router.push(`/alerts/${encodeURIComponent(id)}`),
  });

  const filtered = hasFilters(view);
  const empty = !cache.hasAlerts ? (
    <NothingSynced kind="alert" lastSyncAt={cache.lastSyncAt} now={now} />
  ) : filtered ? (
    <NoMatches what="alerts" clearHref="/alerts" />
  ) : (
    <span>No alerts in this time range.</span>
  );

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3" aria-live="polite">
        <Link
          href={`/alerts?${viewToSearch({ ...view, sla: "breached", sort: "sla", dir: "asc" })}`}
          className="rounded-md border border-red-300 bg-red-50 px-3 py-1.5 text-sm dark:border-red-800 dark:bg-red-950"
          data-testid="sla-breached-count"
        >
          <strong className="text-red-800 dark:text-red-200">{sla.data.breached}</strong> SLA breached
        </Link>
        <Link
          href={`/alerts?${viewToSearch({ ...view, sla: "near", sort: "sla", dir: "asc" })}`}
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-1.5 text-sm dark:border-amber-800 dark:bg-amber-950"
          data-testid="sla-near-count"
        >
          <strong className="text-amber-900 dark:text-amber-100">{sla.data.nearBreach}</strong> near breach
        </Link>
        <button
          type="button"
          className="ml-auto text-xs text-slate-500 underline"
          onClick={() => setShowShortcuts(true)}
        >
          Keyboard shortcuts (?)
        </button>
      </div>

      <AlertFilterBar view={view} me={me} options={options} go={go} navigating={navigating} searchRef={searchRef} />

      {groups ? (
        <section aria-label={`Groups by ${GROUP_LABEL[view.group].toLowerCase()}`} className="flex flex-wrap gap-2">
          {groups.length === 0 ? <p className="text-sm text-slate-500">No groups for these filters.</p> : null}
          {groups.map((g) => (
            <button
              key={g.key}
              type="button"
              className="rounded-md border border-slate-300 bg-white px-2 py-1 text-left text-xs hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900"
              onClick={() =>
                go({
                  group: "none",
                  ...(view.group === "incident"
                    ? { incident: g.key }
                    : view.group === "device"
                      ? { device: g.key }
                      : { title: g.key }),
                })
              }
            >
              <span className="font-medium">{g.label}</span>{" "}
              <span className="rounded bg-slate-200 px-1 dark:bg-slate-700">{g.count}</span>
            </button>
          ))}
        </section>
      ) : null}

      {canTriage ? (
        <div className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
          <TriageForm
            target={
              selected.size > 0
                ? `${selected.size} selected alert${selected.size === 1 ? "" : "s"}`
                : focusedId
                  ? "the focused alert"
                  : "no alert"
            }
            count={targets.length}
            busy={triage.isPending}
            onSubmit={send}
            assignees={assignees}
            statusRef={statusRef}
          />
        </div>
      ) : null}

      {outcome ? (
        <OutcomeBanner
          outcome={{ ok: outcome.ok, text: outcome.message }}
          failures={outcome.failures.map((f) => ({
            id: f.id,
            text: `${f.result === "not_found" ? "not found" : "failed"}${f.message ? ` — ${f.message}` : ""}`,
          }))}
        />
      ) : null}

      <AlertTable
        rows={rows}
        sort={view.sort}
        dir={dir}
        onSort={sortBy}
        now={now}
        selectable={canTriage}
        selected={selected}
        onSelect={selection.set}
        focusedId={focusedId}
        onFocusRow={setFocusedId}
        pending={pending}
        empty={empty}
      />

      <ListFooter
        summary={
          <>
            {rows.length} alert{rows.length === 1 ? "" : "s"} shown{list.hasNextPage ? "; more match" : ""}
          </>
        }
        list={footer}
      />

      <ShortcutsDialog open={showShortcuts} onClose={() => setShowShortcuts(false)} />
    </div>
  );
}
