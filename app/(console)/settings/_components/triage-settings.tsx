"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import { buttonPrimary, buttonSecondary } from "@/components/ui/button-styles";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { OutcomeMessage, type Outcome } from "@/components/ui/outcome-banner";
import { PriorityRuleRows } from "@/components/settings/priority-rule-rows";
import { SlaClockFields } from "@/components/settings/sla-clock-fields";
import {
  draftProblem,
  fromDraft,
  newRuleId,
  slaFromDrafts,
  toClockDraft,
  toDraft,
  type ClockDraft,
  type RuleDraft,
} from "@/components/settings/triage-drafts";
import { PRIORITIES, type Priority } from "@/lib/alerts/vocabulary";
import type { PriorityRule, SlaMinutes } from "@/lib/cache/alert-priority";
import { ApiError, apiFetch } from "../../_query/api";
import { SettingsSection } from "./settings-section";

type Body = { rules: PriorityRule[]; sla: SlaMinutes };

function isRuleShaped(r: unknown): r is PriorityRule {
  const o = (r ?? {}) as Record<string, unknown>;
  return (
    typeof o.id === "string" &&
    typeof o.name === "string" &&
    typeof o.when === "object" &&
    o.when !== null &&
    (PRIORITIES as readonly unknown[]).includes(o.raiseTo)
  );
}
const plural = (n: number) => `${n} cached alert${n === 1 ? "" : "s"}`;

// Admin editing of the priority rules (as form rows, or as JSON under "Advanced") and the SLA clock per priority
// (in minutes, hours or days; stored in minutes). Saving first asks the server for a dry run, so the Admin sees
// how many alerts the change re-ranks before confirming it; then every cached alert is re-derived.
export function TriageSettings({ initial }: { initial: { rules: PriorityRule[]; sla: SlaMinutes } }) {
  const hydrated = useHydrated();
  const [rules, setRules] = useState<RuleDraft[]>(() => initial.rules.map(toDraft));
  const [clocks, setClocks] = useState<Record<Priority, ClockDraft>>(
    () => Object.fromEntries(PRIORITIES.map((p) => [p, toClockDraft(initial.sla[p])])) as Record<Priority, ClockDraft>,
  );
  const [json, setJson] = useState("");
  const [message, setMessage] = useState<Outcome | null>(null);
  const [confirming, setConfirming] = useState<{ body: Body; count: number } | null>(null);

  // Any edit makes the last outcome stale: a message about the old input would point at the wrong problem.
  const edit =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      setMessage(null);
      set(v);
    };
  const preview = useMutation<{ rederived: number }, ApiError, Body>({
    mutationFn: (body) => apiFetch("/api/settings/triage?dryRun=1", { method: "PUT", json: body }),
    onSuccess: (r, body) => setConfirming({ body, count: r.rederived }),
    onError: (e) => setMessage({ ok: false, text: `Not saved: ${e.message}` }),
  });
  const save = useMutation<{ rederived: number }, ApiError, Body>({
    mutationFn: (body) => apiFetch("/api/settings/triage", { method: "PUT", json: body }),
    onSuccess: (r) => setMessage({ ok: true, text: `Saved. ${plural(r.rederived)} changed priority or deadline.` }),
    onError: (e) => setMessage({ ok: false, text: `Not saved: ${e.message}` }),
  });
  const busy = !hydrated || preview.isPending || save.isPending;

  const submit = () => {
    setMessage(null);
    const problem = rules.map(draftProblem).find(Boolean);
    const sla = slaFromDrafts(clocks);
    const badClock = PRIORITIES.find((p) => Number.isNaN(sla[p]));
    if (problem || badClock) {
      setMessage({ ok: false, text: `Not saved: ${problem ?? `the ${badClock} clock must be a positive number.`}` });
      return;
    }
    preview.mutate({ rules: rules.map(fromDraft), sla });
  };

  const useJson = () => {
    setMessage(null);
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      setMessage({ ok: false, text: "Not applied: the rules are not valid JSON." });
      return;
    }
    // The shape the form needs; the server checks every field when the rules are saved (no zod in the browser).
    if (!Array.isArray(parsed) || !parsed.every(isRuleShaped)) {
      setMessage({
        ok: false,
        text: `Not applied: give a list of rules, each with id, name, when {…} and raiseTo (${PRIORITIES.join(", ")}).`,
      });
      return;
    }
    setRules(parsed.map(toDraft));
  };

  return (
    <SettingsSection
      id="triage-settings-title"
      title="Priority rules and SLA clocks"
      className="mb-10 space-y-4"
      description={
        <>
          An alert&apos;s priority is its severity, raised by the matching rule that raises it most. The clock is the
          time to act per priority.
        </>
      }
    >
      <form
        aria-label="Priority rules and SLA clocks"
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) submit();
        }}
      >
        <SlaClockFields clocks={clocks} onChange={edit(setClocks)} />
        <div>
          <h3 className="mb-2 text-sm font-medium">Rules</h3>
          <PriorityRuleRows
            rules={rules}
            onChange={edit(setRules)}
            onAdd={() => {
              setMessage(null);
              setRules([
                ...rules,
                {
                  id: newRuleId(rules),
                  name: "",
                  severities: [],
                  categories: "",
                  techniques: "",
                  text: "",
                  raiseTo: "Critical",
                },
              ]);
            }}
          />
        </div>
        <details
          className="text-sm"
          onToggle={(e) => {
            if (e.currentTarget.open) setJson(JSON.stringify(rules.map(fromDraft), null, 2));
          }}
        >
          <summary className="cursor-pointer font-medium">Advanced: the rules as JSON</summary>
          <textarea
            aria-label="Rules as JSON"
            value={json}
            onChange={(e) => edit(setJson)(e.target.value)}
            rows={12}
            spellCheck={false}
            className="mt-2 w-full rounded-md border border-slate-300 bg-white p-2 font-mono text-xs dark:border-slate-600 dark:bg-slate-950"
          />
          <button type="button" className={buttonSecondary} onClick={useJson}>
            Use this JSON in the form
          </button>
        </details>
        <button type="submit" className={buttonPrimary} disabled={busy}>
          {preview.isPending
            ? "Counting the alerts it changes…"
            : save.isPending
              ? "Saving and re-deriving…"
              : "Save rules and clocks"}
        </button>
      </form>
      <OutcomeMessage message={message} />
      <ConfirmDialog
        open={confirming !== null}
        title="Save the rules and clocks?"
        confirmLabel="Save"
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          if (confirming) save.mutate(confirming.body);
          setConfirming(null);
        }}
      >
        <p data-testid="dry-run">
          This would change the priority or SLA deadline of <strong>{plural(confirming?.count ?? 0)}</strong>.
        </p>
      </ConfirmDialog>
    </SettingsSection>
  );
}
