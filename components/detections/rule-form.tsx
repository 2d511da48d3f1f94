"use client";

import { useState, type FormEvent } from "react";
import type { DryRunResult } from "@/lib/detections/schemas";
import {
  ENTITY_MAPPINGS,
  RULE_CATEGORIES,
  RULE_FREQUENCIES,
  RULE_SEVERITIES,
  type RuleCategory,
  type RulePeriod,
  type RuleSeverity,
} from "@/lib/detections/vocabulary";
import { buttonPrimary, buttonSecondary, inputBase } from "@/components/ui/button-styles";
import { LabelledField } from "@/components/ui/labelled-field";
import { MutationError } from "@/components/ui/mutation-error";
import { cn } from "@/components/ui/cn";

// The custom detection rule form: the saved query (checked for the columns a detection needs as soon as it is
// picked, with the missing column named), schedule, the alert it raises and its entity mappings, a dry run and
// save. Props in, callbacks out; the container checks the query and talks to the API.

export interface RuleFormQuery {
  id: string;
  name: string;
  query: string;
}

export interface RuleFormFields {
  savedQueryId: string;
  displayName: string;
  description: string;
  period: RulePeriod;
  enabled: boolean;
  title: string;
  alertDescription: string;
  severity: RuleSeverity;
  category: RuleCategory;
  techniques: string[];
  recommendedActions: string;
  entityMappings: Record<string, Record<string, string>>;
}

/** What the container's parser says about the picked query. */
export interface QueryCheck {
  state: "checking" | "ok" | "problem" | "unavailable";
  columns: string[];
  problem: string | null;
}

