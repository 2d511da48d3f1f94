"use client";

import Link from "next/link";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ChartPanel } from "@/components/charts/chart-panel";
import type { Column } from "@/components/charts/data-table";
import { buttonPrimary, buttonSecondary } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { formatRelative } from "@/components/ui/format";
import { MutationError } from "@/components/ui/mutation-error";
import type { AsrAdvice, AsrAdvisor, AsrHitView, AsrRuleHits, AsrRuleState, AsrVerdict } from "@/lib/posture/schemas";
import { ASR_AUDIT_MIN_DAYS } from "@/lib/posture/schemas";
import { apiFetch } from "../../_query/api";

// The ASR section: each rule's configured mode per policy, hits by rule / file / process / device from the cache,
// and the Audit→Block advisor with its refresh (advanced hunting, on demand) and the accepted exclusion paths.

const VERDICT_LABELS: Record<AsrVerdict, string> = {
  safe: "Safe to block",
  notSafe: "Not safe to block",
  tooEarly: "Too early",
  unknown: "Unknown",
};
const VERDICT_CLASSES: Record<AsrVerdict, string> = {
  safe: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  notSafe: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
  tooEarly: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  unknown: "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200",
};
const MODE_CLASSES: Record<string, string> = {
  block: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  audit: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  warn: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  off: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
};

const ruleColumns: Column<AsrRuleState>[] = [
  {
    key: "name",
    label: "Rule",
    value: (r) => r.name,
    render: (r) => (
      <span>
        {r.name}
        {r.inGuide ? <span className="ml-1 text-xs text-slate-500">(guide)</span> : null}
        <span className="block font-mono text-xs text-slate-500">{r.guid}</span>
      </span>
    ),
  },
  {
    key: "modes",
    label: "Mode per policy (devices reached)",
    value: (r) => r.policies.map((p) => `${p.policyName}: ${p.mode} (${p.devices})`).join("; ") || "Not configured",
    render: (r) =>
      r.policies.length ? (
        <ul className="space-y-0.5">
          {r.policies.map((p) => (
            <li key={p.policyId}>
              <span className={cn("rounded px-1.5 py-0.5 text-xs font-medium", MODE_CLASSES[p.mode] ?? "")}>
                {p.mode}
              </span>{" "}
              {p.policyName} ({p.devices} devices)
            </li>
          ))}
        </ul>
      ) : (
        <span className="text-slate-500">Not configured</span>
      ),
  },
];

const hitsByRuleColumns: Column<AsrRuleHits>[] = [
  { key: "name", label: "Rule", value: (r) => r.name },
  { key: "audited14", label: "Audited 14 d", value: (r) => r.audited14, numeric: true },
  { key: "audited30", label: "Audited 30 d", value: (r) => r.audited30, numeric: true },
  { key: "blocked14", label: "Blocked 14 d", value: (r) => r.blocked14, numeric: true },
  { key: "blocked30", label: "Blocked 30 d", value: (r) => r.blocked30, numeric: true },
];

const hitColumns: Column<AsrHitView>[] = [
  { key: "rule", label: "Rule", value: (r) => r.ruleName },
  { key: "mode", label: "Event", value: (r) => r.mode },
  {
    key: "device",
    label: "Device",
    value: (r) => r.deviceName ?? r.machineId,
    render: (r) =>
      r.deviceId ? (
        <Link className="text-blue-700 underline dark:text-blue-300" href={`/devices/${r.deviceId}`}>
          {r.deviceName ?? r.machineId}
        </Link>
      ) : (
        (r.deviceName ?? r.machineId)
      ),
  },
  { key: "file", label: "File", value: (r) => r.fileName },
  { key: "path", label: "Path", value: (r) => r.folderPath },
  { key: "process", label: "Process", value: (r) => r.processName },
  { key: "hits14", label: "14 d", value: (r) => r.hits14, numeric: true },
  { key: "hits30", label: "30 d", value: (r) => r.hits30, numeric: true },
];

