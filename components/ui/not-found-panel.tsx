import Link from "next/link";

/** The body of an [id] page's not-found.tsx: what is missing, why it might be, and the way back to the list. */
export function NotFoundPanel({
  title,
  detail,
  backHref,
  backLabel,
}: {
  title: string;
  detail: string;
  backHref: string;
  backLabel: string;
}) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-8 text-center dark:border-slate-800 dark:bg-slate-900">
      <h1 className="text-lg font-semibold">{title}</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{detail}</p>
      <Link href={backHref} className="mt-4 inline-block text-blue-700 underline dark:text-blue-300">
        {backLabel}
      </Link>
    </div>
  );
}
