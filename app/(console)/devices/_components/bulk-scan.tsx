"use client";

import Link from "next/link";
import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { ApiError, apiFetch } from "../../_query/api";
import { fetchActionsFollowing } from "../../_query/follow-actions";
import { actionKeys } from "../../_query/keys";
import { newIdempotencyKey } from "../../_query/idempotency";
import { ActionDialog } from "@/components/devices/action-dialog";
import { ActionStatusBadge } from "@/components/devices/badges";
import { buttonSecondary } from "@/components/ui/button-styles";
import { FollowWarning } from "@/components/ui/follow-warning";
import { BULK_SCAN_MAX, type BulkScanResult } from "@/lib/actions/schemas";
import type { DeviceRow } from "@/lib/devices/schemas";

/** The most rows GET /api/actions returns in one page. */
const FOLLOW_LIMIT = 200;

// A scan on the selected devices: one confirmation, then per-device results — refused at once (not onboarded,
// a scan already pending) or queued and sent under Defender's per-minute limit, followed here until settled.

export function BulkScan({ devices, onDone }: { devices: DeviceRow[]; onDone: () => void }) {
  const [dialog, setDialog] = useState<{ key: string } | null>(null);
  const [result, setResult] = useState<BulkScanResult | null>(null);
  const scan = useMutation<BulkScanResult, ApiError, { scanType: string; comment: string; idempotencyKey: string }>({
    mutationFn: (body) =>
      apiFetch("/api/actions/bulk", { method: "POST", json: { ...body, deviceIds: devices.map((d) => d.id) } }),
    onSuccess: (r) => {
      setResult(r);
      setDialog(null);
      onDone();
    },
  });
  const search = result ? `batch=${encodeURIComponent(result.batch)}` : "";
  const live = useQuery({
    queryKey: actionKeys.list(search),
    queryFn: () => fetchActionsFollowing(`/api/actions?${search}&limit=${FOLLOW_LIMIT}`),
    enabled: result !== null && result.queued > 0,
    // The list shows at most FOLLOW_LIMIT rows, so a larger batch is followed until those rows are final.
    refetchInterval: (q) =>
      q.state.data?.data.some((a) => !a.final) ||
      (q.state.data?.data.length ?? 0) < Math.min(result?.queued ?? 0, FOLLOW_LIMIT)
        ? 3_000
        : false,
  });
  const statusOf = new Map((live.data?.data ?? []).map((a) => [a.deviceId, a.status]));
  const tooMany = devices.length > BULK_SCAN_MAX;

  return (
    <div className="space-y-2">
      <div className="flex items-center gap-3 text-sm">
        <span>{devices.length} selected</span>
        <button
          type="button"
          className={buttonSecondary}
          disabled={devices.length === 0 || tooMany}
          onClick={() => (scan.reset(), setDialog({ key: newIdempotencyKey() }))}
        >
          Scan selected devices
        </button>
        {tooMany ? (
          <span className="text-xs text-red-700 dark:text-red-300">At most {BULK_SCAN_MAX} devices per bulk scan.</span>
        ) : null}
      </div>
      {result ? (
        <div
          role="status"
          className="rounded-md border border-slate-300 bg-white p-3 text-sm dark:border-slate-700 dark:bg-slate-900"
        >
          <p>
            Antivirus scan queued for {result.queued} device{result.queued === 1 ? "" : "s"}
            {result.refused ? `; ${result.refused} not queued` : ""}. Scans are sent under Defender&apos;s per-minute
            limit.{" "}
            <Link href={`/actions?${search}`} className="text-blue-700 underline dark:text-blue-300">
              Follow in the action center
            </Link>
          </p>
          <ul className="mt-2 max-h-60 space-y-1 overflow-auto text-xs" aria-label="Per-device results">
            {result.items.map((i) => (
              <li key={i.deviceId} data-device-id={i.deviceId} className="flex items-center gap-2">
                <span className="font-mono">{i.deviceName ?? i.deviceId}</span>
                {i.result === "queued" ? (
                  <ActionStatusBadge status={statusOf.get(i.deviceId) ?? "Queued"} />
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
        spec={
          dialog
            ? {
                title: "Run an antivirus scan on",
                confirmLabel: `Scan ${devices.length} device${devices.length === 1 ? "" : "s"}`,
                options: {
                  name: "bulkScanType",
                  legend: "Scan type",
                  choices: [
                    { value: "Quick", label: "Quick scan" },
                    { value: "Full", label: "Full scan" },
                  ],
                },
              }
            : null
        }
        deviceName={
          devices.length === 1
            ? devices[0].name
            : `${devices.length} devices (${devices
                .slice(0, 3)
                .map((d) => d.name.split(".")[0])
                .join(", ")}${devices.length > 3 ? ", …" : ""})`
        }
        busy={scan.isPending}
        error={scan.error?.message ?? null}
        onClose={() => setDialog(null)}
        onConfirm={({ option, comment }) => {
          if (dialog && !scan.isPending)
            scan.mutate({ scanType: option ?? "Quick", comment, idempotencyKey: dialog.key });
        }}
      />
    </div>
  );
}
