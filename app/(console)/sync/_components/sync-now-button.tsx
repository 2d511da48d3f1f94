"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { ApiError, apiFetch } from "../../_query/api";
import { buttonPrimary } from "@/components/ui/button-styles";

export function SyncNowButton() {
  const router = useRouter();
  const sync = useMutation({
    mutationFn: () => apiFetch<{ started: boolean }>("/api/sync", { method: "POST", json: { full: false } }),
    // The pass runs in the server; refresh the status table shortly after so progress shows.
    onSuccess: () => setTimeout(() => router.refresh(), 1500),
  });
  return (
    <div className="flex items-center gap-3">
      {sync.error ? (
        <span role="alert" className="text-sm text-red-700 dark:text-red-300">
          {(sync.error as ApiError).message}
        </span>
      ) : sync.isSuccess ? (
        <span role="status" className="text-sm text-emerald-700 dark:text-emerald-300">
          Sync started.
        </span>
      ) : null}
      <button type="button" className={buttonPrimary} disabled={sync.isPending} onClick={() => sync.mutate()}>
        {sync.isPending ? "Starting…" : "Sync now"}
      </button>
    </div>
  );
}
