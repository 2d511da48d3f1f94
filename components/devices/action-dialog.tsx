"use client";

import { useEffect, useId, useRef, useState } from "react";
import { buttonDanger, buttonPrimary, buttonSecondary } from "@/components/ui/button-styles";
import { BoxedError } from "@/components/ui/mutation-error";

// The confirmation every response action passes through: it names the device, offers the action's options and
// requires a comment. A native modal <dialog>: focus moves in, Esc closes, focus returns to the opener.

export interface ActionDialogSpec {
  title: string;
  confirmLabel: string;
  /** One set of radio options (isolation type, scan type), or none. */
  options?: { name: string; legend: string; choices: { value: string; label: string; hint?: string }[] };
  danger?: boolean;
  note?: string;
  /** Something the person should weigh before confirming (an inactive sensor), shown highlighted. */
  warning?: string;
  /** What the required text is called (default: a comment recorded in Defender and the audit log). */
  commentLabel?: string;
}

export interface ActionDialogProps {
  spec: ActionDialogSpec | null;
  deviceName: string;
  busy: boolean;
  error: string | null;
  onConfirm: (input: { option: string | null; comment: string }) => void;
  onClose: () => void;
}

export function ActionDialog({ spec, deviceName, busy, error, onConfirm, onClose }: ActionDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [comment, setComment] = useState("");
  const [option, setOption] = useState<string | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (spec && !dialog.open) {
      setComment("");
      setOption(spec.options?.choices[0]?.value ?? null);
      dialog.showModal();
    }
    if (!spec && dialog.open) dialog.close();
  }, [spec]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      // m-auto: Tailwind's preflight zeroes every margin, which pins a modal <dialog> to the top-left corner.
      className="m-auto w-[min(32rem,92vw)] rounded-lg border border-slate-300 bg-white p-0 text-slate-900 backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      {spec ? (
        <form
          method="dialog"
          className="space-y-4 p-5"
          onSubmit={(e) => {
            e.preventDefault();
            if (busy || comment.trim().length < 3) return;
            onConfirm({ option, comment: comment.trim() });
          }}
        >
          <h2 id={titleId} className="text-lg font-semibold">
            {spec.title} <span className="font-mono">{deviceName}</span>?
          </h2>
          {spec.note ? <p className="text-sm text-slate-600 dark:text-slate-400">{spec.note}</p> : null}
          {spec.warning ? (
            <p
              data-testid="action-warning"
              className="rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
            >
              {spec.warning}
            </p>
          ) : null}
          {spec.options ? (
            <fieldset className="space-y-1">
              <legend className="text-sm font-medium">{spec.options.legend}</legend>
              {spec.options.choices.map((c) => (
                <label key={c.value} className="flex items-start gap-2 text-sm">
                  <input
                    type="radio"
                    name={spec.options!.name}
                    value={c.value}
                    checked={option === c.value}
                    onChange={() => setOption(c.value)}
                    className="mt-1"
                  />
                  <span>
                    {c.label}
                    {c.hint ? <span className="block text-xs text-slate-500 dark:text-slate-400">{c.hint}</span> : null}
                  </span>
                </label>
              ))}
            </fieldset>
          ) : null}
          <label className="flex flex-col gap-1 text-sm font-medium">
            {spec.commentLabel ?? "Comment (required, recorded in Defender and the audit log)"}
            <textarea
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              required
              minLength={3}
              maxLength={1000}
              rows={3}
              className="rounded-md border border-slate-300 bg-white p-2 text-sm font-normal dark:border-slate-600 dark:bg-slate-950"
            />
          </label>
          <BoxedError message={error} />
          <div className="flex justify-end gap-2">
            <button type="button" className={buttonSecondary} onClick={() => ref.current?.close()}>
              Cancel
            </button>
            <button
              type="submit"
              className={spec.danger ? buttonDanger : buttonPrimary}
              disabled={busy || comment.trim().length < 3}
            >
              {busy ? "Sending…" : spec.confirmLabel}
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
