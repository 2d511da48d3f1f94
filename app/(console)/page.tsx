import Link from "next/link";
import { NAV_ITEMS } from "@/components/shell/nav-items";
import { PageHeader } from "@/components/ui/page-header";
import { Change, KpiTile } from "@/components/tvm/kpi-tile";
import { formatRelative } from "@/components/ui/format";
import { requireUser } from "@/lib/auth/page";
import { getSyncOverview } from "@/lib/sync/status";
import { overviewFigures } from "@/lib/overview";

// / — the console's home: the numbers a SOC lead starts the day with, each a link to the list that shows exactly
// those items, then the sections this role may open.
export default async function OverviewPage() {
  const actor = await requireUser("console:read");
  const now = new Date();
  // The layout reads the same overview for the header's badge; a failed read shows "Not synced yet", not an error.
  const [figures, sync] = await Promise.all([overviewFigures(actor, now), getSyncOverview().catch(() => null)]);
  const freshness = sync?.freshness ?? null;
  const late = freshness?.late.length ?? 0;
  return (
    <>
      <PageHeader
        title="Overview"
        description="Triage alerts, follow response actions and read exposure for your Defender for Endpoint and Intune estate."
      />
      <div className="space-y-5">
        {figures.sections.map((section) => (
          <section key={section.id} aria-labelledby={`overview-${section.id}`}>
            <h2 id={`overview-${section.id}`} className="mb-2 text-sm font-semibold">
              {section.title}
            </h2>
            <ul className="grid grid-cols-2 gap-3 md:grid-cols-4">
              {section.tiles.map((tile) => (
                <li key={tile.id} data-tile={tile.id}>
                  <KpiTile
                    label={tile.label}
                    value={String(tile.value)}
                    href={tile.href}
                    testId={`tile-${tile.id}`}
                    detail={
                      <>
                        {tile.alarming && tile.value > 0 ? (
                          <span className="block font-medium text-red-700 dark:text-red-300">Needs attention</span>
                        ) : null}
                        {tile.detail}
                      </>
                    }
                  />
                </li>
              ))}
            </ul>
          </section>
        ))}
        <section aria-labelledby="overview-estate">
          <h2 id="overview-estate" className="mb-2 text-sm font-semibold">
            Exposure and sync
          </h2>
          <ul className="grid grid-cols-2 gap-3 md:grid-cols-4">
            <li data-tile="exposure">
              <KpiTile
                label="Exposure score"
                value={figures.exposure.now === null ? null : figures.exposure.now.toFixed(1)}
                hint="Nothing synced yet: the scores sync fills this."
                href="/tvm"
                testId="tile-exposure"
                detail={
                  figures.exposure.now === null ? undefined : <Change change={figures.exposure.change} goodWhenDown />
                }
              />
            </li>
            <li data-tile="sync">
              <KpiTile
                label="Sync"
                value={!freshness?.syncedAt ? null : late ? `${late} late` : "Up to date"}
                hint="Not synced yet."
                href="/sync"
                testId="tile-sync"
                detail={
                  !freshness?.syncedAt
                    ? undefined
                    : late
                      ? `Late or failing: ${freshness.late.map((e) => e.label).join(", ")}`
                      : `Alerts and devices synced ${formatRelative(freshness.syncedAt, now.getTime())}`
                }
              />
            </li>
          </ul>
        </section>
        <section aria-labelledby="overview-sections">
          <h2 id="overview-sections" className="mb-2 text-sm font-semibold">
            Sections
          </h2>
          <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
            {/* Only what this role may open: the sidebar's rule (B16). */}
            {NAV_ITEMS.filter((item) => actor.permissions.has(item.permission)).map((item) => (
              <li key={item.href}>
                <Link
                  href={item.href}
                  className="block h-full rounded-lg border border-slate-200 bg-white p-4 hover:border-blue-400 focus-visible:outline-2 focus-visible:outline-blue-600 dark:border-slate-800 dark:bg-slate-900 dark:hover:border-blue-500"
                >
                  <span className="font-medium">{item.label}</span>
                  <span className="mt-1 block text-sm text-slate-600 dark:text-slate-400">{item.summary}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}
