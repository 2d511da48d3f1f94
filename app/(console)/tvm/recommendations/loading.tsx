import { RECOMMENDATION_COLUMNS } from "@/components/tvm/recommendation-table";

export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <span className="sr-only">Loading recommendations…</span>
      <div className="h-7 w-72 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      <div className="h-24 animate-pulse rounded-lg bg-slate-200 dark:bg-slate-800" />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table className="min-w-full text-sm" aria-hidden="true">
          <thead>
            <tr>
              {RECOMMENDATION_COLUMNS.map((c) => (
                <th key={c} className="border-b border-slate-200 bg-slate-50 px-3 py-2 text-left text-xs font-semibold uppercase text-slate-500 dark:border-slate-800 dark:bg-slate-800/50">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="animate-pulse">
            {Array.from({ length: 10 }, (_, i) => (
              <tr key={i}>
                {RECOMMENDATION_COLUMNS.map((c) => (
                  <td key={c} className="border-b border-slate-100 px-3 py-2 dark:border-slate-800">
                    <div className="h-3 rounded bg-slate-200 dark:bg-slate-800" />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