export function DetectionRuleForm({
  queries,
  initialQueryId,
  check,
  onQueryChange,
  busy,
  error,
  dryRun,
  onSubmit,
  onDryRun,
  onCancel,
}: {
  queries: RuleFormQuery[];
  initialQueryId: string | null;
  check: QueryCheck | null;
  onQueryChange: (query: RuleFormQuery | null) => void;
  busy: "save" | "dryRun" | null;
  error: { message: string } | null;
  dryRun: DryRunResult | null;
  onSubmit: (fields: RuleFormFields) => void;
  onDryRun: (fields: RuleFormFields) => void;
  onCancel: () => void;
}) {
  const initial = queries.find((q) => q.id === initialQueryId) ?? null;
  const [savedQueryId, setSavedQueryId] = useState(initial?.id ?? "");
  const [displayName, setDisplayName] = useState(initial?.name ?? "");
  const [description, setDescription] = useState("");
  const [period, setPeriod] = useState<RulePeriod>("24H");
  const [enabled, setEnabled] = useState(false);
  const [title, setTitle] = useState(initial?.name ?? "");
  const [alertDescription, setAlertDescription] = useState("");
  const [severity, setSeverity] = useState<RuleSeverity>("medium");
  const [category, setCategory] = useState<RuleCategory>("Execution");
  const [techniques, setTechniques] = useState("");
  const [recommendedActions, setRecommendedActions] = useState("");
  const [mappings, setMappings] = useState<Record<string, Record<string, string>>>({});

  const columns = check?.columns ?? [];
  // Until the person maps the device, map it to the usual columns when the query returns them.
  const hostDefaults: Record<string, string> = {
    ...(columns.includes("DeviceId") ? { deviceIdColumn: "DeviceId" } : {}),
    ...(columns.includes("DeviceName") ? { nameColumn: "DeviceName" } : {}),
  };
  const effective: Record<string, Record<string, string>> = { hosts: hostDefaults, ...mappings };

  const fields = (): RuleFormFields => ({
    savedQueryId,
    displayName: displayName.trim(),
    description: description.trim(),
    period,
    enabled,
    title: title.trim(),
    alertDescription: alertDescription.trim(),
    severity,
    category,
    techniques: techniques
      .split(/[\s,]+/)
      .map((t) => t.trim().toUpperCase())
      .filter(Boolean),
    recommendedActions: recommendedActions.trim(),
    entityMappings: Object.fromEntries(
      Object.entries(effective)
        .map(([k, v]) => [k, Object.fromEntries(Object.entries(v).filter(([, c]) => c))] as const)
        .filter(([, v]) => Object.keys(v).length > 0),
    ),
  });
  const blocked = !savedQueryId || check?.state === "problem" || check?.state === "checking";
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!blocked) onSubmit(fields());
  };
  const pick = (id: string) => {
    setSavedQueryId(id);
    const q = queries.find((x) => x.id === id) ?? null;
    if (q && !displayName) setDisplayName(q.name);
    if (q && !title) setTitle(q.name);
    setMappings({});
    onQueryChange(q);
  };
  const chosenQuery = queries.find((q) => q.id === savedQueryId);

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" aria-label="Custom detection rule">
      <div className="grid gap-3 md:grid-cols-2">
        <LabelledField label="Saved query">
          <select className={inputBase} value={savedQueryId} onChange={(e) => pick(e.target.value)} required>
            <option value="">Pick a saved query…</option>
            {queries.map((q) => (
              <option key={q.id} value={q.id}>
                {q.name}
              </option>
            ))}
          </select>
        </LabelledField>
        <LabelledField label="Rule name">
          <input
            className={inputBase}
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
            required
            maxLength={256}
          />
        </LabelledField>
      </div>
      {chosenQuery ? (
        <pre className="max-h-40 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs dark:bg-slate-800/60">
          {chosenQuery.query}
        </pre>
      ) : null}
      {check ? (
        <p
          role={check.state === "problem" ? "alert" : "status"}
          data-testid="query-check"
          className={cn(
            "text-sm",
            check.state === "problem"
              ? "text-red-700 dark:text-red-300"
              : check.state === "ok"
                ? "text-emerald-700 dark:text-emerald-300"
                : "text-slate-600 dark:text-slate-400",
          )}
        >
          {check.state === "checking"
            ? "Checking the query's columns…"
            : check.state === "problem"
              ? check.problem
              : check.state === "ok"
                ? `The query returns the columns a detection needs (${check.columns.join(", ")}).`
                : "The query could not be checked here; the server checks it when you save."}
        </p>
      ) : null}

      <div className="grid gap-3 md:grid-cols-3">
        <LabelledField label="Frequency">
          <select className={inputBase} value={period} onChange={(e) => setPeriod(e.target.value as RulePeriod)}>
            {RULE_FREQUENCIES.map((f) => (
              <option key={f.period} value={f.period}>
                {f.label} (looks at {f.lookback})
              </option>
            ))}
          </select>
        </LabelledField>
        <LabelledField label="Severity">
          <select className={inputBase} value={severity} onChange={(e) => setSeverity(e.target.value as RuleSeverity)}>
            {RULE_SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s[0]!.toUpperCase() + s.slice(1)}
              </option>
            ))}
          </select>
        </LabelledField>
        <LabelledField label="Category">
          <select className={inputBase} value={category} onChange={(e) => setCategory(e.target.value as RuleCategory)}>
            {RULE_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </LabelledField>
      </div>
      <div className="grid gap-3 md:grid-cols-2">
        <LabelledField label="Alert title (may use {{Column}})">
          <input
            className={inputBase}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            required
            maxLength={256}
          />
        </LabelledField>
        <LabelledField label="MITRE techniques (e.g. T1059.001)">
          <input className={inputBase} value={techniques} onChange={(e) => setTechniques(e.target.value)} />
        </LabelledField>
        <TextArea label="Alert description" value={alertDescription} onChange={setAlertDescription} />
        <TextArea label="Recommended actions" value={recommendedActions} onChange={setRecommendedActions} />
        <TextArea label="Rule description" value={description} onChange={setDescription} />
      </div>

      <fieldset className="rounded border border-slate-200 p-3 dark:border-slate-700">
        <legend className="px-1 text-sm font-medium">Entity mappings (result columns)</legend>
        <div className="grid gap-2 md:grid-cols-2">
          {ENTITY_MAPPINGS.map((m) =>
            m.fields.map(([field, fieldLabel]) => (
              <LabelledField key={`${m.collection}.${field}`} label={`${m.label}: ${fieldLabel}`}>
                <select
                  className={inputBase}
                  value={effective[m.collection]?.[field] ?? ""}
                  onChange={(e) =>
                    setMappings((prev) => ({
                      ...prev,
                      [m.collection]: { ...(effective[m.collection] ?? {}), [field]: e.target.value },
                    }))
                  }
                >
                  <option value="">—</option>
                  {columns.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              </LabelledField>
            )),
          )}
        </div>
      </fieldset>

      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        Enable the rule when it is saved
      </label>

      <MutationError error={error} />
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={buttonPrimary} disabled={blocked || busy !== null}>
          {busy === "save" ? "Saving…" : "Save rule"}
        </button>
        <button
          type="button"
          className={buttonSecondary}
          disabled={blocked || busy !== null}
          onClick={() => onDryRun(fields())}
        >
          {busy === "dryRun" ? "Running…" : "Dry run"}
        </button>
        <button type="button" className={buttonSecondary} onClick={onCancel}>
          Cancel
        </button>
      </div>

      {dryRun ? <DryRunPreview result={dryRun} /> : null}
    </form>
  );
}

function TextArea({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  return (
    <LabelledField label={label}>
      <textarea className={inputBase} rows={2} value={value} onChange={(e) => onChange(e.target.value)} />
    </LabelledField>
  );
}

function DryRunPreview({ result }: { result: DryRunResult }) {
  return (
    <section aria-label="Dry run" className="flex flex-col gap-2">
      <h3 className="text-sm font-semibold">Dry run</h3>
      <p role="status" className="text-sm text-slate-700 dark:text-slate-300">
        {result.rows === 0
          ? "The query returned no rows over the last 30 days: the rule's first run would raise no alerts."
          : `${result.rows} row${result.rows === 1 ? "" : "s"} over the last 30 days: the first run would raise ${result.alerts.length} alert${result.alerts.length === 1 ? "" : "s"}${result.capped ? " (a run raises at most 150)" : ""}.`}
      </p>
      {result.alerts.length ? (
        <ul className="max-h-72 divide-y divide-slate-100 overflow-auto rounded border border-slate-200 text-sm dark:divide-slate-800 dark:border-slate-700">
          {result.alerts.map((a, i) => (
            <li key={i} className="px-3 py-1.5" data-testid="would-be-alert">
              <span className="font-medium">{a.title}</span>{" "}
              <span className="text-xs text-slate-600 dark:text-slate-400">
                {a.severity} · {a.timestamp ?? "no Timestamp"}
                {a.entities.length ? ` · ${a.entities.map((e) => `${e.type}: ${e.value}`).join(" · ")}` : ""}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
