"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../../_query/api";
import { useSubmitOnce } from "../../_query/use-submit-once";
import { alertKeys, incidentKeys } from "../../_query/keys";
import { useUrlList } from "../../_query/use-url-list";
import { useAssigneeLookup } from "../../_query/use-assignee-lookup";
import { useQueueKeyboard } from "../../alerts/_hooks/use-queue-keyboard";
import { IncidentFilterBar } from "./incident-filter-bar";
import { IncidentTable } from "@/components/incidents/incident-table";
import { ListFooter } from "@/components/ui/list-footer";
import { NoMatches } from "@/components/ui/no-matches";
import { BulkTriageOutcomeBanner, type BulkTriageOutcome } from "@/components/alerts/bulk-triage-outcome";
import { ShortcutsDialog } from "@/components/alerts/shortcuts-dialog";
import { TriageForm, type TriageChange } from "@/components/alerts/triage-form";
import { useTick } from "@/components/ui/use-tick";
import { ASSIGNED_TO_ME } from "@/lib/alerts/vocabulary";
import type { SlaCounts } from "@/lib/alerts/schemas";
import {
  defaultIncidentDirection,
  hasIncidentFilters,
  incidentViewToSearch,
  INCIDENT_BULK_MAX,
  SETTABLE_INCIDENT_STATUSES,
  type BulkTriageResult,
  type IncidentPage,
  type IncidentRow,
  type IncidentSort,
  type IncidentTriage,
  type IncidentView,
} from "@/lib/incidents/schemas";

// The incident list's client container, the alert queue's pattern: the URL is the view, the server renders the
// first page and useUrlList pages on by cursor and keeps the selection (cleared when the view changes, when rows
// leave, and after a change went through); this adds the SLA counters, bulk triage and the keyboard.

export interface IncidentListProps {
  view: IncidentView;
  search: string;
  initialPage: IncidentPage;
  counts: SlaCounts;
  now: number;
  me: string;
  canTriage: boolean;
  assignees: string[];
}

const incidentId = (i: IncidentRow) => i.id;

