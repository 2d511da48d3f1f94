// The detail layout with placeholders: facts on the left, the device table on the right.
export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <span className="sr-only">Loading…</span>
      <div className="h-4 w-32 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      <div className="h-7 w-80 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="h-64 animate-pulse rounded-lg bg-slate-200 dark:bg-slate-800" />
        <div className="h-64 animate-pulse rounded-lg bg-slate-200 lg:col-span-2 dark:bg-slate-800" />
      </div>
    </div>
  );
}
