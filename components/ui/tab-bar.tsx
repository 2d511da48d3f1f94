import Link from "next/link";
import type { ReactNode } from "react";
import { cn } from "./cn";

export interface TabLink {
  key: string;
  href: string;
  label: ReactNode;
  active: boolean;
}

/** Tabs that are links (the tab is part of the shareable URL); the current one is marked for assistive tech. */
export function TabBar({ label, tabs }: { label: string; tabs: TabLink[] }) {
  return (
    <nav aria-label={label} className="flex flex-wrap gap-1 border-b border-slate-200 dark:border-slate-800">
      {tabs.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          aria-current={tab.active ? "page" : undefined}
          className={cn(
            "-mb-px border-b-2 px-3 py-1.5 text-sm font-medium",
            tab.active
              ? "border-blue-700 text-blue-800 dark:border-blue-400 dark:text-blue-200"
              : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100",
          )}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
