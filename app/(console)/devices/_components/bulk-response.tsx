"use client";

import Link from "next/link";
import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { ApiError, apiFetch } from "../../_query/api";
import { fetchActionsFollowing } from "../../_query/follow-actions";
import { actionKeys } from "../../_query/keys";
import { newIdempotencyKey } from "../../_query/idempotency";
import { ActionDialog, type ActionDialogSpec } from "@/components/devices/action-dialog";
import { isolationOptions } from "@/components/devices/isolation-options";
import { ActionStatusBadge } from "@/components/devices/badges";
import { buttonDanger, buttonSecondary } from "@/components/ui/button-styles";
import { FollowWarning } from "@/components/ui/follow-warning";
import { BULK_SCAN_MAX, type BulkScanResult } from "@/lib/actions/schemas";
import { inactiveSensorWarning, type DeviceRow } from "@/lib/devices/schemas";

/** The most rows GET /api/actions returns in one page. */
const FOLLOW_LIMIT = 200;

// A scan or an isolation on the selected devices: one confirmation, then per-device results — refused at once (not
// onboarded, one already pending), awaiting approval (isolation with four-eyes on: each device's request is
// approved on its own, as on the device page) or queued and sent under Defender's per-minute limit, followed here
// until settled.

type Kind = "scan" | "isolate";

const LABELS: Record<Kind, { verb: string; endpoint: string; follow: string }> = {
  scan: { verb: "Antivirus scan", endpoint: "/api/actions/bulk", follow: "scan" },
  isolate: { verb: "Isolation", endpoint: "/api/actions/bulk/isolate", follow: "isolation" },
};

const plural = (n: number, what = "device") => `${n} ${what}${n === 1 ? "" : "s"}`;

function dialogSpec(kind: Kind, count: number, fourEyes: boolean, warning: string | null): ActionDialogSpec {
  const extra = warning ? { warning } : {};
  if (kind === "scan")
    return {
      title: "Run an antivirus scan on",
      confirmLabel: `Scan ${plural(count)}`,
      options: {
        name: "bulkScanType",
        legend: "Scan type",
        choices: [
          { value: "Quick", label: "Quick scan" },
          { value: "Full", label: "Full scan" },
        ],
      },
      ...extra,
    };
  return {
    title: "Isolate",
    confirmLabel: fourEyes ? `Request isolation of ${plural(count)} (needs approval)` : `Isolate ${plural(count)}`,
    danger: !fourEyes,
    note: fourEyes
      ? "Four-eyes approval is on: each device's isolation waits for a Manager or Admin to approve it; nothing is sent to Defender before that."
      : "Each device keeps its connection to Defender only; users lose network access until it is released.",
    options: isolationOptions("bulkIsolationType"),
    ...extra,
  };
}

/** The selected devices whose sensor may never pick the action up, named in the dialog. */
function sensorWarning(devices: DeviceRow[], now: number): string | null {
  const silent = devices.filter((d) => inactiveSensorWarning(d, now) !== null).map((d) => d.name.split(".")[0]);
  if (silent.length === 0) return null;
  if (devices.length === 1) return inactiveSensorWarning(devices[0], now);
  return `${plural(silent.length)} of ${devices.length} ${silent.length === 1 ? "has an" : "have"} inactive or silent sensor${silent.length === 1 ? "" : "s"} (${silent.slice(0, 5).join(", ")}${silent.length > 5 ? ", …" : ""}). Defender delivers an action when the sensor checks in, so theirs may stay Pending and time out.`;
}

