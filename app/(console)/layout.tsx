import type { ReactNode } from "react";
import { AppHeader } from "@/components/shell/app-header";
import { NavLinks } from "@/components/shell/nav-links";
import { TenantBanner } from "@/components/shell/tenant-banner";
import { QueryProvider } from "@/components/providers/query-provider";
import { getConfig, hasTenant } from "@/lib/config/env";
import { getSyncOverview } from "@/lib/sync/status";
import { requireUser } from "@/lib/auth/page";
import { gatePage } from "./_pages/page-gate";
import { ApprovalsBadge } from "./_shell/approvals-badge";

// Every console page reads the cache: render per request, never at build time.
export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const actor = await requireUser();
  await gatePage(actor);
  const cfg = getConfig();
  const tenantConfigured = hasTenant(cfg);
  const sync = await getSyncOverview().catch(() => null);
  return (
    <QueryProvider>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 dark:focus:bg-slate-900"
      >
        Skip to content
      </a>
      <AppHeader
        freshness={sync?.freshness ?? null}
        tenantConfigured={tenantConfigured}
        user={{ name: actor.name, roles: actor.roles }}
      />
      <TenantBanner mode={cfg.CONSOLE_MODE} tenantConfigured={tenantConfigured} />
      <div className="flex flex-col md:flex-row">
        <nav
          aria-label="Main"
          className="no-print border-b border-slate-200 p-2 md:min-h-[calc(100vh-3.5rem)] md:w-52 md:border-b-0 md:border-r dark:border-slate-800"
        >
          <NavLinks
            permissions={[...actor.permissions]}
            badges={actor.permissions.has("actions:approve") ? { "/actions": <ApprovalsBadge /> } : undefined}
          />
        </nav>
        <main id="main" className="min-w-0 flex-1 p-4 md:p-6">
          {children}
        </main>
      </div>
    </QueryProvider>
  );
}
