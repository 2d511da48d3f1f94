"use client";

import { ClearFiltersLink, NavigatingStatus } from "@/components/ui/filter-form";
import { NoMatches } from "@/components/ui/no-matches";
import { TabBar } from "@/components/ui/tab-bar";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../../_query/api";
import { useSubmitOnce } from "../../_query/use-submit-once";
import { asFollowed, fetchActionsFollowing, type FollowedPage } from "../../_query/follow-actions";
import { actionKeys } from "../../_query/keys";
import { useCursorList, useUrlListView } from "../../_query/use-url-list";
import { ActionTable } from "@/components/actions/action-table";
import { MultiSelect } from "@/components/ui/multi-select";
import { SearchBox } from "@/components/ui/search-box";
import { ListFooter } from "@/components/ui/list-footer";
import { FollowWarning } from "@/components/ui/follow-warning";
import { ActionDialog } from "@/components/devices/action-dialog";
import { buttonSecondary } from "@/components/ui/button-styles";
import {
  ACTION_STATUSES,
  ACTION_TABS,
  ACTION_TYPES,
  actionFilterToSearch,
  canCancel,
  type ActionFilter,
  type ActionPage,
  type ActionView,
} from "@/lib/actions/schemas";
import { OutcomeMessage, type Outcome } from "@/components/ui/outcome-banner";
import { cn } from "@/components/ui/cn";
import { label, labeller } from "@/lib/labels";

// The action center's client container. The URL is the filter; rows still in flight are refreshed from Defender
// (GET /api/actions/[id]) every few seconds until they settle. Approvers decide here; the requester never can.

const TAB_LABELS: Record<(typeof ACTION_TABS)[number], string> = {
  all: "All",
  approvals: "Pending approvals",
  inflight: "In flight",
  history: "History",
};
const POLL_MS = 3_000;

type Decision = { kind: "approve" | "reject" | "cancel"; action: ActionView };

export interface ActionCenterProps {
  filter: ActionFilter;
  search: string;
  initialPage: ActionPage;
  pendingApprovals: number;
  me: string;
  canApprove: boolean;
  canRespond: boolean;
}

