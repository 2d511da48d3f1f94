import Link from "next/link";
import type { ReactNode } from "react";
import { EmptyRow, Table, Td, Th } from "@/components/ui/table";
import type { RecommendationRow } from "@/lib/tvm/schemas";
import { Flag } from "./severity-badge";

export const RECOMMENDATION_COLUMNS = ["Recommendation", "Remediation", "Severity", "Exposure impact", "Secure score impact", "Exposed devices", "Weaknesses"];

export function RecommendationTable({ rows, hrefFor, empty }: { rows: RecommendationRow[]; hrefFor: (id: string) => string; empty: ReactNode }) {
  return (
    <Table caption="Security recommendations">
      <thead>
        <tr>
          {RECOMMENDATION_COLUMNS.map((c, i) => (
            <Th key={c} className={i >= 2 ? "text-right" : undefined}>
              {c}
            </Th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <EmptyRow colSpan={RECOMMENDATION_COLUMNS.length}>{empty}</EmptyRow>
        ) : (
          rows.map((r) => (
            <tr key={r.id} data-recommendation-id={r.id}>
              <Td>
                <Link href={hrefFor(r.id)} className="font-medium text-blue-700 underline dark:text-blue-300">
                  {r.name}
                </Link>
                {r.publicExploit ? (
                  <span className="ml-1.5">
                    <Flag>Exploit available</Flag>
                  </span>
                ) : null}
                {r.category ? <span className="block text-xs text-slate-500">{r.category}</span> : null}
              </Td>
              <Td>{r.remediationType ?? "—"}</Td>
              <Td className="text-right tabular-nums">{r.severityScore.toFixed(1)}</Td>
              <Td className="text-right tabular-nums">{r.exposureImpact}</Td>
              <Td className="text-right tabular-nums">{r.configScoreImpact}</Td>
              <Td className="text-right tabular-nums">
                {r.exposedDevices}
                {r.exposedInScope ? "" : <span className="block text-xs text-slate-500">tenant-wide</span>}
              </Td>
              <Td className="text-right tabular-nums">{r.weaknesses}</Td>
            </tr>
          ))
        )}
      </tbody>
    </Table>
  );
}
