import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyRow, Table, Td, Th } from "@/components/ui/table";
import { formatRelative } from "@/components/ui/format";
import { requireUser } from "@/lib/auth/page";
import { getSyncOverview } from "@/lib/sync/status";
import { SyncNowButton } from "./_components/sync-now-button";

export const metadata: Metadata = { title: "Sync status" };

export default async function SyncPage() {
  const actor = await requireUser("console:read");
  const overview = await getSyncOverview();
  return (
    <>
      <PageHeader
        title="Sync status"
        description="The console reads a local cache filled from Defender for Endpoint and Intune. Each entity syncs incrementally; vulnerability data is refreshed whole a few times a day."
        actions={actor.permissions.has("sync:run") ? <SyncNowButton /> : null}
      />
      <Table caption="Sync state per entity">
        <thead>
          <tr>
            <Th>Entity</Th>
            <Th>Last success</Th>
            <Th>Last pass</Th>
            <Th className="text-right">Fetched</Th>
            <Th className="text-right">Written</Th>
            <Th className="text-right">Skipped</Th>
            <Th className="text-right">Calls</Th>
            <Th>Problem</Th>
          </tr>
        </thead>
        <tbody>
          {overview.entities.length === 0 ? (
            <EmptyRow colSpan={8}>Nothing has been synced yet.</EmptyRow>
          ) : (
            overview.entities.map((e) => (
              <tr key={e.entity}>
                <Td className="font-medium">
                  {e.entity}
                  {e.running ? <span className="ml-2 text-xs text-blue-700 dark:text-blue-300">syncing…</span> : null}
                </Td>
                <Td title={e.lastSuccessAt ?? undefined}>{e.lastSuccessAt ? formatRelative(e.lastSuccessAt) : "never"}</Td>
                <Td className="text-xs">
                  {e.lastSummary ? `${e.lastSummary.status} · ${e.lastSummary.mode} · ${Math.round(e.lastSummary.durationMs)} ms` : "—"}
                </Td>
                <Td className="text-right tabular-nums">{e.lastSummary?.fetched ?? "—"}</Td>
                <Td className="text-right tabular-nums">{e.lastSummary?.upserted ?? "—"}</Td>
                <Td className="text-right tabular-nums">{e.lastSummary?.skipped ?? "—"}</Td>
                <Td className="text-right tabular-nums">{e.lastSummary?.calls ?? "—"}</Td>
                <Td className="max-w-sm text-xs text-red-700 dark:text-red-300">{e.lastError ?? ""}</Td>
              </tr>
            ))
          )}
        </tbody>
      </Table>
    </>
  );
}
