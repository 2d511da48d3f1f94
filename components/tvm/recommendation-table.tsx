import Link from "next/link";
import type { ReactNode } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable } from "@/components/ui/data-table";
import type { RecommendationRow } from "@/lib/tvm/schemas";
import { Flag } from "./severity-badge";
import { label } from "@/lib/labels";

export const RECOMMENDATION_COLUMNS = [
  "Recommendation",
  "Remediation",
  "Severity",
  "Exposure impact",
  "Secure score impact",
  "Exposed devices",
  "Weaknesses",
];

/** The recommendation columns for the one DataTable; rows link to the recommendation's page. */
export function recommendationColumns(hrefFor: (id: string) => string): ColumnDef<RecommendationRow>[] {
  const figure = (
    id: string,
    header: string,
    cell: ColumnDef<RecommendationRow>["cell"],
  ): ColumnDef<RecommendationRow> => ({ id, header, cell, meta: { numeric: true } });
  return [
    {
      id: "name",
      header: "Recommendation",
      cell: ({ row: { original: r } }) => (
        <>
          <Link href={hrefFor(r.id)} className="font-medium text-blue-700 underline dark:text-blue-300">
            {r.name}
          </Link>
          {r.publicExploit ? (
            <span className="ml-1.5">
              <Flag>Exploit available</Flag>
            </span>
          ) : null}
          {r.category ? <span className="block text-xs text-slate-500">{r.category}</span> : null}
        </>
      ),
    },
    {
      id: "remediation",
      header: "Remediation",
      cell: ({ row }) => label("remediationType", row.original.remediationType),
    },
    figure("severity", "Severity", ({ row }) => row.original.severityScore.toFixed(1)),
    figure("exposure", "Exposure impact", ({ row }) => row.original.exposureImpact),
    figure("secure", "Secure score impact", ({ row }) => row.original.configScoreImpact),
    figure("exposed", "Exposed devices", ({ row: { original: r } }) => (
      <>
        {r.exposedDevices}
        {r.exposedInScope ? "" : <span className="block text-xs text-slate-500">tenant-wide</span>}
      </>
    )),
    figure("weaknesses", "Weaknesses", ({ row }) => row.original.weaknesses),
  ];
}

export function RecommendationTable({
  rows,
  hrefFor,
  empty,
}: {
  rows: RecommendationRow[];
  hrefFor: (id: string) => string;
  empty: ReactNode;
}) {
  return (
    <DataTable
      caption="Security recommendations"
      rows={rows}
      columns={recommendationColumns(hrefFor)}
      getRowId={(r) => r.id}
      rowProps={(r) => ({ "data-recommendation-id": r.id })}
      empty={empty}
    />
  );
}
