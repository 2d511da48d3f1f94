import Link from "next/link";
import type { ReactNode } from "react";
import { RowsTable, Td } from "@/components/ui/table";
import type { RemediationRequestRow } from "@/lib/tvm/schemas";
import { Flag } from "./severity-badge";

/** Remediation requests with their progress from the sync; overdue ones say so in words, not only colour. */
export function RemediationTable({
  rows,
  empty,
  showRecommendation = true,
  manage,
}: {
  rows: RemediationRequestRow[];
  empty: string;
  showRecommendation?: boolean;
  /** The controls of one row for those who may manage requests (tvm:report); no column without it. */
  manage?: (row: RemediationRequestRow) => ReactNode;
}) {
  return (
    <RowsTable
      caption="Remediation requests"
      columns={[
        ...(showRecommendation ? ["Recommendation"] : []),
        "Scope",
        "Owner",
        "Due",
        { label: "Still exposed", className: "text-right" },
        "Status",
        "Requested by",
        ...(manage ? ["Manage"] : []),
      ]}
      rows={rows}
      empty={empty}
      row={(r) => (
        <tr key={r.id} data-request-id={r.id} data-overdue={r.overdue}>
          {showRecommendation ? (
            <Td>
              <Link
                href={`/tvm/recommendations/${encodeURIComponent(r.recommendationId)}`}
                className="text-blue-700 underline dark:text-blue-300"
              >
                {r.recommendationName}
              </Link>
            </Td>
          ) : null}
          <Td>{r.scope || "All device groups"}</Td>
          <Td>{r.owner}</Td>
          <Td className="whitespace-nowrap">{r.dueOn}</Td>
          <Td className="text-right tabular-nums">
            {r.exposedNow} <span className="text-xs text-slate-500">of {r.baselineExposed}</span>
          </Td>
          <Td>
            {r.status === "Closed" ? (
              <span className="text-xs" title={r.closedAt ? `Closed ${r.closedAt.slice(0, 10)}` : undefined}>
                Closed{r.closedByName ? ` by ${r.closedByName}` : ""}
              </span>
            ) : r.status === "Completed" ? (
              <Flag tone="slate">Completed</Flag>
            ) : r.overdue ? (
              <Flag>Overdue</Flag>
            ) : (
              <span className="text-xs">Open</span>
            )}
          </Td>
          <Td className="text-xs">
            {r.createdByName}
            <br />
            {r.createdAt.slice(0, 10)}
            {r.note ? <p className="mt-1 max-w-xs text-slate-600 dark:text-slate-400">{r.note}</p> : null}
          </Td>
          {manage ? <Td>{manage(r)}</Td> : null}
        </tr>
      )}
    />
  );
}
