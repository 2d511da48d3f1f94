"use client";

import { useId } from "react";
import { inputBase } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { isKnownAssignee, type AssigneeSuggestion, type DirectoryState } from "@/lib/assignees/vocabulary";

// The one assignee field (alert triage, single and bulk; incident triage): suggestions as the person types, from
// the people who signed in, the directory and Defender's own assignees. An address that matches nobody is sent
// only after an explicit "assign anyway". Presentational: the container owns the look-up (useAssigneeLookup).

/** The look-up behind the field, for the value being typed. */
export interface AssigneeLookup {
  suggestions: AssigneeSuggestion[];
  /** The answer for the current value is not in yet. */
  checking: boolean;
  directory: DirectoryState | null;
  onQuery: (q: string) => void;
}

export type AssigneeState = "empty" | "checking" | "invalid" | "known" | "unknown" | "confirmed";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What the field holds: whether it may be sent as is, must wait, or needs the confirmation. */
export function assigneeState(
  value: string,
  lookup: Pick<AssigneeLookup, "suggestions" | "checking">,
  confirmed: boolean,
): AssigneeState {
  const v = value.trim();
  if (!v) return "empty";
  if (!EMAIL.test(v)) return "invalid";
  if (lookup.checking) return "checking";
  if (isKnownAssignee(v, lookup.suggestions)) return "known";
  return confirmed ? "confirmed" : "unknown";
}

/** Whether a form may send the assignee field (an empty field sends nothing and is fine). */
export function assigneeSendable(state: AssigneeState): boolean {
  return state === "empty" || state === "known" || state === "confirmed";
}

const SOURCE_LABEL: Record<string, string> = {
  console: "signed in here",
  directory: "directory",
  defender: "seen in Defender",
};

export function AssigneePicker({
  value,
  onChange,
  lookup,
  confirmed,
  onConfirm,
  disabled,
  className,
}: {
  value: string;
  onChange: (value: string) => void;
  lookup: AssigneeLookup;
  confirmed: boolean;
  onConfirm: (confirmed: boolean) => void;
  disabled?: boolean;
  className?: string;
}) {
  const id = useId();
  const state = assigneeState(value, lookup, confirmed);
  return (
    <div className="flex flex-col gap-1 text-xs font-medium">
      <label htmlFor={`${id}-input`}>Assign to</label>
      <input
        id={`${id}-input`}
        type="text"
        inputMode="email"
        autoComplete="off"
        list={`${id}-people`}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
          onConfirm(false);
          lookup.onQuery(e.target.value.trim());
        }}
        placeholder="name or name@contoso.com"
        className={cn(inputBase, "w-56", className)}
        disabled={disabled}
        aria-describedby={`${id}-hint`}
        aria-invalid={state === "invalid" || state === "unknown" ? true : undefined}
      />
      <datalist id={`${id}-people`}>
        {lookup.suggestions.map((s) => (
          <option key={s.address} value={s.address}>
            {[s.name, s.sources.map((x) => SOURCE_LABEL[x]).join(", ")].filter(Boolean).join(" — ")}
          </option>
        ))}
      </datalist>
      <div id={`${id}-hint`} className="max-w-64 font-normal" aria-live="polite">
        {state === "invalid" ? <span className="text-slate-500">Pick a person or type a full address.</span> : null}
        {state === "checking" ? <span className="text-slate-500">Looking up…</span> : null}
        {state === "unknown" || state === "confirmed" ? (
          <label className="flex items-start gap-1 text-amber-900 dark:text-amber-200">
            <input
              type="checkbox"
              checked={confirmed}
              onChange={(e) => onConfirm(e.target.checked)}
              disabled={disabled}
              className="mt-0.5"
            />
            <span>
              {value.trim()} matches nobody who signed in here, in the directory or in Defender. Assign anyway
            </span>
          </label>
        ) : null}
        {lookup.directory === "not_permitted" ? (
          <span className="block text-slate-500">
            Directory not searched: the app is not permitted to read users (User.Read.All).
          </span>
        ) : null}
      </div>
    </div>
  );
}
