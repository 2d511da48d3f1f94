// stand-in: replaced by the editor/results branch
"use client";

export interface HuntingColumn {
  name: string;
  type: string;
}

export interface HuntingResultsProps {
  columns: HuntingColumn[];
  /** Exactly Graph's `results`. */
  rows: Record<string, unknown>[];
  query: string;
}

const cell = (v: unknown) =>
  v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);

/** A plain table of the first rows. */
export function HuntingResults({ columns, rows }: HuntingResultsProps) {
  return (
    <div className="max-h-[32rem] overflow-auto rounded-md border border-slate-200 dark:border-slate-800">
      <table className="min-w-full text-left text-xs">
        <thead className="sticky top-0 bg-slate-50 dark:bg-slate-900">
          <tr>
            {columns.map((c) => (
              <th key={c.name} scope="col" className="px-2 py-1 font-semibold">
                {c.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, 1000).map((row, i) => (
            <tr key={i} className="border-t border-slate-100 dark:border-slate-800">
              {columns.map((c) => (
                <td key={c.name} className="px-2 py-1 font-mono whitespace-nowrap">
                  {cell(row[c.name])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
