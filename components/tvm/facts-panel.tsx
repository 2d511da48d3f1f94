import type { ReactNode } from "react";

/** The "Details" card of a TVM detail page: label/value pairs, then anything the page adds below them. */
export function FactsPanel({
  id,
  facts,
  children,
}: {
  id: string;
  facts: [string, ReactNode][];
  children?: ReactNode;
}) {
  return (
    <section
      aria-labelledby={id}
      className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id={id} className="mb-2 text-sm font-semibold">
        Details
      </h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5 text-sm">
        {facts.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-600 dark:text-slate-400">{k}</dt>
            <dd className="break-words">{v}</dd>
          </div>
        ))}
      </dl>
      {children}
    </section>
  );
}
