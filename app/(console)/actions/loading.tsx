// The action center's shape while it loads.
export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <span className="sr-only">Loading actions…</span>
      <div className="h-7 w-32 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      <div className="flex gap-2">
        {Array.from({ length: 4 }, (_, i) => (
          <div key={i} className="h-8 w-28 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
        ))}
      </div>
      <div className="space-y-2">
        {Array.from({ length: 10 }, (_, i) => (
          <div key={i} className="h-6 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
        ))}
      </div>
    </div>
  );
}
