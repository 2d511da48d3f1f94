import Link from "next/link";
import { NAV_ITEMS } from "@/components/shell/nav-items";
import { PageHeader } from "@/components/ui/page-header";

export default function OverviewPage() {
  return (
    <>
      <PageHeader
        title="Overview"
        description="Triage alerts, follow response actions and read exposure for your Defender for Endpoint and Intune estate."
      />
      <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
        {NAV_ITEMS.map((item) => (
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
    </>
  );
}
