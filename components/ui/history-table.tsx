import type { HistoryEntry } from "@/lib/audit/describe";
import { formatUtc } from "./format";
import { RowsTable, Td } from "./table";

// "History in this console" of an alert or incident: each audit row as a sentence ("Ana Analyst resolved this
// alert as False positive — Not malicious"). Readers of the audit log see the raw parameters on hover.

export function HistoryTable({ history, what }: { history: HistoryEntry[]; what: "alert" | "incident" }) {
  return (
    <RowsTable
      caption={`Changes made to this ${what} through the console, newest first`}
      columns={["Time (UTC)", "What happened", "Result"]}
      rows={history}
      empty="No changes through the console yet."
      row={(h, i) => (
        <tr key={i} data-testid="history-row">
          <Td className="whitespace-nowrap font-mono text-xs">
            {formatUtc(h.at, "—", { seconds: true, zone: false })}
          </Td>
          <Td
            className="break-words"
            title={h.params === null ? h.actorName : `${h.actorName} · ${h.action} ${JSON.stringify(h.params)}`}
          >
            {h.summary}
          </Td>
          <Td
            className={
              h.result === "success"
                ? "text-emerald-700 dark:text-emerald-300"
                : h.result === "pending"
                  ? "text-slate-600 dark:text-slate-400"
                  : "text-red-700 dark:text-red-300"
            }
          >
            {h.result === "success" ? "Done" : h.result === "pending" ? "Outcome unknown" : "Failed"}
            {h.error ? `: ${h.error}` : ""}
          </Td>
        </tr>
      )}
    />
  );
}
