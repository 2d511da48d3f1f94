"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";
import { buttonDanger, buttonSecondary } from "./button-styles";

/**
 * The console's confirmation dialog, instead of the browser's confirm(): a native modal <dialog> (showModal), so
 * the page behind is inert and focus stays inside, Esc cancels and focus returns to the button that opened it.
 * Centred (m-auto: the CSS reset removes the user agent's margin). Cancel has the first focus: a stray Enter
 * never confirms a destructive act.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      cancelRef.current?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onClose={() => {
        if (open) onCancel();
      }}
      aria-labelledby={`${id}-title`}
      aria-describedby={children ? `${id}-body` : undefined}
      className="m-auto w-full max-w-md rounded-lg border border-slate-200 p-5 shadow-xl backdrop:bg-slate-900/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {title}
      </h2>
      {children ? (
        <div id={`${id}-body`} className="mt-2 text-sm text-slate-700 dark:text-slate-300">
          {children}
        </div>
      ) : null}
      <div className="mt-5 flex justify-end gap-2">
        <button ref={cancelRef} type="button" className={buttonSecondary} onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className={buttonDanger} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
