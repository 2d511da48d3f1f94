"use client";

import { NoMatches } from "@/components/ui/no-matches";
import { NothingSynced } from "@/components/ui/nothing-synced";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "../../_query/api";
import { alertKeys } from "../../_query/keys";
import { useCursorList, useSelection, useUrlListView } from "../../_query/use-url-list";
import { useStoredColumns } from "../../_query/use-stored-columns";
import { useAlertGroups } from "../_hooks/use-alert-groups";
import { useAlertTriage, type TriageOutcome } from "../_hooks/use-alert-triage";
import { useAssigneeLookup } from "../../_query/use-assignee-lookup";
import { useQueueKeyboard } from "../_hooks/use-queue-keyboard";
import { AlertFilterBar } from "./alert-filter-bar";
import { AlertTable, DEFAULT_HIDDEN_ALERT_COLUMNS } from "@/components/alerts/alert-table";
import { ListFooter } from "@/components/ui/list-footer";
import { BulkTriageOutcomeBanner, type BulkTriageOutcome } from "@/components/alerts/bulk-triage-outcome";
import { ShortcutsDialog } from "@/components/alerts/shortcuts-dialog";
import { TriageForm } from "@/components/alerts/triage-form";
import { useTick } from "@/components/ui/use-tick";
import { ASSIGNED_TO_ME, defaultDirection, hasFilters, viewToSearch, type SortColumn } from "@/lib/alerts/vocabulary";
import type { AlertPage, AlertRow, AlertTriage, AlertView, SlaCounts } from "@/lib/alerts/schemas";

