import { NAV_ITEMS } from "@/components/shell/nav-items";
import { PageHeader } from "./page-header";

/** The honest state of a page that is not built yet: what it will do, and which issue brings it. */
export function ComingSoon({ href, issue }: { href: string; issue?: number }) {
  const item = NAV_ITEMS.find((i) => i.href === href);
  const title = item?.label ?? "Coming";
  return (
    <section aria-labelledby="coming-title">
      <PageHeader title={title} />
      <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center dark:border-slate-700 dark:bg-slate-900">
        <p className="text-xs font-semibold uppercase tracking-wider text-blue-700 dark:text-blue-300">Coming</p>
        <h2 id="coming-title" className="mt-2 text-lg font-semibold">
          {title} is not built yet
        </h2>
        <p className="mx-auto mt-2 max-w-xl text-sm text-slate-600 dark:text-slate-400">{item?.summary}</p>
        <p className="mt-4 text-sm text-slate-500 dark:text-slate-400">
          {issue ? `It arrives with issue #${issue}.` : "It is planned; no issue has been filed yet."} No data on this
          page is simulated.
        </p>
      </div>
    </section>
  );
}