export function IncidentList({
  view,
  search,
  initialPage,
  counts,
  now: renderedAt,
  me,
  canTriage,
  assignees,
}: IncidentListProps) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const dir = view.dir ?? defaultIncidentDirection(view.sort);
  const { go, navigating, rows, footer, list, selection } = useUrlList<IncidentView, IncidentRow, IncidentPage>({
    path: "/incidents",
    view,
    toSearch: incidentViewToSearch,
    queryKey: incidentKeys.list(search),
    endpoint: "/api/incidents",
    search,
    initialPage,
    idOf: incidentId,
  });
  const sla = useQuery({
    queryKey: [...incidentKeys.all, "sla"],
    queryFn: () => apiFetch<SlaCounts>("/api/incidents/sla"),
    initialData: counts,
    refetchInterval: 60_000,
  });
  const now = useTick(30_000, renderedAt);

  const selected = selection.selected;
  const [focus, setFocusedId] = useState<string | null>(null);
  const focusedId = focus !== null && rows.some((r) => r.id === focus) ? focus : null;
  const [outcome, setOutcome] = useState<BulkTriageOutcome | null>(null);
  const [showShortcuts, setShowShortcuts] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const statusRef = useRef<HTMLSelectElement>(null);
  const assigneeLookup = useAssigneeLookup();

  // One Idempotency-Key per intent: a double submission (or a retried request) changes nothing twice.
  const triage = useSubmitOnce<BulkTriageResult, { ids: string[]; change: IncidentTriage }>({
    mutationFn: async ({ ids, change }, idempotencyKey) => {
      if (ids.length === 1) {
        await apiFetch(`/api/incidents/${ids[0]}`, { method: "PATCH", json: change, idempotencyKey });
        return { updated: 1, failed: 0, notFound: 0, items: [{ id: ids[0], result: "updated" }] };
      }
      return apiFetch<BulkTriageResult>("/api/incidents/bulk", {
        method: "POST",
        json: { ids, change },
        idempotencyKey,
      });
    },
    onSuccess: (result, { ids }) => {
      const failures = result.items.filter((i) => i.result !== "updated");
      setOutcome({
        ok: failures.length === 0,
        message: `Defender accepted the change for ${result.updated} of ${ids.length} incident${ids.length === 1 ? "" : "s"}.`,
        failures,
      });
      // The change is done: the next one starts from nothing ticked (B1).
      selection.clear();
    },
    onError: (error) => setOutcome({ ok: false, message: `Not changed: ${error.message}`, failures: [] }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: incidentKeys.all });
      void queryClient.invalidateQueries({ queryKey: alertKeys.all });
    },
  });
  const pending = new Set(triage.isPending ? (triage.variables?.ids ?? []) : []);

  /** The incidents a change applies to: the selection, else the focused row. */
  const targets = selected.size > 0 ? [...selected] : focusedId ? [focusedId] : [];
  const tooMany = targets.length > INCIDENT_BULK_MAX;

  function send(change: TriageChange<IncidentTriage["status"] & string>) {
    if (!canTriage || targets.length === 0 || tooMany || triage.isPending) return;
    setOutcome(null);
    triage.submit({ ids: targets, change: change as IncidentTriage });
  }

  function sortBy(column: IncidentSort) {
    const nextDir = column === view.sort ? (dir === "asc" ? "desc" : "asc") : defaultIncidentDirection(column);
    go({ sort: column, dir: nextDir });
  }

  useQueueKeyboard({
    rowIds: rows.map(incidentId),
    focusedId,
    onFocus: setFocusedId,
    canTriage,
    onToggle: selection.toggle,
    onAssignToMe: () => send({ assignedTo: ASSIGNED_TO_ME }),
    onStatus: () => statusRef.current?.focus(),
    onSearch: () => searchRef.current?.focus(),
    onHelp: () => setShowShortcuts(true),
    onOpen: (id) => router.push(`/incidents/${id}`),
  });

  const filtered = hasIncidentFilters(view);
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3" aria-live="polite">
        <Link
          href={`/incidents?${incidentViewToSearch({ ...view, sla: "breached", sort: "sla", dir: "asc" })}`}
          className="rounded-md border border-red-300 bg-red-50 px-3 py-1.5 text-sm dark:border-red-800 dark:bg-red-950"
          data-testid="incident-sla-breached-count"
        >
          <strong className="text-red-800 dark:text-red-200">{sla.data.breached}</strong> SLA breached
        </Link>
        <Link
          href={`/incidents?${incidentViewToSearch({ ...view, sla: "near", sort: "sla", dir: "asc" })}`}
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-1.5 text-sm dark:border-amber-800 dark:bg-amber-950"
          data-testid="incident-sla-near-count"
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

      <IncidentFilterBar
        view={view}
        me={me}
        assignees={assignees}
        go={go}
        navigating={navigating}
        searchRef={searchRef}
      />

      {canTriage ? (
        <div className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
          <TriageForm
            target={
              selected.size > 0
                ? `${selected.size} selected incident${selected.size === 1 ? "" : "s"}`
                : focusedId
                  ? "the focused incident"
                  : "no incident"
            }
            count={tooMany ? 0 : targets.length}
            busy={triage.isPending}
            onSubmit={send}
            assignees={assigneeLookup}
            statusRef={statusRef}
            statuses={SETTABLE_INCIDENT_STATUSES}
            determinationOnlyFor="TruePositive"
          />
          {tooMany ? (
            <p className="mt-2 text-xs text-amber-900 dark:text-amber-200">
              Select at most {INCIDENT_BULK_MAX} incidents: Defender XDR takes {INCIDENT_BULK_MAX} incident updates a
              minute.
            </p>
          ) : null}
        </div>
      ) : null}

      {outcome ? <BulkTriageOutcomeBanner outcome={outcome} /> : null}

      <IncidentTable
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
        empty={
          filtered ? (
            <NoMatches what="incidents" clearHref="/incidents" />
          ) : (
            "Nothing synced yet: no incidents in the cache."
          )
        }
      />

      <ListFooter
        summary={
          <>
            {rows.length} incident{rows.length === 1 ? "" : "s"} shown{list.hasNextPage ? "; more match" : ""}
          </>
        }
        list={footer}
      />

      <ShortcutsDialog open={showShortcuts} onClose={() => setShowShortcuts(false)} noun="incident" />
    </div>
  );
}
