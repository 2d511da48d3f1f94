"use client";

import { buttonSecondary, inputBase } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { PRIORITIES, SEVERITIES } from "@/lib/alerts/vocabulary";
import { label } from "@/lib/labels";
import type { RuleDraft } from "./triage-drafts";

// The priority rules as form rows: a name, the conditions (all given must hold; within a list any value), and the
// priority the rule raises a matching alert to. Presentational: the container owns the drafts.

export function PriorityRuleRows({
  rules,
  onChange,
  onAdd,
}: {
  rules: RuleDraft[];
  onChange: (next: RuleDraft[]) => void;
  onAdd: () => void;
}) {
  const update = (i: number, patch: Partial<RuleDraft>) =>
    onChange(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="space-y-3">
      {rules.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          No rules: every alert&apos;s priority is its severity.
        </p>
      ) : null}
      <ol className="space-y-3">
        {rules.map((r, i) => (
          <li
            key={r.id}
            aria-label={`Rule ${i + 1}: ${r.name || "unnamed"}`}
            className="rounded-md border border-slate-200 p-3 dark:border-slate-700"
          >
            <div className="flex flex-wrap items-end gap-3">
              <label className="flex flex-col gap-1 text-xs font-medium">
                Rule name
                <input
                  value={r.name}
                  onChange={(e) => update(i, { name: e.target.value })}
                  required
                  maxLength={120}
                  className={cn(inputBase, "w-64")}
                />
              </label>
              <label className="flex flex-col gap-1 text-xs font-medium">
                Raise to
                <select
                  value={r.raiseTo}
                  onChange={(e) => update(i, { raiseTo: e.target.value as RuleDraft["raiseTo"] })}
                  className={inputBase}
                >
                  {PRIORITIES.map((p) => (
                    <option key={p} value={p}>
                      {p}
                    </option>
                  ))}
                </select>
              </label>
              <button
                type="button"
                className={cn(buttonSecondary, "ml-auto")}
                onClick={() => onChange(rules.filter((_, j) => j !== i))}
              >
                Remove rule<span className="sr-only"> {r.name}</span>
              </button>
            </div>
            <fieldset className="mt-3 flex flex-wrap items-end gap-3">
              <legend className="mb-1 text-xs text-slate-600 dark:text-slate-400">
                When the alert matches all of these (leave a field empty to ignore it)
              </legend>
              <div className="flex flex-col gap-1 text-xs font-medium" role="group" aria-label="Severity is one of">
                Severity is one of
                <span className="flex h-8 items-center gap-2">
                  {SEVERITIES.map((s) => (
                    <label key={s} className="flex items-center gap-1 font-normal">
                      <input
                        type="checkbox"
                        checked={r.severities.includes(s)}
                        onChange={(e) =>
                          update(i, {
                            severities: e.target.checked ? [...r.severities, s] : r.severities.filter((v) => v !== s),
                          })
                        }
                      />
                      {label("severity", s)}
                    </label>
                  ))}
                </span>
              </div>
              <label className="flex flex-col gap-1 text-xs font-medium">
                Category is one of
                <input
                  value={r.categories}
                  onChange={(e) => update(i, { categories: e.target.value })}
                  placeholder="e.g. Ransomware, CredentialAccess"
                  className={cn(inputBase, "w-56")}
                />
              </label>
              <label className="flex flex-col gap-1 text-xs font-medium">
                MITRE technique is one of
                <input
                  value={r.techniques}
                  onChange={(e) => update(i, { techniques: e.target.value })}
                  placeholder="e.g. T1003, T1486"
                  className={cn(inputBase, "w-40")}
                />
              </label>
              <label className="flex flex-col gap-1 text-xs font-medium">
                Title or threat contains
                <input
                  value={r.text}
                  onChange={(e) => update(i, { text: e.target.value })}
                  maxLength={100}
                  placeholder="e.g. lsass"
                  className={cn(inputBase, "w-40")}
                />
              </label>
            </fieldset>
          </li>
        ))}
      </ol>
      <button type="button" className={buttonSecondary} onClick={onAdd}>
        Add a rule
      </button>
    </div>
  );
}
