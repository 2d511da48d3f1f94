"use client";

import type { ReactNode } from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { NAV_ITEMS } from "./nav-items";
import { cn } from "@/components/ui/cn";

/** `badges`: something to show beside an item (a count), by the item's href; outside the link, so its name stays. */
export function NavLinks({
  permissions,
  badges = {},
}: {
  permissions: readonly string[];
  badges?: Readonly<Record<string, ReactNode>>;
}) {
  const pathname = usePathname();
  return (
    <ul className="flex gap-1 overflow-x-auto md:flex-col md:overflow-visible">
      {NAV_ITEMS.filter((item) => permissions.includes(item.permission)).map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <li key={item.href} className="flex items-center">
            <Link
              href={item.href}
              aria-current={active ? "page" : undefined}
              title={item.summary}
              className={cn(
                "block flex-1 whitespace-nowrap rounded-md px-3 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-blue-600",
                active
                  ? "bg-blue-50 font-semibold text-blue-700 dark:bg-blue-950 dark:text-blue-300"
                  : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800",
              )}
            >
              {item.label}
            </Link>
            {badges[item.href] ?? null}
          </li>
        );
      })}
    </ul>
  );
}
