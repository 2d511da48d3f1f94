"use client";

import Link from "next/link";
import { useState } from "react";
import { useQueries, type InfiniteData } from "@tanstack/react-query";
import type { DataTableGroup } from "@/components/ui/data-table";
import { apiFetch } from "../../_query/api";
import { alertKeys } from "../../_query/keys";
import { viewToSearch } from "@/lib/alerts/vocabulary";
import type { AlertGroup, AlertPage, AlertRow, AlertView } from "@/lib/alerts/schemas";

// A grouped queue: the server counts the groups (first page of GET /api/alerts with group=…); each group the
// reader expands loads its own first page — the view narrowed to that group — and shows under its header row.
// Which groups are open is local to one view. The group pages live under alertKeys.lists() in the infinite
// query's shape, so triage's optimistic update and its refetch reach them like any other list.

const GROUP_PAGE = 50;

/** The view narrowed to one group: the filter that lists exactly that group's alerts. */
export function groupFilter(group: AlertView["group"], key: string): Partial<AlertView> {
  if (group === "incident") return { incident: key };
  if (group === "device") return { device: key };
  if (group === "title") return { title: key };
  if (group === "category") return { category: [key] };
  return {};
}

export function useAlertGroups({ view, search, groups }: { view: AlertView; search: string; groups?: AlertGroup[] }) {
  const [open, setOpen] = useState<{ search: string; keys: ReadonlySet<string> }>({ search, keys: new Set() });
  const expanded = open.search === search ? open.keys : new Set<string>();
  const narrowed = (key: string) =>
    viewToSearch({ ...view, group: "none", ...groupFilter(view.group, key) }).toString();
  const list = groups ?? [];
  const results = useQueries({
    queries: list
      .filter((g) => expanded.has(g.key))
      .map((g) => ({
        queryKey: alertKeys.group(narrowed(g.key)),
        queryFn: async (): Promise<InfiniteData<AlertPage>> => ({
          pages: [await apiFetch<AlertPage>(`/api/alerts?${narrowed(g.key)}&limit=${GROUP_PAGE}`)],
          pageParams: [null],
        }),
      })),
  });
  const byKey = new Map(list.filter((g) => expanded.has(g.key)).map((g, i) => [g.key, results[i]]));
  const tableGroups: DataTableGroup<AlertRow>[] = list.map((g) => {
    const result = byKey.get(g.key);
    const rows = result?.data?.pages.flatMap((p) => p.data) ?? [];
    const more = g.count - rows.length;
    return {
      key: g.key,
      label: g.label,
      count: g.count,
      expanded: expanded.has(g.key),
      onToggle: () => {
        const keys = new Set(expanded);
        if (!keys.delete(g.key)) keys.add(g.key);
        setOpen({ search, keys });
      },
      rows,
      footer: result?.isPending ? (
        "Loading…"
      ) : result?.error ? (
        <span role="alert">{result.error.message}</span>
      ) : more > 0 ? (
        <Link className="underline" href={`/alerts?${narrowed(g.key)}`}>
          {more} more in this group: open them as a list
        </Link>
      ) : null,
    };
  });
  return { groups: groups ? tableGroups : undefined, rows: tableGroups.flatMap((g) => g.rows) };
}
