"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { ApiError, apiFetch } from "../../_query/api";
import { syncKeys } from "../../_query/keys";
import { buttonPrimary, buttonSecondary } from "@/components/ui/button-styles";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { formatUtc } from "@/components/ui/format";

/** What GET /api/sync answers: per-entity state (lib/sync/status) and whether a pass is running now. */
interface SyncStatus {
  passRunning: boolean;
  failing: string[];
}

// "Sync now" and "Full resync" (Admins, sync:run). A pass runs in the server after the 202; the buttons then
// follow it (GET /api/sync every second) until it ends, say so, and refresh the table above.
export function SyncControls() {
  const router = useRouter();
  const [started, setStarted] = useState<{ at: number; full: boolean } | null>(null);
  const [confirmFull, setConfirmFull] = useState(false);
  const start = useMutation<{ started: boolean }, ApiError, { full: boolean }>({
    mutationFn: (body) => apiFetch("/api/sync", { method: "POST", json: body }),
    onSuccess: (_, body) => setStarted({ at: Date.now(), full: body.full }),
  });
  const status = useQuery({
    queryKey: syncKeys.status(started?.at ?? 0),
    queryFn: () => apiFetch<SyncStatus>("/api/sync"),
    enabled: started !== null,
    refetchInterval: (q) => (q.state.data?.passRunning === false ? false : 1000),
  });
  const finished = started !== null && status.data?.passRunning === false;
  useEffect(() => {
    if (finished) router.refresh();
  }, [finished, router]);
  const running = start.isPending || (started !== null && !finished);
  const what = started?.full ? "Full resync" : "Sync";
  return (
    <div className="flex flex-wrap items-center gap-3">
      {start.error ? (
        <span role="alert" className="text-sm text-red-700 dark:text-red-300">
          {start.error.message}
        </span>
      ) : finished ? (
        <span
          role="status"
          className={
            status.data?.failing.length
              ? "text-sm text-amber-800 dark:text-amber-200"
              : "text-sm text-emerald-700 dark:text-emerald-300"
          }
        >
          {what} finished at {formatUtc(new Date(status.dataUpdatedAt).toISOString(), "", { seconds: true })}
          {status.data?.failing.length ? `; failing: ${status.data.failing.join(", ")}.` : "."}
        </span>
      ) : started ? (
        <span role="status" className="text-sm text-slate-700 dark:text-slate-300">
          {what} running…
        </span>
      ) : null}
      <button type="button" className={buttonSecondary} disabled={running} onClick={() => setConfirmFull(true)}>
        Full resync…
      </button>
      <button type="button" className={buttonPrimary} disabled={running} onClick={() => start.mutate({ full: false })}>
        {running && !started?.full ? "Syncing…" : "Sync now"}
      </button>
      <ConfirmDialog
        open={confirmFull}
        title="Re-read everything from Defender and Intune?"
        confirmLabel="Start full resync"
        onCancel={() => setConfirmFull(false)}
        onConfirm={() => {
          setConfirmFull(false);
          start.mutate({ full: true });
        }}
      >
        A full resync fetches every record again instead of the changes since the last pass: it takes longer and uses
        more of the tenant&apos;s API calls. Use it when the cache looks wrong.
      </ConfirmDialog>
    </div>
  );
}
