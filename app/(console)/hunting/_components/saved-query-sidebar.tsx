"use client";

import { useMemo, useState } from "react";
import type { SavedQuery } from "@/lib/hunting/schemas";
import { inputBase } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";

type Section = { key: string; title: string; queries: SavedQuery[] };

/** Starter queries, the team's shared ones, then one's own personal ones (only the owner sees those). */
function sectionsOf(queries: SavedQuery[]): Section[] {
  return [
    { key: "starter", title: "Starter", queries: queries.filter((q) => q.starter) },
    { key: "shared", title: "Shared", queries: queries.filter((q) => !q.starter && q.shared) },
    { key: "mine", title: "Mine", queries: queries.filter((q) => !q.starter && !q.shared) },
  ];
}

function matches(q: SavedQuery, text: string, tag: string | null): boolean {
  if (tag && !q.tags.includes(tag)) return false;
  if (!text) return true;
  const needle = text.toLowerCase();
  return [q.name, q.description, q.folder, q.query, ...q.tags].some((s) => s.toLowerCase().includes(needle));
}

/** Queries grouped by folder ("" first), each folder collapsible. */
function byFolder(queries: SavedQuery[]): [string, SavedQuery[]][] {
  const groups = new Map<string, SavedQuery[]>();
  for (const q of queries) groups.set(q.folder, [...(groups.get(q.folder) ?? []), q]);
  return [...groups].sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b)));
}

function QueryItem({ query, open, onOpen }: { query: SavedQuery; open: boolean; onOpen: () => void }) {
  return (
    <li>
      <button
        type="button"
        onClick={onOpen}
        aria-current={open ? "true" : undefined}
        title={query.note ?? query.description}
        className={cn(
          "w-full rounded px-2 py-1 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800",
          open && "bg-blue-50 font-medium text-blue-900 dark:bg-blue-950 dark:text-blue-100",
        )}
      >
        <span className="block truncate">{query.name}</span>
        {query.tags.length || query.owner ? (
          <span className="block truncate text-xs text-slate-500 dark:text-slate-400">
            {query.shared && query.owner ? `${query.owner.name} · ` : ""}
            {query.tags.map((t) => `#${t}`).join(" ")}
          </span>
        ) : null}
      </button>
    </li>
  );
}

/** The saved-query list: Starter / Shared / Mine, folders, a filter box and tags. */
export function SavedQuerySidebar({
  queries,
  openId,
  onOpen,
}: {
  queries: SavedQuery[];
  openId: string | null;
  onOpen: (query: SavedQuery) => void;
}) {
  const [text, setText] = useState("");
  const [tag, setTag] = useState<string | null>(null);
  const tags = useMemo(() => [...new Set(queries.flatMap((q) => q.tags))].sort(), [queries]);
  const visible = queries.filter((q) => matches(q, text.trim(), tag));
  return (
    <div className="flex flex-col gap-3" data-testid="saved-queries">
      <input
        type="search"
        aria-label="Filter saved queries"
        placeholder="Filter queries"
        className={cn(inputBase, "w-full")}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      {tags.length ? (
        <div className="flex flex-wrap gap-1" aria-label="Tags" role="group">
          {tags.map((t) => (
            <button
              key={t}
              type="button"
              aria-pressed={tag === t}
              onClick={() => setTag(tag === t ? null : t)}
              className={cn(
                "rounded-full border px-2 py-0.5 text-xs",
                tag === t
                  ? "border-blue-700 bg-blue-700 text-white"
                  : "border-slate-300 text-slate-700 hover:bg-slate-100 dark:border-slate-600 dark:text-slate-300 dark:hover:bg-slate-800",
              )}
            >
              #{t}
            </button>
          ))}
        </div>
      ) : null}
      {sectionsOf(visible).map((section) => (
        <section key={section.key} aria-label={section.title}>
          <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">
            {section.title}
          </h3>
          {section.queries.length === 0 ? (
            <p className="px-2 text-xs text-slate-500 dark:text-slate-400">
              {text || tag
                ? "No match."
                : section.key === "mine"
                  ? "Queries you save for yourself appear here."
                  : "None yet."}
            </p>
          ) : (
            byFolder(section.queries).map(([folder, inFolder]) =>
              folder === "" ? (
                <ul key="root">
                  {inFolder.map((q) => (
                    <QueryItem key={q.id} query={q} open={q.id === openId} onOpen={() => onOpen(q)} />
                  ))}
                </ul>
              ) : (
                <details key={folder} open className="ml-1">
                  <summary className="cursor-pointer px-1 text-sm text-slate-700 dark:text-slate-300">{folder}</summary>
                  <ul className="ml-2">
                    {inFolder.map((q) => (
                      <QueryItem key={q.id} query={q} open={q.id === openId} onOpen={() => onOpen(q)} />
                    ))}
                  </ul>
                </details>
              ),
            )
          )}
        </section>
      ))}
    </div>
  );
}
