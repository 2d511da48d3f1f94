"use client";

import { useId } from "react";

// A multi-select filter as a disclosure of checkboxes: native, keyboard-operable, no library.

export function MultiSelect({
  label,
  options,
  value,
  onChange,
  format,
}: {
  label: string;
  options: readonly string[];
  value: readonly string[];
  onChange: (next: string[]) => void;
  format?: (v: string) => string;
}) {
  const id = useId();
  const all = [...new Set([...options, ...value])];
  return (
    <details className="group relative">
      <summary
        className="flex h-8 cursor-pointer list-none items-center gap-1 rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-600 dark:bg-slate-950"
        aria-label={`${label}${value.length ? `: ${value.length} selected` : ""}`}
      >
        {label}
        {value.length ? (
          <span className="rounded bg-blue-700 px-1 text-xs font-semibold text-white">{value.length}</span>
        ) : null}
        <span aria-hidden="true" className="text-xs">
          ▾
        </span>
      </summary>
      <fieldset className="absolute z-20 mt-1 max-h-72 min-w-52 overflow-auto rounded-md border border-slate-200 bg-white p-2 shadow-lg dark:border-slate-700 dark:bg-slate-900">
        <legend className="sr-only">{label}</legend>
        {all.length === 0 ? <p className="px-1 text-xs text-slate-500">No values in the cache yet.</p> : null}
        {all.map((option) => (
          <label
            key={option}
            htmlFor={`${id}-${option}`}
            className="flex items-center gap-2 rounded px-1 py-0.5 text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
          >
            <input
              id={`${id}-${option}`}
              type="checkbox"
              checked={value.includes(option)}
              onChange={(e) => onChange(e.target.checked ? [...value, option] : value.filter((v) => v !== option))}
            />
            {format ? format(option) : option}
          </label>
        ))}
        {value.length ? (
          <button
            type="button"
            className="mt-1 w-full rounded px-1 py-0.5 text-left text-xs text-blue-700 hover:underline dark:text-blue-300"
            onClick={() => onChange([])}
          >
            Clear {label.toLowerCase()}
          </button>
        ) : null}
      </fieldset>
    </details>
  );
}
