"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { ClearFiltersLink, NavigatingStatus } from "@/components/ui/filter-form";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { NoMatches } from "@/components/ui/no-matches";
import { NothingSynced } from "@/components/ui/nothing-synced";
import { MultiSelect } from "@/components/ui/multi-select";
import { SearchBox } from "@/components/ui/search-box";
import { ListFooter } from "@/components/ui/list-footer";
import { OutcomeMessage, type Outcome } from "@/components/ui/outcome-banner";
import { buttonDanger, inputBase } from "@/components/ui/button-styles";
import { IndicatorTable } from "@/components/indicators/indicator-table";
import { IndicatorMeterBar } from "@/components/indicators/indicator-meter";
import {
  CONSOLE_ACTION_LABELS,
  CONSOLE_ACTIONS,
  INDICATOR_SEVERITIES,
  INDICATOR_TYPES,
  indicatorFilterToSearch,
  type IndicatorFilter,
  type IndicatorMeter,
  type IndicatorPage,
  type IndicatorView,
} from "@/lib/indicators/schemas";
import { labeller } from "@/lib/labels";
import { apiFetch } from "../../_query/api";
import { indicatorKeys } from "../../_query/keys";
import { useSubmitOnce } from "../../_query/use-submit-once";
import { useUrlList } from "../../_query/use-url-list";
import { CreateIndicator } from "../../_indicators/create-indicator";
import { ImportIndicators } from "./import-indicators";

// The indicators list's client container: the URL is the filter, pages load by cursor; Responders create and
// import, Admins delete (one row, or the selection in one batch).

export interface IndicatorListProps {
  filter: IndicatorFilter;
  search: string;
  initialPage: IndicatorPage;
  meter: IndicatorMeter;
  cache: { empty: boolean; lastSyncAt: string | null };
  now: number;
  canWrite: boolean;
  canDelete: boolean;
}

export function IndicatorList(props: IndicatorListProps) {
  const { filter, search, initialPage, meter, cache, now, canWrite, canDelete } = props;
  const router = useRouter();
  const queryClient = useQueryClient();
  const { go, navigating, rows, footer, selection } = useUrlList<IndicatorFilter, IndicatorView, IndicatorPage>({
    path: "/indicators",
    view: filter,
    toSearch: indicatorFilterToSearch,
    queryKey: indicatorKeys.list(search),
    endpoint: "/api/indicators",
    search,
    initialPage,
    idOf: (i) => i.id,
  });
  const [confirm, setConfirm] = useState<IndicatorView[] | null>(null);
  const [message, setMessage] = useState<Outcome | null>(null);
  const remove = useSubmitOnce<{ data: { deleted: number } }, string[]>({
    mutationFn: (ids, idempotencyKey) =>
      ids.length === 1
        ? apiFetch(`/api/indicators/${encodeURIComponent(ids[0]!)}`, { method: "DELETE", idempotencyKey })
        : apiFetch("/api/indicators/delete", { method: "POST", json: { ids }, idempotencyKey }),
    onSuccess: (_, ids) => {
      setMessage({ ok: true, text: `Deleted ${ids.length} indicator(s) in Defender.` });
      selection.clear();
      router.refresh();
    },
    onError: (error) => setMessage({ ok: false, text: error.message }),
    onSettled: () => {
      setConfirm(null);
      void queryClient.invalidateQueries({ queryKey: indicatorKeys.all });
    },
  });
  const filtered = Boolean(
    filter.type.length || filter.action.length || filter.severity.length || filter.expired || filter.q,
  );
  const selected = rows.filter((r) => selection.selected.has(r.id));
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <IndicatorMeterBar meter={meter} />
        {canWrite ? (
          <div className="flex flex-wrap items-start gap-2">
            <CreateIndicator buttonLabel="New indicator" heading="New indicator" primary />
            <ImportIndicators />
          </div>
        ) : null}
      </div>
      <div role="search" aria-label="Filter indicators" className="flex flex-wrap items-center gap-2">
        <SearchBox
          id="indicator-search"
          label="Search value or title"
          placeholder="Search value or title"
          defaultValue={filter.q ?? ""}
          width="w-64"
          onSearch={(q) => go({ q })}
        />
        <MultiSelect
          label="Type"
          options={INDICATOR_TYPES}
          value={filter.type}
          onChange={(v) => go({ type: v as IndicatorFilter["type"] })}
          format={labeller("indicatorType")}
        />
        <MultiSelect
          label="Action"
          options={CONSOLE_ACTIONS}
          value={filter.action}
          onChange={(v) => go({ action: v })}
          format={(v) => CONSOLE_ACTION_LABELS[v as keyof typeof CONSOLE_ACTION_LABELS] ?? v}
        />
        <MultiSelect
          label="Severity"
          options={INDICATOR_SEVERITIES}
          value={filter.severity}
          onChange={(v) => go({ severity: v as IndicatorFilter["severity"] })}
          format={labeller("severity")}
        />
        <label className="flex items-center gap-1 text-sm">
          Expired
          <select
            className={inputBase}
            value={filter.expired ?? ""}
            onChange={(e) => go({ expired: (e.target.value || undefined) as IndicatorFilter["expired"] })}
          >
            <option value="">Any</option>
            <option value="no">Active</option>
            <option value="yes">Expired</option>
          </select>
        </label>
        <ClearFiltersLink href="/indicators" filtered={filtered} />
        <NavigatingStatus navigating={navigating} />
        {canDelete && selected.length ? (
          <button type="button" className={`${buttonDanger} ml-auto`} onClick={() => setConfirm(selected)}>
            Delete {selected.length} selected
          </button>
        ) : null}
      </div>
      <OutcomeMessage message={message} />
      <IndicatorTable
        rows={rows}
        selection={canDelete ? { selected: selection.selected, onChange: (ids) => selection.set(ids) } : undefined}
        controls={
          canDelete
            ? (i) => (
                <button
                  type="button"
                  className="text-red-700 underline dark:text-red-300"
                  onClick={() => setConfirm([i])}
                >
                  Delete
                </button>
              )
            : undefined
        }
        empty={
          cache.empty ? (
            <NothingSynced kind="indicator" lastSyncAt={cache.lastSyncAt} now={now} />
          ) : filtered ? (
            <NoMatches what="indicators" clearHref="/indicators" />
          ) : (
            "No custom indicator."
          )
        }
      />
      <ListFooter summary={<>{rows.length} shown</>} list={footer} />
      <ConfirmDialog
        open={confirm !== null}
        title={confirm?.length === 1 ? "Delete this indicator?" : `Delete ${confirm?.length ?? 0} indicators?`}
        confirmLabel={remove.isPending ? "Deleting…" : "Delete in Defender"}
        onCancel={() => setConfirm(null)}
        onConfirm={() => confirm && remove.submit(confirm.map((c) => c.id))}
      >
        Defender stops acting on {confirm?.length === 1 ? <code>{confirm[0]!.indicatorValue}</code> : "them"} on every
        device. Recorded in the audit log.
      </ConfirmDialog>
    </div>
  );
}
