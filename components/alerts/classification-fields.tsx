"use client";

import { inputBase } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { CLASSIFICATION_LABELS, CLASSIFICATIONS, DETERMINATIONS, type Classification } from "@/lib/alerts/vocabulary";

// Classification and the determinations it allows, as two linked selects (alerts and incidents share them).

export interface ClassificationFieldsProps {
  classification: Classification | "";
  determination: string;
  onChange: (next: { classification: Classification | ""; determination: string }) => void;
  disabled: boolean;
  /** Defender XDR takes an incident determination only with TruePositive (Update incident API). */
  determinationOnlyFor?: Classification;
}

export function ClassificationFields({
  classification,
  determination,
  onChange,
  disabled,
  determinationOnlyFor,
}: ClassificationFieldsProps) {
  const determinable = classification !== "" && (!determinationOnlyFor || classification === determinationOnlyFor);
  return (
    <>
      <label className="flex flex-col gap-1 text-xs font-medium">
        Classification
        <select
          value={classification}
          onChange={(e) => onChange({ classification: e.target.value as Classification | "", determination: "" })}
          className={inputBase}
          disabled={disabled}
        >
          <option value="">Unchanged</option>
          {CLASSIFICATIONS.map((c) => (
            <option key={c} value={c}>
              {CLASSIFICATION_LABELS[c]}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium">
        Determination
        <select
          value={determination}
          onChange={(e) => onChange({ classification, determination: e.target.value })}
          className={inputBase}
          disabled={disabled || !determinable}
        >
          <option value="">
            {!classification ? "Pick a classification first" : determinable ? "Choose…" : "Not for this classification"}
          </option>
          {determinable && classification
            ? DETERMINATIONS[classification].map((d) => (
                <option key={d.value} value={d.value}>
                  {d.label}
                </option>
              ))
            : null}
        </select>
      </label>
    </>
  );
}

/** The free-text comment sent with a triage (alerts and incidents): Defender keeps comments up to 2,000 characters. */
export function TriageCommentField({
  value,
  onChange,
  disabled,
  className,
}: {
  value: string;
  onChange: (value: string) => void;
  disabled: boolean;
  className?: string;
}) {
  return (
    <label className="flex flex-col gap-1 text-xs font-medium">
      Comment
      <input
        value={value}
        onChange={(e) => onChange(e.target.value)}
        maxLength={2000}
        className={cn(inputBase, className)}
        disabled={disabled}
      />
    </label>
  );
}
