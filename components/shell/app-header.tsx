import Link from "next/link";
import type { CacheFreshness } from "@/lib/sync/freshness";
import { FreshnessBadge } from "./freshness-badge";
import { ThemeToggle } from "./theme-toggle";
import { UserMenu } from "./user-menu";

export function AppHeader({
  freshness,
  tenantConfigured,
  user,
}: {
  freshness: CacheFreshness | null;
  tenantConfigured: boolean;
  user: { name: string; roles: readonly string[] };
}) {
  return (
    <header className="no-print sticky top-0 z-20 flex h-14 items-center justify-between gap-4 border-b border-slate-200 bg-white/90 px-4 backdrop-blur dark:border-slate-800 dark:bg-slate-900/90">
      <Link
        href="/"
        className="flex items-center gap-2 font-semibold tracking-tight focus-visible:outline-2 focus-visible:outline-blue-600"
      >
        {/* eslint-disable-next-line @next/next/no-img-element -- a 24px static SVG needs no optimisation */}
        <img src="/logo.svg" alt="" width={24} height={24} />
        <span>SOC Console</span>
      </Link>
      <div className="flex items-center gap-3">
        <FreshnessBadge freshness={freshness} tenantConfigured={tenantConfigured} />
        <ThemeToggle />
        <UserMenu name={user.name} roles={user.roles} />
      </div>
    </header>
  );
}
