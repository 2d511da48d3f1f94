// stand-in: replaced by the editor/results branch
"use client";

import type { KqlWorkbenchProps } from "./index";

export const EDITOR_HEIGHT = "h-64";

/** A plain textarea with the editor's size and keys, so typing works before (or without) the real editor. */
export default function KqlWorkbenchLoading({ value, onChange, onRun, readOnly }: Partial<KqlWorkbenchProps>) {
  return (
    <textarea
      aria-label="KQL query"
      className={`${EDITOR_HEIGHT} w-full rounded-md border border-slate-300 bg-white p-2 font-mono text-sm dark:border-slate-600 dark:bg-slate-950`}
      value={value ?? ""}
      readOnly={readOnly || !onChange}
      spellCheck={false}
      onChange={(e) => onChange?.(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === "Enter" && (e.ctrlKey || e.metaKey || e.shiftKey)) {
          e.preventDefault();
          onRun?.();
        }
      }}
    />
  );
}
