"use client";

import { useState } from "react";
import { buttonPrimary, buttonSecondary, inputBase } from "@/components/ui/button-styles";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { LabelledField } from "@/components/ui/labelled-field";
import { MutationError } from "@/components/ui/mutation-error";
import { OutcomeMessage, type Outcome } from "@/components/ui/outcome-banner";
import {
  RUNBOOK_SEVERITIES,
  TASK_KINDS,
  type RunbookTemplateInput,
  type RunbookTemplateView,
  type TaskKind,
} from "@/lib/runbooks/schemas";
import { apiFetch } from "../../_query/api";
import { useSubmitOnce } from "../../_query/use-submit-once";

// The runbook templates, each editable in place: its match (category, lowest severity, detection source), its
// position among the templates, and its tasks one per line as "kind | title" (kind one of TASK_KINDS, manual
// when left out).

const toLines = (tasks: RunbookTemplateView["tasks"]) => tasks.map((t) => `${t.kind} | ${t.title}`).join("\n");

function fromLines(text: string): RunbookTemplateInput["tasks"] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const [head, ...rest] = line.split("|");
      const kind = head.trim() as TaskKind;
      return rest.length && TASK_KINDS.includes(kind)
        ? { kind, title: rest.join("|").trim() }
        : { kind: "manual" as const, title: line };
    });
}

const BLANK: RunbookTemplateView = {
  id: "",
  name: "",
  description: "",
  category: null,
  minSeverity: null,
  detectionSource: null,
  position: 100,
  enabled: true,
  tasks: [],
  updatedBy: null,
  updatedAt: "",
};

function TemplateForm({
  template,
  onSaved,
  onDeleted,
}: {
  template: RunbookTemplateView;
  onSaved: (t: RunbookTemplateView) => void;
  onDeleted?: () => void;
}) {
  const [name, setName] = useState(template.name);
  const [category, setCategory] = useState(template.category ?? "");
  const [minSeverity, setMinSeverity] = useState(template.minSeverity ?? "");
  const [source, setSource] = useState(template.detectionSource ?? "");
  const [position, setPosition] = useState(template.position);
  const [enabled, setEnabled] = useState(template.enabled);
  const [tasks, setTasks] = useState(toLines(template.tasks));
  const save = useSubmitOnce<{ data: RunbookTemplateView }, RunbookTemplateInput>({
    mutationFn: (body, idempotencyKey) =>
      apiFetch(template.id ? `/api/runbooks/${template.id}` : "/api/runbooks", {
        method: template.id ? "PUT" : "POST",
        json: body,
        idempotencyKey,
      }),
    onSuccess: ({ data }) => onSaved(data),
  });
  const remove = useSubmitOnce<unknown, string>({
    mutationFn: (id, idempotencyKey) => apiFetch(`/api/runbooks/${id}`, { method: "DELETE", idempotencyKey }),
    onSuccess: () => onDeleted?.(),
  });
  const title = template.id ? template.name : "New runbook";
  return (
    <form
      aria-label={title}
      className="grid gap-3 rounded-lg border border-slate-200 p-4 sm:grid-cols-2 dark:border-slate-800"
      onSubmit={(e) => {
        e.preventDefault();
        save.submit({
          name,
          description: template.description,
          category: category || null,
          minSeverity: (minSeverity || null) as RunbookTemplateInput["minSeverity"],
          detectionSource: source || null,
          position,
          enabled,
          tasks: fromLines(tasks),
        });
      }}
    >
      <h2 className="text-lg font-semibold sm:col-span-2">{title}</h2>
      <LabelledField label="Name">
        <input className={inputBase} value={name} onChange={(e) => setName(e.target.value)} required />
      </LabelledField>
      <LabelledField label="Position (lowest matches first)">
        <input
          type="number"
          className={inputBase}
          value={position}
          onChange={(e) => setPosition(Number(e.target.value))}
        />
      </LabelledField>
      <LabelledField label="Alert category (any when empty)">
        <input className={inputBase} value={category} onChange={(e) => setCategory(e.target.value)} />
      </LabelledField>
      <LabelledField label="Lowest severity">
        <select className={inputBase} value={minSeverity} onChange={(e) => setMinSeverity(e.target.value)}>
          <option value="">Any</option>
          {RUNBOOK_SEVERITIES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </LabelledField>
      <LabelledField label="Detection source (any when empty)">
        <input className={inputBase} value={source} onChange={(e) => setSource(e.target.value)} />
      </LabelledField>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Enabled
      </label>
      <LabelledField
        label={`Tasks, one per line: kind | title (kinds: ${TASK_KINDS.join(", ")})`}
        className="sm:col-span-2"
      >
        <textarea
          className={`${inputBase} font-mono text-xs`}
          rows={Math.max(4, tasks.split("\n").length + 1)}
          value={tasks}
          onChange={(e) => setTasks(e.target.value)}
          required
        />
      </LabelledField>
      <div className="flex gap-2 sm:col-span-2">
        <button type="submit" className={buttonPrimary} disabled={save.isPending}>
          {template.id ? "Save" : "Create"}
        </button>
        {template.id ? (
          <ConfirmButton
            question={`Delete the runbook "${template.name}"? Runbooks already attached to incidents stay.`}
            confirmLabel="Delete"
            disabled={remove.isPending}
            onConfirm={() => remove.submit(template.id)}
          >
            Delete
          </ConfirmButton>
        ) : null}
      </div>
      <div className="sm:col-span-2">
        <MutationError error={save.error ?? remove.error} />
      </div>
    </form>
  );
}

export function RunbookEditor({ initial }: { initial: RunbookTemplateView[] }) {
  const [templates, setTemplates] = useState(initial);
  const [adding, setAdding] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  return (
    <div className="space-y-6">
      <OutcomeMessage message={outcome} />
      {templates.map((t) => (
        <TemplateForm
          key={`${t.id}-${t.updatedAt}`}
          template={t}
          onSaved={(next) => {
            setTemplates((all) => all.map((x) => (x.id === next.id ? next : x)));
            setOutcome({ ok: true, text: `Saved the runbook "${next.name}".` });
          }}
          onDeleted={() => {
            setTemplates((all) => all.filter((x) => x.id !== t.id));
            setOutcome({ ok: true, text: `Deleted the runbook "${t.name}".` });
          }}
        />
      ))}
      {adding ? (
        <TemplateForm
          template={BLANK}
          onSaved={(next) => {
            setTemplates((all) => [...all, next]);
            setAdding(false);
            setOutcome({ ok: true, text: `Created the runbook "${next.name}".` });
          }}
        />
      ) : (
        <button type="button" className={buttonSecondary} onClick={() => setAdding(true)}>
          New runbook
        </button>
      )}
    </div>
  );
}
