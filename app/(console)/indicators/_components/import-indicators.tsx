"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { buttonPrimary, buttonSecondary } from "@/components/ui/button-styles";
import { useModalDialog } from "@/components/ui/use-modal-dialog";
import { RowsTable, Td } from "@/components/ui/table";
import { CSV_COLUMNS, INDICATORS_PER_IMPORT_CALL, type ImportReport } from "@/lib/indicators/schemas";
import { apiFetch } from "../../_query/api";
import { indicatorKeys } from "../../_query/keys";
import { useSubmitOnce } from "../../_query/use-submit-once";
import { BoxedError } from "@/components/ui/mutation-error";

// CSV import: the file is read in the browser and sent whole; the server sends it to Defender 500 rows to a call
// and answers one result per row, which this dialog lists (failures first).

const OUTCOME: Record<ImportReport["rows"][number]["outcome"], string> = {
  imported: "Imported",
  failed: "Refused by Defender",
  invalid: "Invalid (not sent)",
  not_sent: "Not sent",
};

export function ImportIndicators() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const ref = useModalDialog(open);
  const titleId = useId();
  const run = useSubmitOnce<{ data: ImportReport }, string>({
    mutationFn: (csv, idempotencyKey) =>
      apiFetch("/api/indicators/import", { method: "POST", json: { csv }, idempotencyKey }),
    onSuccess: () => router.refresh(),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: indicatorKeys.all }),
  });
  const report = run.data?.data ?? null;
  const problems = report ? report.rows.filter((r) => r.outcome !== "imported") : [];
  return (
    <>
      <button
        type="button"
        className={buttonSecondary}
        onClick={() => {
          run.reset();
          setFile(null);
          setOpen(true);
        }}
      >
        Import CSV
      </button>
      <dialog
        ref={ref}
        aria-labelledby={titleId}
        onClose={() => setOpen(false)}
        className="m-auto w-[min(44rem,94vw)] rounded-lg border border-slate-300 bg-white p-5 text-slate-900 backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        <h2 id={titleId} className="text-lg font-semibold">
          Import indicators from CSV
        </h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          A header row with the columns <code>{CSV_COLUMNS.join(",")}</code> (the last two optional; action is Block,
          AlertAndBlock, Alert or Allow; expiresAt a date). Defender takes {INDICATORS_PER_IMPORT_CALL} rows per call,
          so a larger file is sent in several calls; each row gets its own result.
        </p>
        <label className="mt-3 flex flex-col gap-1 text-sm font-medium">
          CSV file
          <input
            type="file"
            accept=".csv,text/csv"
            onChange={async (e) => {
              const f = e.target.files?.[0];
              run.reset();
              setFile(f ? { name: f.name, text: await f.text() } : null);
            }}
          />
        </label>
        <BoxedError message={run.error?.message} className="mt-3" />
        {report ? (
          <div className="mt-3 space-y-2 text-sm">
            <p role={report.error ? "alert" : "status"}>
              {report.imported} imported, {report.failed} not imported, in {report.calls} call
              {report.calls === 1 ? "" : "s"} to Defender.
              {report.error ? ` The import stopped: ${report.error}` : ""}
            </p>
            {problems.length ? (
              <div className="max-h-64 overflow-auto">
                <RowsTable
                  caption="Rows not imported"
                  columns={["Line", "Value", "Result", "Reason"]}
                  rows={problems.slice(0, 500)}
                  empty=""
                  row={(r) => (
                    <tr key={r.line}>
                      <Td className="text-xs">{r.line}</Td>
                      <Td className="break-all font-mono text-xs">{r.indicatorValue}</Td>
                      <Td className="text-xs">{OUTCOME[r.outcome]}</Td>
                      <Td className="text-xs">{r.reason ?? "—"}</Td>
                    </tr>
                  )}
                />
              </div>
            ) : null}
          </div>
        ) : null}
        <div className="mt-4 flex justify-end gap-2">
          <button type="button" className={buttonSecondary} onClick={() => ref.current?.close()}>
            Close
          </button>
          <button
            type="button"
            className={buttonPrimary}
            disabled={!file || run.isPending || Boolean(report)}
            onClick={() => file && run.submit(file.text)}
          >
            {run.isPending ? "Importing…" : "Import"}
          </button>
        </div>
      </dialog>
    </>
  );
}