export function BulkResponse({
  devices,
  fourEyes,
  now,
  onDone,
}: {
  devices: DeviceRow[];
  fourEyes: boolean;
  /** The page's clock, for the inactive-sensor warning. */
  now: number;
  onDone: () => void;
}) {
  const [dialog, setDialog] = useState<{ kind: Kind; key: string } | null>(null);
  const [outcome, setOutcome] = useState<{ kind: Kind; result: BulkScanResult } | null>(null);
  const send = useMutation<
    { kind: Kind; result: BulkScanResult },
    ApiError,
    { kind: Kind; option: string; comment: string; idempotencyKey: string }
  >({
    mutationFn: async ({ kind, option, comment, idempotencyKey }) => ({
      kind,
      result: await apiFetch<BulkScanResult>(LABELS[kind].endpoint, {
        method: "POST",
        json: {
          deviceIds: devices.map((d) => d.id),
          ...(kind === "scan" ? { scanType: option } : { isolationType: option }),
          comment,
          idempotencyKey,
        },
      }),
    }),
    onSuccess: (r) => {
      setOutcome(r);
      setDialog(null);
      onDone();
    },
  });
  const result = outcome?.result ?? null;
  const followed = result ? result.queued + result.awaitingApproval : 0;
  const search = result ? `batch=${encodeURIComponent(result.batch)}` : "";
  const live = useQuery({
    queryKey: actionKeys.list(search),
    queryFn: () => fetchActionsFollowing(`/api/actions?${search}&limit=${FOLLOW_LIMIT}`),
    enabled: followed > 0,
    // The list shows at most FOLLOW_LIMIT rows, so a larger batch is followed until those rows are final. Requests
    // awaiting approval are looked at less often: a person decides them.
    refetchInterval: (q) => {
      const data = q.state.data?.data ?? [];
      if (
        data.some((a) => !a.final && a.status !== "AwaitingApproval") ||
        data.length < Math.min(followed, FOLLOW_LIMIT)
      )
        return 3_000;
      return data.some((a) => a.status === "AwaitingApproval") ? 10_000 : false;
    },
  });
  const statusOf = new Map((live.data?.data ?? []).map((a) => [a.deviceId, a.status]));
  const tooMany = devices.length > BULK_SCAN_MAX;
  const open = (kind: Kind) => (send.reset(), setDialog({ kind, key: newIdempotencyKey() }));

  return (
    <div className="space-y-2">
      <div className="flex items-center gap-3 text-sm">
        <span>{devices.length} selected</span>
        <button
          type="button"
          className={buttonSecondary}
          disabled={devices.length === 0 || tooMany}
          onClick={() => open("scan")}
        >
          Scan selected devices
        </button>
        <button
          type="button"
          className={buttonDanger}
          disabled={devices.length === 0 || tooMany}
          onClick={() => open("isolate")}
        >
          {fourEyes ? "Request isolation of selected devices" : "Isolate selected devices"}
        </button>
        {tooMany ? (
          <span className="text-xs text-red-700 dark:text-red-300">At most {BULK_SCAN_MAX} devices at once.</span>
        ) : null}
      </div>
      {outcome && result ? (
        <div
          role="status"
          className="rounded-md border border-slate-300 bg-white p-3 text-sm dark:border-slate-700 dark:bg-slate-900"
        >
          <p>
            {LABELS[outcome.kind].verb}
            {result.queued ? ` queued for ${plural(result.queued)}` : ""}
            {result.queued && result.awaitingApproval ? ";" : ""}
            {result.awaitingApproval
              ? ` requested for ${plural(result.awaitingApproval)}, each awaiting approval by a Manager or Admin`
              : ""}
            {!result.queued && !result.awaitingApproval ? " not requested" : ""}
            {result.refused ? `; ${plural(result.refused)} not queued` : ""}.
            {result.queued ? <> Actions are sent under Defender&apos;s per-minute limit.</> : null}{" "}
            <Link href={`/actions?${search}`} className="text-blue-700 underline dark:text-blue-300">
              Follow in the action center
            </Link>
          </p>
          <ul className="mt-2 max-h-60 space-y-1 overflow-auto text-xs" aria-label="Per-device results">
            {result.items.map((i) => (
              <li key={i.deviceId} data-device-id={i.deviceId} className="flex items-center gap-2">
                <span className="font-mono">{i.deviceName ?? i.deviceId}</span>
                {i.result === "queued" || i.result === "awaiting_approval" ? (
                  <ActionStatusBadge
                    status={statusOf.get(i.deviceId) ?? (i.result === "queued" ? "Queued" : "AwaitingApproval")}
                  />
                ) : (
                  <span className="text-red-700 dark:text-red-300">
                    {i.result === "not_found" ? "not found" : "not queued"}
                  </span>
                )}
                {i.message ? <span className="text-slate-600 dark:text-slate-400">{i.message}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {result ? (
        <FollowWarning
          error={live.error}
          unrefreshed={live.data?.unrefreshed ?? []}
          updatedAt={live.dataUpdatedAt}
          onRetry={() => live.refetch()}
        />
      ) : null}
      <ActionDialog
        spec={dialog ? dialogSpec(dialog.kind, devices.length, fourEyes, sensorWarning(devices, now)) : null}
        deviceName={
          devices.length === 1
            ? devices[0].name
            : `${plural(devices.length)} (${devices
                .slice(0, 3)
                .map((d) => d.name.split(".")[0])
                .join(", ")}${devices.length > 3 ? ", …" : ""})`
        }
        busy={send.isPending}
        error={send.error?.message ?? null}
        onClose={() => setDialog(null)}
        onConfirm={({ option, comment }) => {
          if (dialog && !send.isPending)
            send.mutate({
              kind: dialog.kind,
              option: option ?? (dialog.kind === "scan" ? "Quick" : "Full"),
              comment,
              idempotencyKey: dialog.key,
            });
        }}
      />
    </div>
  );
}