export function ActionCenter({
  filter,
  search,
  initialPage,
  pendingApprovals,
  me,
  canApprove,
  canRespond,
}: ActionCenterProps) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const { go, href, navigating } = useUrlListView({ path: "/actions", view: filter, toSearch: actionFilterToSearch });
  // No selection here: the rows' own buttons act. The failed refresh of a poll shows in FollowWarning, not the footer.
  const { list, pages, rows, footer } = useCursorList<ActionView, FollowedPage>({
    queryKey: actionKeys.pages(search),
    endpoint: "/api/actions",
    search,
    initialPage: asFollowed(initialPage),
    fetchPage: fetchActionsFollowing,
    refetchInterval: (loaded) => (loaded?.some((p) => p.data.some((a) => !a.final)) ? POLL_MS : false),
    footerShowsRefetchErrors: false,
  });

  const [decision, setDecision] = useState<Decision | null>(null);
  const [message, setMessage] = useState<Outcome | null>(null);
  // One decision once: clicks while it is in flight do nothing, and a repeat that reaches the server carries the
  // same Idempotency-Key and gets the first answer (a second approval would otherwise meet a 409).
  const decide = useSubmitOnce<{ data: ActionView }, { kind: Decision["kind"]; id: string; text: string }>({
    mutationFn: ({ kind, id, text }, idempotencyKey) =>
      apiFetch(`/api/actions/${encodeURIComponent(id)}/${kind}`, {
        method: "POST",
        json: kind === "cancel" ? { comment: text } : { reason: text },
        idempotencyKey,
      }),
    onSuccess: ({ data }, { kind }) => {
      setDecision(null);
      const action = label("actionType", data.type);
      setMessage({
        ok: true,
        text:
          kind === "approve"
            ? `Approved: ${action} on ${data.deviceName} sent to Defender (${label("actionStatus", data.status)}).`
            : kind === "reject"
              ? `Rejected: ${action} on ${data.deviceName}.`
              : `${action} on ${data.deviceName}: ${label("actionStatus", data.status)}.`,
      });
      router.refresh();
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: actionKeys.all }),
  });

  const controls = (a: ActionView) => {
    const buttons = [];
    if (canApprove && a.status === "AwaitingApproval" && a.requestedById !== me) {
      buttons.push(
        <button
          key="a"
          type="button"
          className="text-emerald-700 underline dark:text-emerald-300"
          onClick={() => (decide.reset(), setDecision({ kind: "approve", action: a }))}
        >
          Approve
        </button>,
        <button
          key="r"
          type="button"
          className="ml-2 text-red-700 underline dark:text-red-300"
          onClick={() => (decide.reset(), setDecision({ kind: "reject", action: a }))}
        >
          Reject
        </button>,
      );
    }
    if (canApprove && a.status === "AwaitingApproval" && a.requestedById === me)
      buttons.push(
        <span key="own" className="text-slate-500">
          Your request: another person approves
        </span>,
      );
    if (canRespond && canCancel(a)) {
      buttons.push(
        <button
          key="c"
          type="button"
          className="ml-2 text-red-700 underline dark:text-red-300"
          onClick={() => (decide.reset(), setDecision({ kind: "cancel", action: a }))}
        >
          Cancel
        </button>,
      );
    }
    return buttons;
  };

  const filtered = Boolean(filter.type.length || filter.status.length || filter.q || filter.device || filter.batch);
  return (
    <div className="space-y-3">
      <TabBar
        label="Action lists"
        tabs={ACTION_TABS.map((tab) => {
          return {
            key: tab,
            href: href({ tab }),
            active: filter.tab === tab,
            label: (
              <>
                {TAB_LABELS[tab]}
                {tab === "approvals" && pendingApprovals ? (
                  <span className="ml-1 rounded bg-amber-600 px-1 text-xs text-white">{pendingApprovals}</span>
                ) : null}
              </>
            ),
          };
        })}
      />
      <div role="search" aria-label="Filter actions" className="flex flex-wrap items-center gap-2">
        <SearchBox
          id="action-search"
          label="Search requester, approver or device"
          placeholder="Search requester, approver or device"
          defaultValue={filter.q ?? ""}
          width="w-72"
          onSearch={(q) => go({ q })}
        />
        <MultiSelect
          label="Action"
          options={ACTION_TYPES}
          value={filter.type}
          onChange={(v) => go({ type: v as ActionFilter["type"] })}
          format={labeller("actionType")}
        />
        <MultiSelect
          label="Status"
          options={ACTION_STATUSES}
          value={filter.status}
          onChange={(v) => go({ status: v as ActionFilter["status"] })}
          format={labeller("actionStatus")}
        />
        <ClearFiltersLink href={filter.tab === "all" ? "/actions" : `/actions?tab=${filter.tab}`} filtered={filtered} />
        {filter.batch ? (
          <span className="text-xs text-slate-600 dark:text-slate-400">
            Only the bulk request {filter.batch.slice(0, 8)}…
          </span>
        ) : null}
        <NavigatingStatus navigating={navigating} />
        <a
          href={`/api/actions/export${search ? `?${search}` : ""}`}
          className={cn(buttonSecondary, "ml-auto")}
          download
        >
          Export CSV
        </a>
      </div>

      <OutcomeMessage message={message} />
      <FollowWarning
        error={list.isRefetchError ? list.error : null}
        unrefreshed={pages.flatMap((p) => p.unrefreshed)}
        updatedAt={list.dataUpdatedAt}
        onRetry={() => list.refetch()}
      />

      <ActionTable
        rows={rows}
        controls={controls}
        empty={
          filtered ? (
            <NoMatches what="actions" clearHref="/actions" />
          ) : filter.tab === "approvals" ? (
            "No request is waiting for approval."
          ) : filter.tab === "inflight" ? (
            "No action is in flight."
          ) : (
            "No response action has been requested yet, through the console or (as far as the last sync saw) in Defender."
          )
        }
      />
      <ListFooter summary={<>{rows.length} shown</>} list={footer} />

      <ActionDialog
        spec={
          decision
            ? {
                title:
                  decision.kind === "approve"
                    ? `Approve ${decision.action.requestedBy}'s ${label("actionType", decision.action.type)} of`
                    : decision.kind === "reject"
                      ? `Reject ${label("actionType", decision.action.type)} of`
                      : `Cancel ${label("actionType", decision.action.type)} on`,
                confirmLabel:
                  decision.kind === "approve"
                    ? "Approve and send"
                    : decision.kind === "reject"
                      ? "Reject"
                      : "Cancel action",
                danger: decision.kind !== "approve",
                note: decision.action.comment ? `Requester's comment: “${decision.action.comment}”` : undefined,
                commentLabel: decision.kind === "cancel" ? undefined : "Reason (required, recorded in the audit log)",
              }
            : null
        }
        deviceName={decision?.action.deviceName ?? ""}
        busy={decide.isPending}
        error={decide.error?.message ?? null}
        onClose={() => setDecision(null)}
        onConfirm={({ comment }) => {
          if (decision) decide.submit({ kind: decision.kind, id: decision.action.id, text: comment });
        }}
      />
    </div>
  );
}
