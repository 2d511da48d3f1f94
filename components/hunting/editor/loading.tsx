"use client";

import { useEffect, useLayoutEffect, useRef } from "react";
import type { KqlWorkbenchProps } from "./index";

/** Height of the query area, shared with the editor so nothing moves when it arrives. */
export const EDITOR_HEIGHT = "h-64";

/**
 * What the page shows while the editor's code loads: a plain textarea of the same size, so typing (and Ctrl+Enter)
 * works at once. Given the workbench's props it is the query box itself and the text carries over to the editor.
 */
/** Whether the reader was typing in a placeholder when it was replaced (hydration swaps it once), so the next one
 * takes the focus and the typing goes on. The editor itself always takes the focus when it arrives. */
let typingWhenReplaced = false;

export default function KqlWorkbenchLoading({ value, onChange, onRun, readOnly }: Partial<KqlWorkbenchProps>) {
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const el = box.current!;
    // Keys pressed before hydration reach the textarea but not React: hand them to the page once it is live.
    if (onChange && el.value !== (value ?? "")) onChange(el.value);
    if (typingWhenReplaced) {
      el.focus();
      el.setSelectionRange(el.value.length, el.value.length);
    }
    typingWhenReplaced = false;
    // Once, on mount: later values arrive through the props as usual.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  // A layout effect's cleanup runs while the textarea is still in the document, so the focus can still be read.
  useLayoutEffect(() => {
    const el = box.current!;
    return () => {
      typingWhenReplaced = document.activeElement === el;
    };
  }, []);
  return (
    <div className="grid grid-cols-1 gap-3 lg:grid-cols-[1fr_16rem]" data-kql-editor="loading">
      <textarea
        ref={box}
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
