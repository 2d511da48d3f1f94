import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { RowsTable, Td } from "@/components/ui/table";
import { formatRelative } from "@/components/ui/format";
import { requireUser } from "@/lib/auth/page";
import { getSyncOverview } from "@/lib/sync/status";
import { SyncControls } from "./_components/sync-controls";

export const metadata: Metadata = { title: "Sync status" };

export default async function SyncPage() {
  const actor = await requireUser("console:read");
  const overview = await getSyncOverview();
  return (
    <>
      <PageHeader
        title="Sync status"
        description="The console reads a local cache filled from Defender for Endpoint and Intune. Each entity syncs incrementally; vulnerability data is refreshed whole a few times a day."
        actions={actor.permissions.has("sync:run") ? <SyncControls /> : null}
      />
      <RowsTable
        caption="Sync state per entity"
        columns={[
          "Entity",
          "Last success",
          "Last pass",
          { label: "Fetched", className: "text-right" },
          { label: "Written", className: "text-right" },
          { label: "Skipped", className: "text-right" },
          { label: "Calls", className: "text-right" },
          "Problem",
        ]}
        rows={overview.entities}
        empty="Nothing has been synced yet."
        row={(e) => (
          <tr key={e.entity}>
            <Td className="font-medium">
              {e.entity}
              {e.running ? <span className="ml-2 text-xs text-blue-700 dark:text-blue-300">syncing…</span> : null}
            </Td>
            <Td title={e.lastSuccessAt ?? undefined}>{e.lastSuccessAt ? formatRelative(e.lastSuccessAt) : "never"}</Td>
            <Td className="text-xs">
              {e.lastSummary
                ? `${e.lastSummary.status} · ${e.lastSummary.mode} · ${Math.round(e.lastSummary.durationMs)} ms`
                : "—"}
            </Td>
            <Td className="text-right tabular-nums">{e.lastSummary?.fetched ?? "—"}</Td>
            <Td className="text-right tabular-nums">{e.lastSummary?.upserted ?? "—"}</Td>
            <Td className="text-right tabular-nums">{e.lastSummary?.skipped ?? "—"}</Td>
            <Td className="text-right tabular-nums">{e.lastSummary?.calls ?? "—"}</Td>
            <Td className="max-w-sm text-xs text-red-700 dark:text-red-300">{e.lastError ?? ""}</Td>
          </tr>
        )}
      />
    </>
  );
}