// The queue's client container: the URL is the view (filters, sort, grouping); the server renders the first
// page, useCursorList pages on with the cursor ("load more", never all rows), a grouped view shows group rows
// that expand in place (useAlertGroups), and the selection is local to the rows on screen (useSelection). This
// component adds the SLA counters, the column choice, keyboard and triage.

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
  const { go, navigating } = useUrlListView({ path: "/alerts", view, toSearch: viewToSearch });
  const paged = useCursorList<AlertRow, AlertPage>({
    queryKey: alertKeys.list(search),
    endpoint: "/api/alerts",
    search,
    initialPage,
  });
  const grouped = useAlertGroups({ view, search, groups: paged.pages[0]?.groups });
  // What is on screen: the list's rows, or the rows of the expanded groups.
  const rows = grouped.groups ? grouped.rows : paged.rows;
  const rowIds = useMemo(() => rows.map(alertId), [rows]);
  const selection = useSelection({ viewKey: search, rowIds });
  const sla = useQuery({
    queryKey: alertKeys.sla(search),
    queryFn: () => apiFetch<SlaCounts>(`/api/alerts/sla?${search}`),
    initialData: counts,
    refetchInterval: 60_000,
  });
  const [columns, setColumns] = useStoredColumns(`soc.alerts.columns:${me}`, DEFAULT_HIDDEN_ALERT_COLUMNS);

  // The clock the SLA badges count against: the render time, then a tick every 30 s.
  const now = useTick(30_000, renderedAt);

  const selected = selection.selected;
  const [focus, setFocusedId] = useState<string | null>(null);
  // A focused row that left the list (resolved out of a view of New alerts) is no longer a target.
  const focusedId = focus !== null && rowIds.includes(focus) ? focus : null;
  const [outcome, setOutcome] = useState<BulkTriageOutcome | null>(null);
  const [showShortcuts, setShowShortcuts] = useState(false);
  // The triage bar shows while rows are ticked, or after "s" asked for it for the focused row.
  const [barRequested, setBarRequested] = useState(false);
  // Bumped after every change Defender accepted: the form starts empty again, so its values are not re-applied.
  const [formGeneration, setFormGeneration] = useState(0);
  const assignees = useAssigneeLookup();
  const searchRef = useRef<HTMLInputElement>(null);
  const statusRef = useRef<HTMLSelectElement>(null);

  function afterTriage(o: TriageOutcome) {
    const failures = o.result?.items.filter((i) => i.result !== "updated") ?? [];
    setOutcome({ ok: o.ok, message: o.message, failures });
    if (!o.result) return; // refused as a whole: the selection and the form stay, to try again
    // Accepted: nothing stays ticked but the alerts Defender did not change, so a next change cannot re-apply
    // this one to rows that left the view or were meant only for this change.
    selection.set(failures.map((f) => f.id));
    setFormGeneration((n) => n + 1);
    setBarRequested(false);
  }
  const triage = useAlertTriage(me, afterTriage);
  const pending = new Set(triage.isPending ? (triage.variables?.ids ?? []) : []);

  function sortBy(column: SortColumn) {
    const nextDir = column === view.sort ? (dir === "asc" ? "desc" : "asc") : defaultDirection(column);
    go({ sort: column, dir: nextDir });
  }

  /** The alerts a change applies to: the selection, else the focused row. */
  const targets = selected.size > 0 ? [...selected] : focusedId ? [focusedId] : [];

  function send(change: AlertTriage) {
    if (!canTriage || targets.length === 0 || triage.isPending) return;
    setOutcome(null);
    triage.submit({ ids: targets, change, bulk: selected.size > 0 });
  }

  const showBar = canTriage && (selected.size > 0 || (barRequested && focusedId !== null));
  useEffect(() => {
    if (barRequested) statusRef.current?.focus();
  }, [barRequested]);

  useQueueKeyboard({
    rowIds,
    focusedId,
    onFocus: setFocusedId,
    canTriage,
    onToggle: selection.toggle,
    onAssignToMe: () => send({ assignedTo: ASSIGNED_TO_ME }),
    onStatus: () => (statusRef.current ? statusRef.current.focus() : setBarRequested(true)),
    onSearch: () => searchRef.current?.focus(),
    onHelp: () => setShowShortcuts(true),
    onOpen: (id) => router.push(`/alerts/${encodeURIComponent(id)}`),
  });

  const empty = !cache.hasAlerts ? (
    <NothingSynced kind="alert" lastSyncAt={cache.lastSyncAt} now={now} />
  ) : hasFilters(view) ? (
    <NoMatches what="alerts" clearHref="/alerts" />
  ) : grouped.groups ? (
    <span>No groups for these filters.</span>
  ) : (
    <span>No alerts in this time range.</span>
  );

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <div className="flex items-center gap-2" aria-live="polite">
          <Link
            href={`/alerts?${viewToSearch({ ...view, sla: "breached", sort: "sla", dir: "asc" })}`}
            className="rounded-md border border-red-300 bg-red-50 px-2 py-1 text-sm dark:border-red-800 dark:bg-red-950"
            data-testid="sla-breached-count"
          >
            <strong className="text-red-800 dark:text-red-200">{sla.data.breached}</strong> SLA breached
          </Link>
          <Link
            href={`/alerts?${viewToSearch({ ...view, sla: "near", sort: "sla", dir: "asc" })}`}
            className="rounded-md border border-amber-300 bg-amber-50 px-2 py-1 text-sm dark:border-amber-800 dark:bg-amber-950"
            data-testid="sla-near-count"
          >
            <strong className="text-amber-900 dark:text-amber-100">{sla.data.nearBreach}</strong> near breach
          </Link>
        </div>
        <AlertFilterBar view={view} me={me} options={options} go={go} navigating={navigating} searchRef={searchRef} />
        <button
          type="button"
          className="ml-auto text-xs text-slate-500 underline"
          onClick={() => setShowShortcuts(true)}
        >
          Keyboard shortcuts (?)
        </button>
      </div>

      {showBar ? (
        <div className="rounded-lg border border-blue-200 bg-blue-50/50 p-2 dark:border-blue-900 dark:bg-slate-900">
          <TriageForm
            key={formGeneration}
            target={
              selected.size > 0
                ? `${selected.size} selected alert${selected.size === 1 ? "" : "s"}`
                : "the focused alert"
            }
            count={targets.length}
            busy={triage.isPending}
            onSubmit={send}
            assignees={assignees}
            statusRef={statusRef}
          />
        </div>
      ) : null}

      {outcome ? <BulkTriageOutcomeBanner outcome={outcome} /> : null}

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
        columnVisibility={columns}
        onColumnVisibilityChange={setColumns}
        groups={grouped.groups}
      />

      {grouped.groups ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {grouped.groups.length} group{grouped.groups.length === 1 ? "" : "s"}
          {grouped.groups.length >= 50 ? " (the 50 largest)" : ""}
        </p>
      ) : (
        <ListFooter
          summary={
            <>
              {rows.length} alert{rows.length === 1 ? "" : "s"} shown{paged.list.hasNextPage ? "; more match" : ""}
            </>
          }
          list={paged.footer}
        />
      )}

      <ShortcutsDialog open={showShortcuts} onClose={() => setShowShortcuts(false)} />
    </div>
  );
}
