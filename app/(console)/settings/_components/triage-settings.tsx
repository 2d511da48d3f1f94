"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import { buttonPrimary, inputBase } from "@/components/ui/button-styles";
import { ApiError, apiFetch } from "../../_query/api";
import { PRIORITIES, type Priority } from "@/lib/alerts/vocabulary";
import { OutcomeMessage, type Outcome } from "@/components/ui/outcome-banner";
import { cn } from "@/components/ui/cn";
import { SettingsSection } from "./settings-section";

type Sla = Record<Priority, number | null>;

// Admin editing of the priority rules (JSON, validated by the server with the same schema the sync uses) and the
// SLA clock per priority. Saving re-derives every cached alert's priority and deadline.
export function TriageSettings({ initial }: { initial: { rules: unknown[]; sla: Sla } }) {
  const hydrated = useHydrated();
  const [rules, setRules] = useState(JSON.stringify(initial.rules, null, 2));
  const [sla, setSla] = useState<Record<Priority, string>>(
    () =>
      Object.fromEntries(PRIORITIES.map((p) => [p, initial.sla[p] === null ? "" : String(initial.sla[p])])) as Record<
        Priority,
        string
      >,
  );
  const [message, setMessage] = useState<Outcome | null>(null);
  const save = useMutation<{ rederived: number }, ApiError, { rules: unknown; sla: Sla }>({
    mutationFn: (body) => apiFetch("/api/settings/triage", { method: "PUT", json: body }),
    onSuccess: (r) =>
      setMessage({
        ok: true,
        text: `Saved. ${r.rederived} cached alert${r.rederived === 1 ? "" : "s"} changed priority or deadline.`,
      }),
    onError: (e) => setMessage({ ok: false, text: `Not saved: ${e.message}` }),
  });
  return (
    <SettingsSection
      id="triage-settings-title"
      title="Priority rules and SLA clocks"
      className="mb-10 space-y-4"
      description={
        <>
          An alert&apos;s priority is its severity, raised by the first matching rule that raises it most. Clocks are
          minutes to act per priority; empty means no clock.
        </>
      }
    >
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          let parsed: unknown;
          try {
            parsed = JSON.parse(rules);
          } catch {
            setMessage({ ok: false, text: "Not saved: the rules are not valid JSON." });
            return;
          }
          save.mutate({
            rules: parsed,
            sla: Object.fromEntries(PRIORITIES.map((p) => [p, sla[p].trim() ? Number(sla[p]) : null])) as Sla,
          });
        }}
      >
        <fieldset className="flex flex-wrap gap-3">
          <legend className="mb-1 text-sm font-medium">SLA clock (minutes)</legend>
          {PRIORITIES.map((p) => (
            <label key={p} className="flex flex-col gap-1 text-xs font-medium">
              {p}
              <input
                type="number"
                min={1}
                value={sla[p]}
                onChange={(e) => setSla({ ...sla, [p]: e.target.value })}
                className={cn(inputBase, "w-28")}
                placeholder="no clock"
              />
            </label>
          ))}
        </fieldset>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Rules (JSON)
          <textarea
            value={rules}
            onChange={(e) => setRules(e.target.value)}
            rows={14}
            spellCheck={false}
            className="rounded-md border border-slate-300 bg-white p-2 font-mono text-xs dark:border-slate-600 dark:bg-slate-950"
          />
        </label>
        <button type="submit" className={buttonPrimary} disabled={!hydrated || save.isPending}>
          {save.isPending ? "Saving and re-deriving…" : "Save rules and clocks"}
        </button>
      </form>
      <OutcomeMessage message={message} />
    </SettingsSection>
  );
}
