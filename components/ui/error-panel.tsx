"use client";

/** Shown by error boundaries: what went wrong in plain words, the reference to quote, and a retry. Never a stack. */
export function ErrorPanel({ title, digest, onRetry }: { title: string; digest?: string; onRetry?: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-6 dark:border-red-800 dark:bg-red-950">
      <h2 className="text-lg font-semibold text-red-900 dark:text-red-100">{title}</h2>
      <p className="mt-1 text-sm text-red-800 dark:text-red-200">
        The page could not be loaded. Try again; if it keeps failing, give this reference to your administrator.
      </p>
      {digest ? <p className="mt-2 font-mono text-xs text-red-700 dark:text-red-300">Reference: {digest}</p> : null}
      {onRetry ? (
        <button
          type="button"
          onClick={onRetry}
          className="mt-4 rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-700"
        >
          Retry
        </button>
      ) : null}
    </div>
  );
}

/** The props Next.js passes to a route segment's error.tsx boundary. */
export interface SegmentErrorProps {
  error: Error & { digest?: string };
  reset: () => void;
}

/**
 * The default export of a route segment's error.tsx: an ErrorPanel with the segment's title, the error's digest
 * and Next.js's reset as the retry. Each error.tsx then says only what could not be loaded.
 */
export function segmentError(title: string) {
  function SegmentError({ error, reset }: SegmentErrorProps) {
    return <ErrorPanel title={title} digest={error.digest} onRetry={reset} />;
  }
  return SegmentError;
}
