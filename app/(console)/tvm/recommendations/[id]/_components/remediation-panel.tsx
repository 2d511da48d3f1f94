"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { apiFetch, ApiError } from "@/app/(console)/_query/api";
import { useSubmitOnce } from "@/app/(console)/_query/use-submit-once";
import { ChartPanel } from "@/components/charts/chart-panel";
import type { Column } from "@/components/charts/data-table";
import { SERIES_COLORS } from "@/components/charts/palette";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { buttonPrimary, inputBase } from "@/components/ui/button-styles";
import { LabelledField } from "@/components/ui/labelled-field";
import { MutationError } from "@/components/ui/mutation-error";
import { RemediationTable } from "@/components/tvm/remediation-table";
import type { BurndownPoint, RemediationRequestInput, RemediationRequestRow } from "@/lib/tvm/schemas";
import { cn } from "@/components/ui/cn";
import { RemediationRowActions } from "../../../_components/remediation-row-actions";

const burndownColumns: Column<BurndownPoint>[] = [
  { key: "day", label: "Day", value: (p) => p.day },
  { key: "exposed", label: "Devices still exposed", value: (p) => p.exposed, numeric: true },
  { key: "ideal", label: "On track", value: (p) => p.ideal, numeric: true },
];

/**
 * The recommendation's remediation requests with burndowns and, for tvm:report, the form that creates one (sent
 * once however often it is clicked; emptied and folded away once created) and each request's controls.
 */
export function RemediationPanel({
  recommendationId,
  requests,
  canCreate,
  groups,
  group,
  tenantWideOnly,
  today,
}: {
  recommendationId: string;
  requests: RemediationRequestRow[];
  canCreate: boolean;
  groups: string[];
  group: string;
  tenantWideOnly: boolean;
  today: string;
}) {
  const router = useRouter();
  const [toast, setToast] = useState<string | null>(null);
  const details = useRef<HTMLDetailsElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const create = useSubmitOnce({
    mutationFn: (body: RemediationRequestInput, idempotencyKey) =>
      apiFetch<RemediationRequestRow>("/api/tvm/remediation-requests", { method: "POST", json: body, idempotencyKey }),
    onSuccess: (row) => {
      setToast(`Remediation request created for ${row.owner}, due ${row.dueOn}: ${row.exposedNow} device(s) to fix.`);
      form.current?.reset();
      if (details.current) details.current.open = false;
      router.refresh();
    },
  });
  const fieldError = (path: string) =>
    create.error instanceof ApiError ? create.error.issues?.find((i) => i.path === path)?.message : undefined;

  return (
    <section aria-labelledby="remediation-heading" className="space-y-3">
      <h2 id="remediation-heading" className="text-base font-semibold">
        Remediation requests
      </h2>
      {toast ? (
        <p
          role="status"
          className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100"
        >
          {toast}
        </p>
      ) : null}
      {canCreate ? (
        <details
          ref={details}
          className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900"
        >
          <summary className="cursor-pointer text-sm font-medium text-blue-700 dark:text-blue-300">
            New remediation request
          </summary>
          <form
            ref={form}
            className="mt-3 grid gap-3 sm:grid-cols-2"
            onSubmit={(e) => {
              e.preventDefault();
              const f = new FormData(e.currentTarget);
              create.submit({
                recommendationId,
                owner: String(f.get("owner") ?? ""),
                dueOn: String(f.get("dueOn") ?? ""),
                note: String(f.get("note") ?? ""),
                scope: tenantWideOnly ? "" : String(f.get("scope") ?? ""),
              });
            }}
          >
            <LabelledField label="Owner" error={fieldError("owner")}>
              <input
                name="owner"
                required
                maxLength={200}
                className={inputBase}
                aria-invalid={Boolean(fieldError("owner"))}
              />
            </LabelledField>
            <LabelledField label="Due date" error={fieldError("dueOn")}>
              <input
                name="dueOn"
                type="date"
                required
                min={today}
                className={inputBase}
                aria-invalid={Boolean(fieldError("dueOn"))}
              />
            </LabelledField>
            <LabelledField label="Device group">
              <select name="scope" defaultValue={group} disabled={tenantWideOnly} className={inputBase}>
                <option value="">All device groups</option>
                {groups.map((g) => (
                  <option key={g}>{g}</option>
                ))}
              </select>
              {tenantWideOnly ? (
                <span className="text-xs text-slate-500">Configuration recommendations are tracked tenant-wide.</span>
              ) : null}
            </LabelledField>
            <LabelledField label="Note" className="sm:col-span-2">
              <textarea name="note" maxLength={2000} rows={2} className={cn(inputBase, "h-auto py-1")} />
            </LabelledField>
            <div className="flex items-center gap-3 sm:col-span-2">
              <button type="submit" className={buttonPrimary} disabled={create.isPending}>
                {create.isPending ? "Creating…" : "Create request"}
              </button>
              <MutationError error={create.error} />
            </div>
          </form>
        </details>
      ) : null}
      <RemediationTable
        rows={requests}
        showRecommendation={false}
        empty={canCreate ? "No request yet: create one above." : "No remediation request for this recommendation."}
        manage={canCreate ? (r) => <RemediationRowActions request={r} today={today} /> : undefined}
      />
      <div className="grid gap-3 lg:grid-cols-2">
        {requests.map((r) => (
          <ChartPanel
            key={r.id}
            testId="burndown"
            title={`Burndown: ${r.owner}, due ${r.dueOn}${r.overdue ? " (overdue)" : r.status === "Closed" ? " (closed)" : ""}`}
            description={`${r.scope || "All device groups"}: devices still exposed at each sync against a straight line to zero on the due date.`}
            rows={r.burndown}
            columns={burndownColumns}
            rowKey={(p) => p.day}
            csvName={`remediation-${r.id.slice(0, 8)}-burndown`}
            empty="No progress sampled yet."
            chart={
              <TimeSeriesChart
                data={r.burndown.map((p) => ({ ...p }))}
                series={[
                  { key: "exposed", label: "Still exposed", color: SERIES_COLORS[1] },
                  { key: "ideal", label: "On track", color: SERIES_COLORS[0] },
                ]}
                label={`Burndown of the request owned by ${r.owner}`}
              />
            }
          />
        ))}
      </div>
    </section>
  );
}
