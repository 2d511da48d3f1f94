import Link from "next/link";

/** A filtered list's empty state: says nothing matched, and offers the way back to the unfiltered list. */
export function NoMatches({ what, clearHref }: { what: string; clearHref: string }) {
  return (
    <span>
      <strong className="block text-slate-700 dark:text-slate-200">No {what} match these filters.</strong>
      <Link href={clearHref} className="text-blue-700 underline dark:text-blue-300">
        Clear filters
      </Link>
    </span>
  );
}
