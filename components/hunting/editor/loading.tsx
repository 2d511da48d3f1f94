"use client";

import type { KqlWorkbenchProps } from "./index";

/** Height of the query area, shared with the editor so nothing moves when it arrives. */
export const EDITOR_HEIGHT = "h-64";

/**
 * What the page shows while the editor's code loads: a plain textarea of the same size, so typing (and Ctrl+Enter)
 * works at once. Given the workbench's props it is the query box itself and the text carries over to the editor.
 */
export default function KqlWorkbenchLoading({ value, onChange, onRun, readOnly }: Partial<KqlWorkbenchProps>) {
  return (
    <div className="grid grid-cols-1 gap-3 lg:grid-cols-[1fr_16rem]" data-kql-editor="loading">
      <textarea
        aria-label="KQL query"
        spellCheck={false}
        readOnly={readOnly || !onChange}
        value={value}
        onChange={(e) => onChange?.(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey || e.shiftKey)) {
            e.preventDefault();
            onRun?.();
          }
        }}
        className={`${EDITOR_HEIGHT} w-full resize-none rounded-md border border-slate-300 bg-white p-2 font-mono text-sm dark:border-slate-600 dark:bg-slate-950`}
      />
      <div className={`${EDITOR_HEIGHT} rounded-md border border-dashed border-slate-300 dark:border-slate-700`} />
    </div>
  );
}