function Advice({ a }: { a: AsrAdvice }) {
  return (
    <li
      className="rounded-lg border border-slate-200 bg-white p-3 text-sm dark:border-slate-800 dark:bg-slate-900"
      data-testid={`advice-${a.guid}`}
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className={cn("rounded px-1.5 py-0.5 text-xs font-semibold", VERDICT_CLASSES[a.verdict])}>
          {VERDICT_LABELS[a.verdict]}
        </span>
        <strong>{a.name}</strong>
      </div>
      <p className="mt-1">{a.reason}</p>
      <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
        Audit in {a.policies.map((p) => `${p.policyName} (${p.days ?? "?"} days, ${p.devices} devices)`).join(", ")};
        audited {a.audited14} in 14 days, {a.audited30} in 30; blocked {a.blocked30} in 30 elsewhere
        {a.excluded30 ? `; ${a.excluded30} within your exclusions` : ""}.
      </p>
      {a.apps.length ? (
        <table className="mt-2 w-full text-left text-xs">
          <caption className="sr-only">Apps that would break</caption>
          <thead>
            <tr>
              <th className="py-1 pr-2">App that would break (path)</th>
              <th className="py-1 pr-2">Process</th>
              <th className="py-1 pr-2 text-right">Devices</th>
              <th className="py-1 pr-2 text-right">Audited 14 d / 30 d</th>
              <th className="py-1 text-right">Blocked 30 d</th>
            </tr>
          </thead>
          <tbody>
            {a.apps.map((app) => (
              <tr key={`${app.path}|${app.processName}`} className="border-t border-slate-200 dark:border-slate-800">
                <td className="py-1 pr-2 font-mono">
                  {app.path || <span className="font-sans text-slate-500">No file path reported</span>}
                </td>
                <td className="py-1 pr-2">{app.processName}</td>
                <td className="py-1 pr-2 text-right tabular-nums">{app.devices}</td>
                <td className="py-1 pr-2 text-right tabular-nums">
                  {app.audited14} / {app.audited30}
                </td>
                <td className="py-1 text-right tabular-nums">{app.blocked30}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {a.exclusionsToAdd.length ? (
        <p className="mt-2">
          Exclusions to add:{" "}
          {a.exclusionsToAdd.map((p) => (
            <code key={p} className="mr-2 rounded bg-slate-100 px-1 dark:bg-slate-800">
              {p}
            </code>
          ))}
        </p>
      ) : null}
    </li>
  );
}

export function AsrSection({
  rules,
  advisor: initial,
  now,
  canEditExclusions,
}: {
  rules: AsrRuleState[];
  advisor: AsrAdvisor;
  now: number;
  canEditExclusions: boolean;
}) {
  const router = useRouter();
  const [advisor, setAdvisor] = useState(initial);
  const [draft, setDraft] = useState(initial.exclusions.join("\n"));
  const [saved, setSaved] = useState<string | null>(null);
  const refresh = useMutation({
    mutationFn: () => apiFetch<AsrAdvisor>("/api/posture/asr/refresh", { method: "POST" }),
    onSuccess: (next) => {
      setAdvisor(next);
      router.refresh();
    },
  });
  const save = useMutation({
    mutationFn: (paths: string[]) =>
      apiFetch<AsrAdvisor>("/api/posture/asr/exclusions", { method: "PUT", json: { paths } }),
    onSuccess: (next) => {
      setAdvisor(next);
      setDraft(next.exclusions.join("\n"));
      setSaved(`Saved ${next.exclusions.length} exclusion path${next.exclusions.length === 1 ? "" : "s"}.`);
      router.refresh();
    },
  });
  const inGuideFirst = [...rules].sort((a, b) => Number(b.inGuide) - Number(a.inGuide));

  return (
    <div className="space-y-3">
      <ChartPanel
        title="Rules and their configured mode"
        description="The guide's eight rules first, with their official names and GUIDs."
        rows={inGuideFirst}
        columns={ruleColumns}
        rowKey={(r) => r.guid}
        csvName="posture-asr-rules"
        empty="No ASR rules known."
        tableOnly
      />

      <section
        id="advisor"
        aria-labelledby="advisor-h"
        className="scroll-mt-20 space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
      >
        <div className="flex flex-wrap items-center gap-3">
          <h3 id="advisor-h" className="font-semibold">
            Audit→Block advisor
          </h3>
          <p className="text-xs text-slate-600 dark:text-slate-400" role="status">
            {advisor.refreshedAt
              ? `Hits read from advanced hunting ${formatRelative(advisor.refreshedAt, now)}${advisor.stale ? " (older than the hourly sync cadence)" : ""}.`
              : "Hits not read from advanced hunting yet."}
            {advisor.error ? ` The last refresh failed: ${advisor.error}` : ""}
          </p>
          {advisor.huntingAvailable ? (
            <button
              type="button"
              className={cn(buttonSecondary, "no-print")}
              disabled={refresh.isPending}
              onClick={() => refresh.mutate()}
            >
              {refresh.isPending ? "Refreshing…" : "Refresh hits"}
            </button>
          ) : null}
        </div>
        <MutationError error={refresh.error} />
        <p className="text-sm">
          A rule in Audit for at least {ASR_AUDIT_MIN_DAYS} days is safe to move to Block when it has no hits, or only
          hits within the exclusion paths you accept below.
        </p>
        {advisor.advice.length ? (
          <ul className="space-y-2" aria-label="Advice per audited rule">
            {advisor.advice.map((a) => (
              <Advice key={a.guid} a={a} />
            ))}
          </ul>
        ) : (
          <p className="text-sm">No rule is in Audit: nothing to move to Block.</p>
        )}

        <form
          className="no-print space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            setSaved(null);
            save.mutate(
              draft
                .split("\n")
                .map((l) => l.trim())
                .filter(Boolean),
            );
          }}
        >
          <label htmlFor="asr-exclusions" className="block text-sm font-medium">
            Accepted exclusion paths (one per line, `*` as a wildcard)
          </label>
          <textarea
            id="asr-exclusions"
            rows={3}
            className="w-full rounded-md border border-slate-300 bg-white p-2 font-mono text-xs dark:border-slate-600 dark:bg-slate-900"
            value={draft}
            readOnly={!canEditExclusions}
            onChange={(e) => setDraft(e.target.value)}
          />
          {canEditExclusions ? (
            <button type="submit" className={buttonPrimary} disabled={save.isPending}>
              {save.isPending ? "Saving…" : "Save exclusions"}
            </button>
          ) : (
            <p className="text-xs text-slate-600 dark:text-slate-400">
              Managers and Admins set the accepted exclusions.
            </p>
          )}
          <MutationError error={save.error} />
          {saved ? (
            <p role="status" className="text-sm text-emerald-700 dark:text-emerald-300">
              {saved}
            </p>
          ) : null}
        </form>
      </section>

      <div className="grid gap-3 lg:grid-cols-2">
        <ChartPanel
          title="Hits by rule"
          description="DeviceEvents from advanced hunting, last 14 and 30 days."
          rows={advisor.byRule.filter((r) => r.audited30 + r.blocked30 > 0)}
          columns={hitsByRuleColumns}
          rowKey={(r) => r.guid}
          csvName="posture-asr-hits-by-rule"
          empty={advisor.refreshedAt ? "No ASR hits in 30 days." : "Refresh the hits to read them."}
          tableOnly
        />
        <ChartPanel
          title="Hits by file, process and device"
          description="The 200 busiest combinations."
          rows={advisor.hits}
          columns={hitColumns}
          rowKey={(r) => `${r.ruleGuid}|${r.mode}|${r.machineId}|${r.folderPath}|${r.fileName}|${r.processName}`}
          csvName="posture-asr-hits"
          empty={advisor.refreshedAt ? "No ASR hits in 30 days." : "Refresh the hits to read them."}
          tableOnly
        />
      </div>
    </div>
  );
}
