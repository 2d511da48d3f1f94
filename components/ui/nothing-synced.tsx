import Link from "next/link";
import { formatRelative } from "./format";

/** A list's empty state while its cache has never been filled: when that kind's last sync finished, and the way to Sync status. */
export function NothingSynced({ kind, lastSyncAt, now }: { kind: string; lastSyncAt: string | null; now: number }) {
  return (
    <span>
      <strong className="block text-slate-700 dark:text-slate-200">Nothing synced yet.</strong>
      The {kind} cache is empty
      {lastSyncAt
        ? `; the last ${kind} sync finished ${formatRelative(lastSyncAt, now)}`
        : ` — no ${kind} sync has finished yet`}
      .{" "}
      <Link href="/sync" className="text-blue-700 underline dark:text-blue-300">
        Sync status
      </Link>
    </span>
  );
}
