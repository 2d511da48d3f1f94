import { DEVICE_COLUMNS } from "@/components/devices/device-table";

// The inventory's real columns with placeholder rows, so the layout does not jump when the first page arrives.
export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <span className="sr-only">Loading devices…</span>
      <div className="h-7 w-32 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      <div className="flex gap-3">
        {Array.from({ length: 5 }, (_, i) => (
          <div key={i} className="h-8 w-24 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
        ))}
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table className="min-w-full text-sm" aria-hidden="true">
          <thead>
            <tr>
              {DEVICE_COLUMNS.map((c) => (
                <th key={c.key} className="border-b border-slate-200 bg-slate-50 px-2 py-2 text-left text-xs font-semibold uppercase text-slate-500 dark:border-slate-800 dark:bg-slate-800/50">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="animate-pulse">
            {Array.from({ length: 12 }, (_, i) => (
              <tr key={i}>
                {DEVICE_COLUMNS.map((c) => (
                  <td key={c.key} className="border-b border-slate-100 px-2 py-2 dark:border-slate-800">
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
