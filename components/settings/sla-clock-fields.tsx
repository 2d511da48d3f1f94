"use client";

import { inputBase } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { PRIORITIES, type Priority } from "@/lib/alerts/vocabulary";
import { SLA_UNITS, type ClockDraft, type SlaUnit } from "./triage-drafts";

/** The SLA clock per priority as an amount and a unit (minutes, hours, days); empty means no clock. */
export function SlaClockFields({
  clocks,
  onChange,
}: {
  clocks: Record<Priority, ClockDraft>;
  onChange: (next: Record<Priority, ClockDraft>) => void;
}) {
  return (
    <fieldset className="flex flex-wrap gap-4">
      <legend className="mb-1 text-sm font-medium">Time to act per priority (empty: no clock)</legend>
      {PRIORITIES.map((p) => (
        <div key={p} className="flex flex-col gap-1 text-xs font-medium" role="group" aria-label={`${p} SLA`}>
          {p}
          <span className="flex gap-1">
            <input
              type="number"
              min={0.1}
              step="any"
              aria-label={`${p} SLA amount`}
              value={clocks[p].amount}
              onChange={(e) => onChange({ ...clocks, [p]: { ...clocks[p], amount: e.target.value } })}
              className={cn(inputBase, "w-20")}
              placeholder="none"
            />
            <select
              aria-label={`${p} SLA unit`}
              value={clocks[p].unit}
              onChange={(e) => onChange({ ...clocks, [p]: { ...clocks[p], unit: e.target.value as SlaUnit } })}
              className={inputBase}
            >
              {Object.keys(SLA_UNITS).map((u) => (
                <option key={u} value={u}>
                  {u}
                </option>
              ))}
            </select>
          </span>
        </div>
      ))}
    </fieldset>
  );
}
