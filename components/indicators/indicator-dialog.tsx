"use client";

import { useId, useState } from "react";
import { buttonPrimary, buttonSecondary, inputBase } from "@/components/ui/button-styles";
import { LabelledField } from "@/components/ui/labelled-field";
import { useModalDialog } from "@/components/ui/use-modal-dialog";
import {
  actionsFor,
  CONSOLE_ACTION_LABELS,
  INDICATOR_SEVERITIES,
  INDICATOR_TYPES,
  indicatorValueProblem,
  type ConsoleAction,
  type IndicatorCreate,
  type IndicatorType,
} from "@/lib/indicators/schemas";
import { label } from "@/lib/labels";
import { BoxedError } from "@/components/ui/mutation-error";

// The create-indicator form in a native modal dialog: type, value (checked as typed), action, severity, expiry,
// title and description. Prefilled when opened from an alert's evidence; the caller sends it.

export interface IndicatorDraft {
  indicatorType: IndicatorType;
  indicatorValue: string;
  action: ConsoleAction;
  severity: (typeof INDICATOR_SEVERITIES)[number];
  title: string;
  description: string;
  /** yyyy-mm-dd or empty (never expires). */
  expiresOn: string;
}

export function IndicatorDialog({
  draft,
  heading,
  busy,
  error,
  issues,
  onSubmit,
  onClose,
  choices,
}: {
  /** Null: closed. */
  draft: IndicatorDraft | null;
  heading: string;
  busy: boolean;
  error: string | null;
  issues?: { path: string; message: string }[];
  onSubmit: (body: IndicatorCreate) => void;
  onClose: () => void;
  /** Evidence values to choose from (alert page); the form's value field follows the choice. */
  choices?: { type: IndicatorType; value: string; note: string }[];
}) {
  const ref = useModalDialog(draft !== null);
  const titleId = useId();
  // A new draft (the dialog opened again) replaces the form: state adjusted during render, React's pattern for
  // state derived from a prop.
  const [form, setForm] = useState<IndicatorDraft | null>(draft);
  const [shown, setShown] = useState(draft);
  if (shown !== draft) {
    setShown(draft);
    setForm(draft);
  }
  const f = form ?? draft;
  const problem = f ? indicatorValueProblem(f.indicatorType, f.indicatorValue) : null;
  const issue = (path: string) => issues?.find((i) => i.path === path)?.message;
  const set = (patch: Partial<IndicatorDraft>) => setForm((prev) => (prev ? { ...prev, ...patch } : prev));
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      className="m-auto w-[min(36rem,94vw)] rounded-lg border border-slate-300 bg-white p-0 text-slate-900 backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      {f ? (
        <form
          className="space-y-3 p-5"
          onSubmit={(e) => {
            e.preventDefault();
            if (busy || problem) return;
            onSubmit({
              indicatorType: f.indicatorType,
              indicatorValue: f.indicatorValue.trim(),
              action: f.action,
              severity: f.severity,
              title: f.title,
              description: f.description,
              expiresAt: f.expiresOn ? new Date(`${f.expiresOn}T23:59:59Z`).toISOString() : undefined,
            });
          }}
        >
          <h2 id={titleId} className="text-lg font-semibold">
            {heading}
          </h2>
          {choices && choices.length > 1 ? (
            <fieldset className="space-y-1">
              <legend className="text-sm font-medium">Evidence</legend>
              {choices.map((c) => (
                <label key={`${c.type}:${c.value}`} className="flex items-start gap-2 text-sm">
                  <input
                    type="radio"
                    name="evidence"
                    checked={f.indicatorValue === c.value && f.indicatorType === c.type}
                    onChange={() =>
                      set({
                        indicatorType: c.type,
                        indicatorValue: c.value,
                        action: actionsFor(c.type).includes(f.action) ? f.action : actionsFor(c.type)[0]!,
                      })
                    }
                    className="mt-1"
                  />
                  <span>
                    <span className="break-all font-mono text-xs">{c.value}</span>
                    <span className="block text-xs text-slate-500">
                      {label("indicatorType", c.type)} · {c.note}
                    </span>
                  </span>
                </label>
              ))}
            </fieldset>
          ) : null}
          <div className="grid gap-3 sm:grid-cols-[12rem_1fr]">
            <LabelledField label="Type" error={issue("indicatorType")}>
              <select
                className={inputBase}
                value={f.indicatorType}
                onChange={(e) => {
                  const t = e.target.value as IndicatorType;
                  set({ indicatorType: t, action: actionsFor(t).includes(f.action) ? f.action : actionsFor(t)[0]! });
                }}
              >
                {INDICATOR_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {label("indicatorType", t)}
                  </option>
                ))}
              </select>
            </LabelledField>
            <LabelledField
              label="Value"
              error={issue("indicatorValue") ?? (f.indicatorValue.trim() ? (problem ?? undefined) : undefined)}
            >
              <input
                className={`${inputBase} font-mono`}
                value={f.indicatorValue}
                onChange={(e) => set({ indicatorValue: e.target.value })}
                required
                aria-invalid={Boolean(problem && f.indicatorValue.trim())}
              />
            </LabelledField>
            <LabelledField label="Action" error={issue("action")}>
              <select
                className={inputBase}
                value={f.action}
                onChange={(e) => set({ action: e.target.value as ConsoleAction })}
              >
                {actionsFor(f.indicatorType).map((a) => (
                  <option key={a} value={a}>
                    {CONSOLE_ACTION_LABELS[a]}
                  </option>
                ))}
              </select>
            </LabelledField>
            <LabelledField label="Severity" error={issue("severity")}>
              <select
                className={inputBase}
                value={f.severity}
                onChange={(e) => set({ severity: e.target.value as IndicatorDraft["severity"] })}
              >
                {INDICATOR_SEVERITIES.map((s) => (
                  <option key={s} value={s}>
                    {label("severity", s)}
                  </option>
                ))}
              </select>
            </LabelledField>
            <LabelledField label="Expires (empty: never)" error={issue("expiresAt")}>
              <input
                type="date"
                className={inputBase}
                value={f.expiresOn}
                onChange={(e) => set({ expiresOn: e.target.value })}
              />
            </LabelledField>
            <LabelledField label="Title" error={issue("title")}>
              <input
                className={inputBase}
                value={f.title}
                onChange={(e) => set({ title: e.target.value })}
                required
                maxLength={300}
              />
            </LabelledField>
          </div>
          <LabelledField label="Description" error={issue("description")}>
            <textarea
              className="rounded-md border border-slate-300 bg-white p-2 text-sm dark:border-slate-600 dark:bg-slate-950"
              value={f.description}
              onChange={(e) => set({ description: e.target.value })}
              required
              rows={3}
              maxLength={4000}
            />
          </LabelledField>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            Defender applies the indicator on every device it covers (all device groups). Recorded in the audit log.
          </p>
          <BoxedError message={error} />
          <div className="flex justify-end gap-2">
            <button type="button" className={buttonSecondary} onClick={() => ref.current?.close()}>
              Cancel
            </button>
            <button type="submit" className={buttonPrimary} disabled={busy || Boolean(problem)}>
              {busy ? "Sending…" : "Submit to Defender"}
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
