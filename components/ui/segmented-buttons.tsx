"use client";

import { cn } from "./cn";

/** A row of joined toggle buttons choosing one of a few options (chart type, view); the chosen one is pressed. */
export function SegmentedButtons<K extends string>({
  label,
  options,
  value,
  onChange,
  className,
}: {
  label: string;
  options: readonly { key: K; label: string }[];
  value: K;
  onChange: (key: K) => void;
  className?: string;
}) {
  return (
    <div
      role="group"
      aria-label={label}
      className={cn("inline-flex overflow-hidden rounded-md border border-slate-300 dark:border-slate-600", className)}
    >
      {options.map((o) => (
        <button
          key={o.key}
          type="button"
          aria-pressed={value === o.key}
          onClick={() => onChange(o.key)}
          className={cn(
            "px-2 py-1 focus-visible:outline-2 focus-visible:outline-blue-600",
            value === o.key
              ? "bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900"
              : "hover:bg-slate-100 dark:hover:bg-slate-800",
          )}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
