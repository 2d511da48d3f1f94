"use client";

import { useMemo, useState } from "react";
import { DEFENDER_TABLES } from "@/lib/hunting/defender-tables";
import { inputBase } from "@/components/ui/button-styles";

/**
 * The advanced hunting tables and their columns, filterable; a click inserts the name at the editor's cursor.
 * Each column shows its Kusto type; the description is the tooltip and, for a table, the line under its name.
 */
export function SchemaPanel({ onInsert }: { onInsert(name: string): void }) {
  const [filter, setFilter] = useState("");
  const [open, setOpen] = useState<Set<string>>(() => new Set());
  const needle = filter.trim().toLowerCase();
  const tables = useMemo(
    () =>
      DEFENDER_TABLES.map((t) => {
        const tableMatches = !needle || t.name.toLowerCase().includes(needle);
        const columns = tableMatches ? t.columns : t.columns.filter((c) => c.name.toLowerCase().includes(needle));
        return { table: t, columns, visible: tableMatches || columns.length > 0 };
      }).filter((t) => t.visible),
    [needle],
  );
  const toggle = (name: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      return next;
    });

  return (
    <aside aria-label="Schema" className="flex h-full min-h-0 flex-col gap-2 text-sm">
      <label className="sr-only" htmlFor="kql-schema-filter">
        Filter tables and columns
      </label>
      <input
        id="kql-schema-filter"
        type="search"
        placeholder="Filter tables and columns"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        className={`${inputBase} w-full`}
      />
      <ul className="min-h-0 flex-1 overflow-y-auto pr-1">
        {tables.map(({ table, columns }) => {
          // A filter that matches columns opens their tables.
          const expanded = open.has(table.name) || (needle !== "" && columns.length < table.columns.length);
          return (
            <li key={table.name} className="py-0.5">
              <div className="flex items-center gap-1">
                <button
                  type="button"
                  aria-expanded={expanded}
                  aria-label={`${expanded ? "Collapse" : "Expand"} ${table.name}`}
                  onClick={() => toggle(table.name)}
                  className="w-5 text-slate-500 hover:text-slate-900 dark:hover:text-slate-100"
                >
                  {expanded ? "▾" : "▸"}
                </button>
                <button
                  type="button"
                  title={table.description}
                  onClick={() => onInsert(table.name)}
                  className="truncate font-medium text-teal-800 hover:underline dark:text-teal-300"
                >
                  {table.name}
                </button>
              </div>
              {expanded && (
                <>
                  <p className="ml-6 text-xs text-slate-500 dark:text-slate-400">{table.description}</p>
                  <ul className="ml-6">
                    {columns.map((c) => (
                      <li key={c.name} className="flex items-baseline justify-between gap-2">
                        <button
                          type="button"
                          title={c.description}
                          onClick={() => onInsert(c.name)}
                          className="truncate text-left hover:underline"
                        >
                          {c.name}
                        </button>
                        <span className="shrink-0 font-mono text-xs text-slate-500 dark:text-slate-400">{c.type}</span>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </aside>
  );
}
